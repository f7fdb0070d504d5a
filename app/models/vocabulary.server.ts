import { inArray } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { sectors, topics } from '#db/schema';
import { compareByName } from './poles.server';

/** The know-how topics and the sectors (filières), for forms and filters, in French order. */
export async function listVocabulary(db: Executor) {
  const [topicRows, sectorRows] = await Promise.all([
    db.select({ slug: topics.slug, name: topics.name, nameEn: topics.nameEn }).from(topics),
    db.select({ slug: sectors.slug, name: sectors.name, nameEn: sectors.nameEn }).from(sectors),
  ]);
  return { topics: topicRows.sort(compareByName), sectors: sectorRows.sort(compareByName) };
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
