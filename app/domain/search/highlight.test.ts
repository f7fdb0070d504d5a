import { describe, expect, test } from 'vitest';
import { markJoinedWords, searchedKeys, type Segment } from './highlight';
import { formsToNormalise, queryWords } from './words';

/** PostgreSQL's answer for each form, near enough for these tests: the form itself, a final « s » folded. */
const keysOf = (typed: string) => {
  const words = queryWords(typed);
  return searchedKeys(words, new Map(formsToNormalise(words).map((form) => [form, `'${form.replace(/s$/u, '')}'`])));
};

/** A text as ts_headline returns it, marks in brackets: « la [Start]-[up] ». */
function segments(marked: string): Segment[] {
  return marked
    .split(/(\[[^\]]*\])/u)
    .filter(Boolean)
    .map((piece) => (piece.startsWith('[') ? { text: piece.slice(1, -1), match: true } : { text: piece, match: false }));
}
/** The segments back in the same notation. */
const shown = (result: Segment[]) => result.map((segment) => (segment.match ? `[${segment.text}]` : segment.text)).join('');
const marked = (typed: string, text: string) => shown(markJoinedWords(segments(text), keysOf(typed)));

describe('marking a word written in parts', () => {
  test('« startup » marks « Start-up » whole, which PostgreSQL leaves unmarked', () => {
    expect(marked('startup', 'La démarche « Start-up de territoire »')).toBe('La démarche « [Start-up] de territoire »');
    // Its plural, and the lexeme PostgreSQL gave for it.
    expect(marked('startups', 'Deux start-ups et une Start-Up.')).toBe('Deux [start-ups] et une [Start-Up].');
  });

  test('« start-up » and « start up »: the two halves PostgreSQL marked become one mark', () => {
    for (const typed of ['start-up', 'start up']) {
      expect(marked(typed, 'La [Start]-[up] de territoire'), typed).toBe('La [Start-up] de territoire');
      // Glued in the text, PostgreSQL marked it already; nothing changes.
      expect(marked(typed, 'Une [startup] coopérative'), typed).toBe('Une [startup] coopérative');
    }
  });

  test('hyphen, space and glued spellings of « tiers-lieux » are one word', () => {
    for (const typed of ['tierslieux', 'tiers-lieux', 'tiers lieux', 'tiers-lieu']) {
      expect(marked(typed, 'Un tiers-lieu et des tiers-lieux'), typed).toBe('Un [tiers-lieu] et des [tiers-lieux]');
    }
    // Written apart with a space and marked part by part: one mark.
    expect(marked('tiers lieux', 'Des [tiers] [lieux] ruraux')).toBe('Des [tiers lieux] ruraux');
  });

  test('« R&D » and « R & D » are marked whole', () => {
    expect(marked('rd', 'La [R]&D territoriale, la R & D')).toBe('La [R&D] territoriale, la [R & D]');
  });

  test('words joined by a space are glued only when each was found: « de couvrir » is not « découvrir »', () => {
    expect(marked('découvrir', 'Afin de couvrir les frais, [découvrir] le lieu')).toBe('Afin de couvrir les frais, [découvrir] le lieu');
    expect(marked('startup', 'Une start up')).toBe('Une start up');
  });

  test('other marks and words are left as they were; three parts at most', () => {
    expect(marked('startup', '[Compostage] partagé, [start-up]')).toBe('[Compostage] partagé, [start-up]');
    expect(marked('start', 'La [Start]-up')).toBe('La [Start]-up');
    expect(marked('startup', 'sta-rt-u-p')).toBe('sta-rt-u-p');
    expect(markJoinedWords(segments('La [Start]-up'), new Set())).toEqual(segments('La [Start]-up'));
    expect(marked('startup', '')).toBe('');
  });
});
