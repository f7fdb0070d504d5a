import { queryWords, type QueryWord } from './words';

/**
 * Place names in a typed search: a region (« Occitanie », « Auvergne-Rhône-Alpes ») or the town
 * of a pole (« Figeac », « Saint-Jean-d’Angély »), compared without accents, case or hyphens.
 * The search then also shows the items of the poles there (decision 020).
 */

/** A place name as the words of a search read it: « L’Île-Saint-Denis » → « ile saint denis ». */
export function placeKey(name: string): string {
  return queryWords(name)
    .map((word) => word.key)
    .join(' ');
}

export type NamedPlace<T> = { key: string; place: T };
export type FoundPlace<T> = { place: T; indexes: number[] };

/**
 * The places named in the words, longest name first, left to right, a word in one place at most.
 * `places` maps each key (see `placeKey`) to its place.
 */
export function findPlaces<T>(words: QueryWord[], places: ReadonlyMap<string, T>): FoundPlace<T>[] {
  const longest = Math.max(0, ...[...places.keys()].map((key) => key.split(' ').length));
  const found: FoundPlace<T>[] = [];
  let start = 0;
  while (start < words.length) {
    let length = Math.min(longest, words.length - start);
    for (; length > 0; length -= 1) {
      const key = words
        .slice(start, start + length)
        .map((word) => word.key)
        .join(' ');
      const place = places.get(key);
      if (place !== undefined) {
        found.push({ place, indexes: Array.from({ length }, (_, offset) => start + offset) });
        break;
      }
    }
    start += Math.max(length, 1);
  }
  return found;
}
