import { describe, expect, test } from 'vitest';
import { buildTsQuery, formsToNormalise, hasWords, queryWords, withoutAccents } from './words';

const texts = (typed: string) => queryWords(typed).map((word) => word.text);

/** What PostgreSQL's French configuration would answer, for the words of these tests. */
const french = new Map(
  Object.entries({
    startup: "'startup'",
    start: "'start'",
    up: "'up'",
    tiers: "'tier'",
    lieux: "'lieux'",
    lieu: "'lieu'",
    tierslieux: "'tierslieux'",
    tierslieu: "'tierslieu'",
    rd: "'rd'",
    r: "'r'",
    d: '',
    le: '',
    la: '',
    des: '',
    et: '',
    poste: "'post'",
    laposte: "'lapost'",
    commerce: "'commerc'",
    ecommerce: "'ecommerc'",
    co2: "'co2'",
  }),
);
/** Forms the table above does not list are stop words here. */
const tsquery = (typed: string) => buildTsQuery(queryWords(typed), french);

describe('the words of a search', () => {
  test('are split on anything but letters and digits, in order, lower case, at most eight', () => {
    expect(texts('  Tiers-LIEUX, «coopération»!  ')).toEqual(['tiers', 'lieux', 'coopération']);
    expect(texts("juridique:* | !statuts & (scic) <-> 'x'")).toEqual(['juridique', 'statuts', 'scic']);
    expect(queryWords('x')[0]!.standalone).toBe(false);
    expect(texts('un deux trois quatre cinq six sept huit neuf')).toHaveLength(8);
    expect(texts('?! … «»')).toEqual([]);
    expect(hasWords('?! … «»')).toBe(false);
    expect(hasWords('le la')).toBe(true);
  });

  test('leave out elided articles, whatever the apostrophe', () => {
    expect(texts('l’animation d’un tiers-lieu jusqu’au bout')).toEqual(['animation', 'un', 'tiers', 'lieu', 'au', 'bout']);
    expect(texts("l'animation")).toEqual(['animation']);
    // Glued only to a word typed apart with a space or a hyphen, never across an apostrophe.
    expect(queryWords('l’animation').map((word) => word.joinsPrevious)).toEqual([false]);
    expect(queryWords('start-up start up start, up').map((word) => word.joinsPrevious)).toEqual([false, true, true, true, true, false]);
  });

  test('read « R&D » and « R & D » as one word, with its parts', () => {
    expect(queryWords('R&D')).toEqual([{ text: 'rd', key: 'rd', standalone: true, joinsPrevious: false, parts: ['r', 'd'] }]);
    expect(queryWords('la R & D territoriale').map((word) => word.text)).toEqual(['la', 'rd', 'territoriale']);
    // Long words around an ampersand are two words.
    expect(texts('Pierre & Marie')).toEqual(['pierre', 'marie']);
  });

  test('a single letter is only part of a glued form', () => {
    expect(queryWords('e-commerce').map((word) => [word.text, word.standalone])).toEqual([
      ['e', false],
      ['commerce', true],
    ]);
    expect(queryWords('2 co2').map((word) => word.standalone)).toEqual([true, true]);
  });

  test('keys compare without accents or ligatures', () => {
    expect(withoutAccents('île-de-france œuvre')).toBe('ile-de-france oeuvre');
    expect(queryWords('Auvergne-Rhône-Alpes').map((word) => word.key)).toEqual(['auvergne', 'rhone', 'alpes']);
  });
});

describe('the tsquery', () => {
  test('« startup », « start-up » and « start up » each also look for the other spellings', () => {
    expect(tsquery('startup')).toBe("'startup'");
    expect(tsquery('start-up')).toBe("('start' | 'startup') & ('up' | 'startup')");
    expect(tsquery('start up')).toBe(tsquery('start-up'));
  });

  test('a plural in -x is also looked for without its x, glued forms too', () => {
    expect(tsquery('tiers lieux')).toBe("('tier' | 'tierslieux' | 'tierslieu') & ('lieux' | 'lieu' | 'tierslieux' | 'tierslieu')");
  });

  test('« R&D » is « rd » or its parts that are no stop words', () => {
    expect(tsquery('R&D')).toBe("('rd' | 'r')");
    expect(tsquery('R & D')).toBe("('rd' | 'r')");
  });

  test('stop words are no condition, even next to a word they could be glued to', () => {
    expect(tsquery('la poste')).toBe("('post' | 'lapost')");
    expect(tsquery('e-commerce')).toBe("('commerc' | 'ecommerc')");
    expect(tsquery('le la des')).toBe('');
    expect(tsquery('et')).toBe('');
  });

  test('asks PostgreSQL for each form once: words, glued neighbours, plurals without x, parts', () => {
    expect(formsToNormalise(queryWords('tiers-lieux R&D l’x'))).toEqual(['tiers', 'tierslieux', 'tierslieu', 'lieux', 'lieu', 'lieuxrd', 'rd', 'r', 'd']);
  });

  test('some words only, by index; each word once', () => {
    const words = queryWords('start up co2 co2');
    expect(buildTsQuery(words, french, [2])).toBe("'co2'");
    expect(buildTsQuery(words, french, [2, 3])).toBe("'co2'");
    expect(buildTsQuery(words, french, [])).toBe('');
  });

  test('a lexeme PostgreSQL splits in two stays one group', () => {
    const words = queryWords('abc');
    expect(buildTsQuery(words, new Map([['abc', "'a' & 'bc'"]]))).toBe("('a' & 'bc')");
  });
});
