/**
 * True when a browser's `Origin` header names this site: the public URL's origin, or the host the
 * request was sent to. `null` (sandboxed frames, `file://` pages) and anything that is not a URL
 * are foreign, never an exception.
 */
export function isOwnOrigin(origin: string, site: { appUrl: URL; host: string | undefined }): boolean {
  if (origin === site.appUrl.origin) return true;
  if (!site.host || !URL.canParse(origin)) return false;
  return new URL(origin).host === site.host.toLowerCase();
}
