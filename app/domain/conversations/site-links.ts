/**
 * The addresses of this site's pages in a message's text (e.g. the visit a conversation's
 * announcement names), so the page can show them as links. Any other address stays plain text:
 * the page links only to itself, never to somewhere a message's author chose.
 */

export type TextPart = string | { text: string; path: string };

/** A web address, without the punctuation that may follow it in a sentence. */
const webAddress = /(https?:\/\/[^\s<>"«»]*[^\s<>"«».,;:!?)])/;

/** The address, or null when it does not parse (URL.canParse is too recent for some browsers). */
function parsed(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export function siteLinks(body: string, siteOrigin: string): TextPart[] {
  // split() with a capturing group puts the addresses at the odd indices.
  return body
    .split(webAddress)
    .map((part, index): TextPart => {
      const address = index % 2 === 1 ? parsed(part) : null;
      return address?.origin === siteOrigin ? { text: part, path: `${address.pathname}${address.search}${address.hash}` } : part;
    })
    .filter((part) => part !== '');
}
