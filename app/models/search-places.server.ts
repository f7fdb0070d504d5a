import type { Executor } from '#db/client';
import { poles } from '#db/schema';
import { placeKey } from '#app/domain/search/places';
import { loadVocabulary } from './vocabulary.server';

/**
 * The places a search recognises (decision 020): the regions, and the towns of the poles. Towns
 * change only when a pole is added or moved, so each process keeps the list a few minutes, as it
 * keeps the vocabulary; a failed read is not kept.
 */

export type Place = { kind: 'region'; code: string; name: string; nameEn: string } | { kind: 'town'; name: string; towns: string[] };
export type PlaceIndex = ReadonlyMap<string, Place>;

const lifetimeMs = 5 * 60 * 1000;
const cache = new WeakMap<Executor, { expires: number; places: Promise<PlaceIndex> }>();

export function loadPlaces(db: Executor): Promise<PlaceIndex> {
  const cached = cache.get(db);
  if (cached && cached.expires > Date.now()) return cached.places;
  const places = readPlaces(db);
  cache.set(db, { expires: Date.now() + lifetimeMs, places });
  places.catch(() => cache.delete(db));
  return places;
}

async function readPlaces(db: Executor): Promise<PlaceIndex> {
  const [{ regions }, townRows] = await Promise.all([loadVocabulary(db), db.selectDistinct({ town: poles.town }).from(poles)]);
  const index = new Map<string, Place>();
  for (const row of townRows) {
    const key = placeKey(row.town);
    if (!key) continue;
    const known = index.get(key);
    // Towns spelt alike (« Saint-Denis », « Saint Denis ») are one place.
    if (known?.kind === 'town') known.towns.push(row.town);
    else index.set(key, { kind: 'town', name: row.town, towns: [row.town] });
  }
  // A region wins over a town of the same name.
  for (const region of regions) {
    const place: Place = { kind: 'region', code: region.code, name: region.name, nameEn: region.nameEn };
    for (const name of [region.name, region.nameEn]) {
      const key = placeKey(name);
      if (key) index.set(key, place);
    }
  }
  return index;
}
