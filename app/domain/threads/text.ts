import * as linkify from 'linkifyjs';

/**
 * A message's text as parts to render (decision 019): plain text, web links (http and https only,
 * found by linkifyjs: the page renders them escaped, `rel="nofollow noopener noreferrer ugc"`,
 * and a link to this site as an in-app link) and `@mentions` of people who may read the thread.
 */

export type TextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string; internal: boolean } | { kind: 'mention'; text: string; userId: string };

export type Mentionable = { id: string; name: string };

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('fr');

/**
 * The people a text names as `@Full Name` among those who may read the thread: the longest name
 * wins (« @Marie Dupont-Martin » before « @Marie Dupont »), case and accents ignored, and a name
 * must end at a word boundary. Each person once, in the order of the text.
 */
export function findMentions(text: string, people: readonly Mentionable[]): Array<{ start: number; end: number; person: Mentionable }> {
  const folded = fold(text);
  const byLength = [...people].filter((person) => person.name.trim().length > 0).sort((a, b) => b.name.length - a.name.length);
  const found: Array<{ start: number; end: number; person: Mentionable }> = [];
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
    if (at > 0 && /[\p{L}\p{N}]/u.test(folded[at - 1]!)) continue; // an e-mail address, not a mention
    const person = byLength.find((candidate) => {
      const name = fold(candidate.name);
      const end = at + 1 + name.length;
      return folded.startsWith(name, at + 1) && !/[\p{L}\p{N}]/u.test(folded[end] ?? ' ');
    });
    if (person && !found.some((mention) => mention.person.id === person.id)) {
      found.push({ start: at, end: at + 1 + fold(person.name).length, person });
    }
  }
  return found;
}

/** The text cut into parts: links (web addresses only), mentions, and the plain text between. */
export function textParts(text: string, options: { siteOrigin: string; people?: readonly Mentionable[] }): TextPart[] {
  type Span = { start: number; end: number; part: TextPart };
  const spans: Span[] = [];
  for (const link of linkify.find(text, 'url')) {
    let url: URL;
    try {
      url = new URL(link.href);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    spans.push({ start: link.start, end: link.end, part: { kind: 'link', text: link.value, href: url.href, internal: url.origin === options.siteOrigin } });
  }
  for (const mention of findMentions(text, options.people ?? [])) {
    if (spans.some((span) => mention.start < span.end && span.start < mention.end)) continue;
    spans.push({ start: mention.start, end: mention.end, part: { kind: 'mention', text: text.slice(mention.start, mention.end), userId: mention.person.id } });
  }
  spans.sort((a, b) => a.start - b.start);
  const parts: TextPart[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start > cursor) parts.push({ kind: 'text', text: text.slice(cursor, span.start) });
    parts.push(span.part);
    cursor = span.end;
  }
  if (cursor < text.length) parts.push({ kind: 'text', text: text.slice(cursor) });
  return parts;
}
