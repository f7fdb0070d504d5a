import type { Request } from 'express';
import { formMediaTypes, hasNulCharacter, mediaTypeOf } from '#app/utils/form.server';

export type Refusal = { status: 400 | 411 | 413 | 415; reason: string };

const methodsWithoutBody = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What the edge refuses before any route runs, from the request line and headers alone (the body
 * is never read here):
 * - a path that is not valid percent-encoded UTF-8 (`/poles/%FF`), or a NUL in the path or the
 *   query string (PostgreSQL refuses NUL in text, so it must never reach a query): 400;
 * - a body that is not a form (JSON, XML…): 415; a streamed body without a length: 411;
 * - a declared length over the form limits: 413, before a byte of it is read.
 * Form fields are checked for NUL where they are parsed, in readForm (app/utils/form.server.ts).
 */
export function inspectRequest(req: Pick<Request, 'method' | 'originalUrl' | 'headers'>): Refusal | null {
  const queryStart = req.originalUrl.indexOf('?');
  const path = queryStart === -1 ? req.originalUrl : req.originalUrl.slice(0, queryStart);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(path);
  } catch {
    return { status: 400, reason: 'malformed percent-encoding in the path' };
  }
  if (hasNulCharacter(decodedPath)) return { status: 400, reason: 'NUL character in the path' };
  if (queryStart !== -1) {
    for (const [name, value] of new URLSearchParams(req.originalUrl.slice(queryStart + 1))) {
      if (hasNulCharacter(name) || hasNulCharacter(value)) return { status: 400, reason: 'NUL character in the query string' };
    }
  }
  if (methodsWithoutBody.has(req.method)) return null;
  const declaredLength = req.headers['content-length'];
  if (declaredLength === undefined) {
    // Browsers always declare the length of a form; a stream of unknown length is not a form.
    return req.headers['transfer-encoding'] ? { status: 411, reason: 'body without a declared length' } : null;
  }
  const length = Number(declaredLength);
  if (length === 0) return null;
  const limit = formMediaTypes[mediaTypeOf(req.headers['content-type']) as keyof typeof formMediaTypes];
  if (limit === undefined) return { status: 415, reason: 'body that is not a form' };
  if (length > limit) return { status: 413, reason: 'body over the form limit' };
  return null;
}
