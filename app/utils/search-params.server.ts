import { redirect } from '@remix-run/node';

/** Remix's own parameters on a data request: never part of the page's address. */
const frameworkParams = new Set(['_data', '_routes', 'index']);

/**
 * The same address without its empty query parameters (« ?q=&region=&page=2 » → « ?page=2 »), or
 * null when none is empty. Every filled parameter stays, in its order, the page number too.
 */
export function withoutEmptyParams(url: URL): string | null {
  const entries = [...url.searchParams].filter(([name]) => !frameworkParams.has(name));
  const kept = entries.filter(([, value]) => value.trim() !== '');
  if (kept.length === entries.length) return null;
  const search = new URLSearchParams(kept).toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}

/**
 * A list page's first step: a GET form sends its empty fields too, with or without JavaScript;
 * the page answers with a redirect to the address that says only what was chosen, the one worth
 * sharing or bookmarking.
 */
export function redirectWithoutEmptyParams(request: Request): void {
  const target = withoutEmptyParams(new URL(request.url));
  if (target !== null) throw redirect(target, 302);
}
