import { formsToNormalise, withoutAccents, type Lexemes, type QueryWord } from './words';

/**
 * The marks of a result's title and excerpt, completed for words written in parts (decision 020).
 * PostgreSQL's `ts_headline` marks the words of the text whose lexemes the query holds; but the
 * text's « Start-up » is read as « start-up », « start » and « up », so a search for « startup »
 * (found through the document's glued form) marks nothing, and a search for « start-up » marks
 * « Start » and « up » apart. Here a word written in parts is marked whole when, glued, it is a
 * word of the search: joined by a hyphen or an ampersand, always (the document side glues those
 * too, which is why the item was found); joined by a space, only when each part is already
 * marked (glueing any two neighbours would mark « de couvrir » for « découvrir »).
 */

/** A text cut in plain and matched pieces; React renders the matched ones in <mark>. */
export type Segment = { text: string; match: boolean };

/** At most this many parts make one word (« Auvergne-Rhône-Alpes »). */
const maxParts = 3;
const wordPattern = /[\p{L}\p{N}]+/gu;
/** What joins two parts of one word: a hyphen, an ampersand (« R&D », « R & D »), or one space. */
const joiner = /^(?:-|\s?&\s?|\s)$/u;
const space = /^\s$/u;

/** How a word is compared: lower case, without accents, without a plural ending. */
function comparable(text: string): string {
  const key = withoutAccents(text.toLocaleLowerCase('fr'));
  return key.length > 3 && /[sx]$/u.test(key) ? key.slice(0, -1) : key;
}

/**
 * The words of a search, as a text's glued words are compared with them: every form the search
 * looks for (each word, glued to its neighbours, its parts) and the lexemes PostgreSQL gave for
 * them (« startups » is looked for as « startup »).
 */
export function searchedKeys(words: QueryWord[], lexemes: Lexemes): Set<string> {
  const keys = new Set<string>();
  for (const form of formsToNormalise(words)) {
    keys.add(comparable(form));
    for (const [, lexeme] of (lexemes.get(form) ?? '').matchAll(/'((?:[^']|'')+)'/gu)) keys.add(comparable(lexeme!.replace(/''/gu, "'")));
  }
  return keys;
}

/** Marks whole the words written in parts whose glued form is one of `keys`; other marks are kept as they are. */
export function markJoinedWords(segments: Segment[], keys: ReadonlySet<string>): Segment[] {
  if (keys.size === 0) return segments;
  const text = segments.map((segment) => segment.text).join('');
  // One flag per UTF-16 unit, as the text's indexes count.
  const marked = segments.flatMap((segment) => Array<boolean>(segment.text.length).fill(segment.match));
  const words = [...text.matchAll(wordPattern)].map((match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
  words.forEach((first, index) => {
    let spaced = false;
    for (let last = index + 1; last < Math.min(words.length, index + maxParts); last += 1) {
      const between = text.slice(words[last - 1]!.end, words[last]!.start);
      if (!joiner.test(between)) break;
      spaced ||= space.test(between);
      const parts = words.slice(index, last + 1);
      if (spaced && !parts.every((part) => marked[part.start])) continue;
      if (!keys.has(comparable(parts.map((part) => part.text).join('')))) continue;
      marked.fill(true, first.start, words[last]!.end);
    }
  });
  const result: Segment[] = [];
  for (let start = 0; start < text.length;) {
    let end = start + 1;
    while (end < text.length && marked[end] === marked[start]) end += 1;
    result.push({ text: text.slice(start, end), match: marked[start]! });
    start = end;
  }
  return result;
}
