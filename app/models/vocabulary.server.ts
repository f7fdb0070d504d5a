import { inArray } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { regions, sectors, topics } from '#db/schema';
import { compareByName, type RegionName, type SectorName } from './poles.server';

export type TopicName = SectorName;
/** The reference lists: regions, know-how topics and sectors (filières), each in French order. */
export type Vocabulary = { regions: RegionName[]; topics: TopicName[]; sectors: SectorName[] };

/**
 * The vocabulary changes only when the seed runs (a deployment), so each process reads it once
 * per database and keeps it a few minutes; a failed read is not kept. Every page that lists or
 * checks regions, topics or sectors reads them here.
 */
const lifetimeMs = 5 * 60 * 1000;
const cache = new WeakMap<Executor, { expires: number; vocabulary: Promise<Vocabulary> }>();

export function loadVocabulary(db: Executor): Promise<Vocabulary> {
  const cached = cache.get(db);
  if (cached && cached.expires > Date.now()) return cached.vocabulary;
  const vocabulary = readVocabulary(db);
  cache.set(db, { expires: Date.now() + lifetimeMs, vocabulary });
  vocabulary.catch(() => cache.delete(db));
  return vocabulary;
}

async function readVocabulary(db: Executor): Promise<Vocabulary> {
  const [regionRows, topicRows, sectorRows] = await Promise.all([
    db.select({ code: regions.code, name: regions.name, nameEn: regions.nameEn }).from(regions),
    db.select({ slug: topics.slug, name: topics.name, nameEn: topics.nameEn }).from(topics),
    db.select({ slug: sectors.slug, name: sectors.name, nameEn: sectors.nameEn }).from(sectors),
  ]);
  return { regions: regionRows.sort(compareByName), topics: topicRows.sort(compareByName), sectors: sectorRows.sort(compareByName) };
}

/** The know-how topics and the sectors (filières), for forms and filters, in French order. */
export async function listVocabulary(db: Executor) {
  const { topics: topicList, sectors: sectorList } = await loadVocabulary(db);
  return { topics: topicList, sectors: sectorList };
}

/**
 * The words an offer or a request is also found by: the French and English names of its topics
 * and sectors. Stored in `keywords` (weight B of the search document) on every write.
 */
export async function keywordsFor(db: Executor, input: { topicSlugs: string[]; sectorSlugs: string[] }): Promise<string> {
  const [topicRows, sectorRows] = await Promise.all([
    input.topicSlugs.length ? db.select({ name: topics.name, nameEn: topics.nameEn }).from(topics).where(inArray(topics.slug, input.topicSlugs)) : [],
    input.sectorSlugs.length ? db.select({ name: sectors.name, nameEn: sectors.nameEn }).from(sectors).where(inArray(sectors.slug, input.sectorSlugs)) : [],
  ]);
  return [...topicRows, ...sectorRows].flatMap((row) => [row.name, row.nameEn]).join(' · ');
}
