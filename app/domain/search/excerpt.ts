/**
 * Where an excerpt was cut. PostgreSQL's ts_headline returns fragments of a text without saying
 * whether the first one starts the text or the last one ends it (and it drops the final full
 * stop), so they are compared with the text's first and last characters.
 */

/** How many characters of each end of a text the comparison needs (the statement reads that many). */
export const textEndLength = 100;
const compared = 30;

const squeezed = (text: string) => text.replace(/\s+/gu, ' ');
const withoutLeadingPunctuation = (text: string) => text.replace(/^[^\p{L}\p{N}]+/u, '');
const withoutTrailingPunctuation = (text: string) => text.replace(/[^\p{L}\p{N}]+$/u, '');

export type ExcerptEnds = {
  /** The excerpt starts inside the text: it is shown after « … ». */
  cutBefore: boolean;
  /** The excerpt stops inside the text: it is shown before « … ». */
  cutAfter: boolean;
  /** The punctuation that ends the text, dropped by ts_headline, to put back when nothing is cut after. */
  ending: string;
};

/** `excerpt`: the fragments as plain text; `start`, `end`: the text's first and last `textEndLength` characters. */
export function excerptEnds(excerpt: string, text: { start: string; end: string }): ExcerptEnds {
  const shown = squeezed(excerpt).trim();
  const head = withoutLeadingPunctuation(shown).slice(0, compared);
  const tail = withoutTrailingPunctuation(shown).slice(-compared);
  const start = withoutLeadingPunctuation(squeezed(text.start).trimStart());
  const end = squeezed(text.end).trimEnd();
  const endWords = withoutTrailingPunctuation(end);
  const cutAfter = !endWords.endsWith(tail);
  return {
    cutBefore: !start.startsWith(head),
    cutAfter,
    ending: cutAfter || shown.endsWith(end.slice(endWords.length)) ? '' : end.slice(endWords.length),
  };
}
