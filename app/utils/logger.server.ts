import pino from 'pino';

export type Logger = pino.Logger;

/** JSON lines for production and tests; readable lines on a developer's terminal. */
export function createLogger(level: string, destination?: pino.DestinationStream | 'pretty'): Logger {
  const options = { level, base: undefined, redact: { paths: ['password', '*.password'], remove: true } };
  if (destination === 'pretty') return pino({ ...options, transport: { target: 'pino-pretty', options: { ignore: 'time' } } });
  return destination ? pino(options, destination) : pino(options);
}
