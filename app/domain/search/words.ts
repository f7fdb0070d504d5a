/**
 * The words of a typed search, in order, as the forgiving search reads them (decision 020): no
 * SQL here. PostgreSQL's French configuration stems each form the builder below asks for; the
 * builder then writes the tsquery from the lexemes it got back, so no typed character ever
 * reaches tsquery syntax.
 */

/** At most this many words of a text are searched. */
export const maxWords = 8;

export type QueryWord = {
  /** Lower case, accents kept: what PostgreSQL normalises. */
  text: string;
  /** Lower case without accents: what place names are compared by. */
  key: string;
  /** A single letter (the « e » of « e-commerce ») is no word of its own, only part of a joined form. */
  standalone: boolean;
  /** Separated from the previous word by spaces or a hyphen only: the two may be one word written apart. */
  joinsPrevious: boolean;
  /** « R&D » is read as « rd », and also as its parts. */
  parts?: string[];
};

/** An acronym with an ampersand (« R&D », « R & D », « AT&T »), or a plain word. */
const tokenPattern = /[\p{L}\p{N}]{1,3}(?:\s*&\s*[\p{L}\p{N}]{1,3})+(?![\p{L}\p{N}])|[\p{L}\p{N}]+/gu;
const apostrophe = /['’ʼ]/u;
/** Elided forms written before an apostrophe: « l’ », « d’ », « qu’ », « jusqu’ »… */
const longElisions = new Set(['jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu']);

/** Lower case without accents or ligatures: « Île-de-France » and « ile de france » compare equal. */
export function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
}

export function queryWords(typed: string | undefined): QueryWord[] {
  if (!typed) return [];
  const text = typed.normalize('NFC').toLocaleLowerCase('fr');
  const words: QueryWord[] = [];
  let previousEnd = 0;
  let afterApostrophe = false;
  for (const match of text.matchAll(tokenPattern)) {
    const start = match.index;
    const token = match[0];
    const between = text.slice(previousEnd, start);
    previousEnd = start + token.length;
    const next = text.charAt(previousEnd);
    // « l’animation »: the elided article is no word of the search.
    if (apostrophe.test(next) && (token.length <= 2 || longElisions.has(token))) {
      afterApostrophe = true;
      continue;
    }
    const joinsPrevious = words.length > 0 && !afterApostrophe && /^[\s-]+$/u.test(between);
    afterApostrophe = false;
    const parts = token.includes('&') ? token.split(/\s*&\s*/u) : undefined;
    const joined = parts ? parts.join('') : token;
    words.push({
      text: joined,
      key: withoutAccents(joined),
      standalone: parts !== undefined || joined.length > 1 || /\p{N}/u.test(joined),
      joinsPrevious,
      ...(parts ? { parts } : {}),
    });
    if (words.length === maxWords) break;
  }
  return words;
}

/** Whether a text holds any word at all (« ?! » does not, « le la » does). */
export function hasWords(typed: string | undefined): boolean {
  return queryWords(typed).length > 0;
}

/** French plurals in -x are not folded by the stemmer (« lieux » stays « lieux »): the form without the x too. */
function withPlural(form: string): string[] {
  return form.length > 3 && form.endsWith('x') ? [form, form.slice(0, -1)] : [form];
}

/** The forms a word is looked for under: itself, and glued to a neighbour it was typed apart from. */
function formsOf(words: QueryWord[], index: number): string[] {
  const word = words[index]!;
  const next = words[index + 1];
  const forms = withPlural(word.text);
  if (word.joinsPrevious) forms.push(...withPlural(words[index - 1]!.text + word.text));
  if (next?.joinsPrevious) forms.push(...withPlural(word.text + next.text));
  return forms;
}

/** Every text PostgreSQL must normalise for these words (at most a few dozen, once each). */
export function formsToNormalise(words: QueryWord[]): string[] {
  const forms = new Set<string>();
  words.forEach((word, index) => {
    if (!word.standalone) return;
    for (const form of formsOf(words, index)) forms.add(form);
    for (const part of word.parts ?? []) forms.add(part);
  });
  return [...forms];
}

/** What PostgreSQL answered for each form: its tsquery as text, '' for a stop word. */
export type Lexemes = ReadonlyMap<string, string>;

/** A query with an operator in it goes in parentheses before it is combined. */
const grouped = (query: string) => (/[&|!<]/.test(query) ? `(${query})` : query);
const unique = (queries: string[]) => [...new Set(queries.filter(Boolean))];
const either = (alternatives: string[]) => {
  const distinct = unique(alternatives);
  return distinct.length === 1 ? distinct[0]! : distinct.map(grouped).join(' | ');
};
const all = (terms: string[]) => unique(terms).map(grouped).join(' & ');

/**
 * The tsquery of some of the words (`indexes`, all by default): each word must be found, as
 * typed or glued to the word typed beside it (« start up » also finds « startup », and the
 * document side indexes « start-up » as « startup » too). A stop word is no condition at all,
 * even when it could be glued to a neighbour. '' when nothing is left to look for.
 */
export function buildTsQuery(words: QueryWord[], lexemes: Lexemes, indexes?: number[]): string {
  const terms: string[] = [];
  for (const index of indexes ?? words.map((_, position) => position)) {
    const word = words[index]!;
    if (!word.standalone) continue;
    const own = lexemes.get(word.text) ?? '';
    const fromParts = all((word.parts ?? []).map((part) => lexemes.get(part) ?? ''));
    if (!own && !fromParts) continue;
    terms.push(either([...formsOf(words, index).map((form) => lexemes.get(form) ?? ''), fromParts]));
  }
  return all(terms);
}
