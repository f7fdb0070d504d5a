import type { LoaderFunctionArgs } from '@remix-run/node';
import { isLanguage } from '#app/i18n';
import { servedTexts } from '#app/locales/catalogues.server';

/**
 * A language's texts for the browser, as JSON. The address a page gives carries the version
 * (`?v=`): that one is cached for a year; any other answer is revalidated each time.
 */
export function loader({ params, request }: LoaderFunctionArgs) {
  if (!isLanguage(params.lng)) throw new Response(null, { status: 404 });
  const { body, version } = servedTexts[params.lng];
  const current = new URL(request.url).searchParams.get('v') === version;
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: `"${version}"`,
  };
  if (request.headers.get('If-None-Match') === headers.ETag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}
