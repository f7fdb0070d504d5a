import { describe, expect, test } from 'vitest';
import { excerptEnds, textEndLength } from './excerpt';

const ends = (text: string) => ({ start: text.slice(0, textEndLength), end: text.slice(-textEndLength) });
const long = `Au début, ${'des mots et encore des mots, '.repeat(12)}puis le compostage partagé, ${'et la suite du texte, '.repeat(12)}jusqu’à la fin.`;

describe('where an excerpt was cut', () => {
  test('a fragment from the middle is cut on both sides', () => {
    expect(excerptEnds('encore des mots, puis le compostage partagé, et la suite', ends(long))).toEqual({ cutBefore: true, cutAfter: true, ending: '' });
  });

  test('a fragment that starts the text, or ends it, is not cut there', () => {
    expect(excerptEnds('Au début, des mots et encore des mots', ends(long))).toMatchObject({ cutBefore: false, cutAfter: true });
    // ts_headline drops the final full stop: it is put back.
    expect(excerptEnds('et la suite du texte, jusqu’à la fin', ends(long))).toEqual({ cutBefore: true, cutAfter: false, ending: '.' });
  });

  test('a whole short text is not cut; spaces and opening quotes do not matter', () => {
    const text = '« Court  texte » sur le compostage.';
    expect(excerptEnds('Court texte » sur le compostage', ends(text))).toEqual({ cutBefore: false, cutAfter: false, ending: '.' });
    expect(excerptEnds('Court texte » sur le compostage.', ends(text))).toEqual({ cutBefore: false, cutAfter: false, ending: '' });
    expect(excerptEnds('', ends(''))).toEqual({ cutBefore: false, cutAfter: false, ending: '' });
  });
});
