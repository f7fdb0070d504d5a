import pino from 'pino';

export type Logger = pino.Logger;

/** JSON lines for production and tests; readable lines on a developer's terminal. */
export function createLogger(level: string, destination?: pino.DestinationStream | 'pretty'): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: { paths: ['password', '*.password'], remove: true },
    serializers: { err: serializeError },
  };
  if (destination === 'pretty') return pino({ ...options, transport: { target: 'pino-pretty', options: { ignore: 'time' } } });
  return destination ? pino(options, destination) : pino(options);
}

/** The properties of an error (and of its causes) that may reach a log: no values, only names and codes. */
const loggedProperties = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'status', 'statusCode'] as const;

type SerializedError = { type: string; message: string; stack?: string; query?: string; cause?: SerializedError } & Record<string, unknown>;

/**
 * Errors as log records without the data they carry. A failed query's error holds its parameters
 * (people's text, session-id hashes) in its message (drizzle's "params: …"), in `params` /
 * `parameters`, and PostgreSQL's `detail` repeats key values: only the query text (placeholders,
 * no values), the SQLSTATE code and the names of the objects involved are kept.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrub(String(error)) };
  const message = scrub(error.message);
  const serialized: SerializedError = {
    type: error.constructor?.name ?? error.name,
    message,
    stack: error.stack?.replace(error.message, message),
  };
  const record = error as unknown as Record<string, unknown>;
  if (typeof record.query === 'string') serialized.query = record.query;
  for (const name of loggedProperties) {
    if (typeof record[name] === 'string' || typeof record[name] === 'number') serialized[name] = record[name];
  }
  if (error.cause !== undefined && depth < 5) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

/**
 * Drops drizzle's "params: …" tail, and masks a quoted value that PostgreSQL echoes at the end of
 * a message (`invalid input syntax for type uuid: "…"`).
 */
function scrub(message: string): string {
  const withoutParams = message.split(/\nparams:/)[0]!;
  return withoutParams.replace(/: ".*"$/s, ': "…"');
}

/**
 * A request's address as logged: query values are masked (searches and forms carry people's
 * words), and so are the secret tokens of reset and invitation links.
 */
export function loggableUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = (queryStart === -1 ? url : url.slice(0, queryStart)).replace(/^\/(reinitialiser|invitation)\/[^/?]+/, '/$1/…');
  if (queryStart === -1) return path;
  const names = [...new URLSearchParams(url.slice(queryStart + 1)).keys()].map((name) => `${encodeURIComponent(name)}=…`);
  return `${path}?${names.join('&')}`;
}
