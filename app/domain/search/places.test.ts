import { describe, expect, test } from 'vitest';
import { findPlaces, placeKey } from './places';
import { queryWords } from './words';

const places = new Map(
  ['Occitanie', 'Auvergne-Rhône-Alpes', 'Figeac', 'L’Île-Saint-Denis', 'Saint-Jean-d’Angély', 'Le Port', 'Provence-Alpes-Côte d’Azur'].map((name) => [
    placeKey(name),
    name,
  ]),
);
const found = (typed: string) => findPlaces(queryWords(typed), places).map(({ place, indexes }) => [place, indexes]);

describe('place names in a search', () => {
  test('are keyed without accents, case, hyphens or elided articles', () => {
    expect(placeKey('Auvergne-Rhône-Alpes')).toBe('auvergne rhone alpes');
    expect(placeKey('L’Île-Saint-Denis')).toBe('ile saint denis');
    expect(placeKey('Provence-Alpes-Côte d’Azur')).toBe('provence alpes cote azur');
  });

  test('are found however they are typed, with the indexes of their words', () => {
    expect(found('occitanie')).toEqual([['Occitanie', [0]]]);
    expect(found('tiers-lieu en AUVERGNE rhone-alpes')).toEqual([['Auvergne-Rhône-Alpes', [3, 4, 5]]]);
    expect(found("compostage l'ile saint denis")).toEqual([['L’Île-Saint-Denis', [1, 2, 3]]]);
    expect(found('saint jean d’angely figeac')).toEqual([
      ['Saint-Jean-d’Angély', [0, 1, 2]],
      ['Figeac', [3]],
    ]);
  });

  test('only whole names: a part of a name, or a word inside another, is no place', () => {
    expect(found('auvergne')).toEqual([]);
    expect(found('port de pêche')).toEqual([]);
    expect(found('le port')).toEqual([['Le Port', [0, 1]]]);
    expect(found('figeacteurs')).toEqual([]);
  });
});
