/**
 * Only a same-site path may be a redirect target: "/poles?x=1" passes (percent-encoded), while
 * "//evil.example", "/\\evil.example", "https://…" and "javascript:…" fall back to "/".
 */
export function safeRedirectPath(target: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof target !== 'string' || !target) return fallback;
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  // A Location header carries bytes, not text: "/poles?q=œuvre" leaves as "/poles?q=%C5%93uvre".
  const url = new URL(target, 'http://same-site.invalid');
  return url.pathname + url.search + url.hash;
}
