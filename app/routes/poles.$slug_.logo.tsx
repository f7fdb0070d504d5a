import type { LoaderFunctionArgs } from '@remix-run/node';
import { logoVersion } from '#app/components/poles/pole-logo';
import { getPoleLogo } from '#app/models/pole-profile.server';
import { notFound } from '#app/utils/http';

/**
 * The pole's logo, public like its profile. Pages link to it with `?v=<version>`: that address
 * never changes content, so browsers keep it for a year; the bare address is revalidated.
 * The type is the one checked from the file's bytes at upload, and `nosniff` (helmet's, on every
 * answer) holds browsers to it.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const logo = await getPoleLogo(context.db, params.slug ?? '');
  if (!logo) throw notFound();
  const version = logoVersion(logo.updatedAt);
  const etag = `"${version}"`;
  const versioned = new URL(request.url).searchParams.get('v') === version;
  const headers = new Headers({
    'Content-Type': logo.contentType,
    ETag: etag,
    'Last-Modified': logo.updatedAt.toUTCString(),
    'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
  });
  const known =
    request.headers
      .get('If-None-Match')
      ?.split(',')
      .map((tag) => tag.trim()) ?? [];
  if (known.includes(etag) || known.includes(`W/${etag}`)) return new Response(null, { status: 304, headers });
  headers.set('Content-Length', String(logo.bytes.byteLength));
  return new Response(logo.bytes, { status: 200, headers });
}
