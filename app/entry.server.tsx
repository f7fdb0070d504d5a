import { Transform } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { createInstance } from 'i18next';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { NonceProvider } from './components/nonce';
import { i18nConfig } from './i18n';
import { i18next } from './i18next.server';
import { resources } from './locales/catalogues.server';
import { loggableUrl } from './utils/logger.server';

export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = createInstance();
  const lng = await i18next.getLocale(request);
  await instance.use(initReactI18next).init({ ...i18nConfig, resources, lng });
  const nonce = loadContext.cspNonce;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        // Whole documents, not streamed: pages are small and must read well without JavaScript.
        onAllReady() {
          shellRendered = true;
          const body = documentStream();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) loadContext.logger?.error({ err: error }, 'render error');
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

const documentEnd = Buffer.from('</body></html>');

/**
 * Mends two defects of React 18's HTML stream on its way out, as React 19 does:
 * - the closing `</body></html>` is written with the shell, so Remix's single-fetch scripts
 *   (rendered after the document by `RemixServer`) land after `</html>`, which is invalid HTML
 *   ("Stray start tag script", RGAA 8.2): it is held back and written when the stream ends;
 * - NUL bytes (below).
 */
function documentStream() {
  let pending = Buffer.alloc(0);
  let heldBack = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      chunk = stripTrailingNulBytes(chunk);
      if (heldBack) return callback(null, chunk);
      // The closing tags may straddle two chunks: keep any tail that could start them.
      const text = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const at = text.indexOf(documentEnd);
      if (at !== -1) {
        heldBack = true;
        pending = Buffer.alloc(0);
        return callback(null, Buffer.concat([text.subarray(0, at), text.subarray(at + documentEnd.length)]));
      }
      const kept = partialEndLength(text);
      pending = Buffer.from(text.subarray(text.length - kept));
      callback(null, text.subarray(0, text.length - kept));
    },
    flush(callback) {
      callback(null, heldBack ? documentEnd : pending.length ? pending : undefined);
    },
  });
}

/** Length of the longest tail of `text` that begins `</body></html>`. */
function partialEndLength(text: Buffer) {
  for (let length = Math.min(documentEnd.length - 1, text.length); length > 0; length -= 1) {
    if (text.subarray(text.length - length).equals(documentEnd.subarray(0, length))) return length;
  }
  return 0;
}

/**
 * React 18's renderer flushes its whole 2 KiB buffer when a multi-byte character (é, ’, —) does not
 * fit at its end, leaking up to three NUL bytes (facebook/react#26228, fixed only in React 19).
 * HTML never contains NUL, so trailing ones are dropped from each chunk.
 */
function stripTrailingNulBytes(chunk: Buffer) {
  let end = chunk.length;
  while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end -= 1;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}

/** Server errors reach the log with their stack, never the page. */
export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return;
  const { pathname, search } = new URL(request.url);
  const url = loggableUrl(pathname + search);
  // A refusal Remix makes itself (405 for a POST to a page without a form…) is the client's mistake, not ours.
  if (isRouteErrorResponse(error) && error.status < 500) {
    context.logger?.warn({ status: error.status, method: request.method, url }, 'request refused');
    return;
  }
  context.logger?.error({ err: error, url }, 'unhandled server error');
}
