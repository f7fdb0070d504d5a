import { eq, inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { isUuid } from '#app/utils/uuid';
import type { Database, Executor, Transaction } from '#db/client';
import { offerSectors, offerTopics, poles, regions, requestSectors, requestTopics, sectors, topics } from '#db/schema';
import { compareByName, type LocalName, type RegionName } from './poles.server';
import { keywordsFor, listVocabulary } from './vocabulary.server';

/** What offers and requests have in common: the publishing pole, the topic and sector tags. */

export type MarketKind = 'offer' | 'request';
export type TagName = LocalName & { slug: string };
export type TagField = 'topics' | 'sectors';
type TagSlugs = { topics: string[]; sectors: string[] };

// ─── Poles that publish ───────────────────────────────────────────────────

/** What the editors and the permission checks need to know of a pole. */
export type MarketPole = { id: string; slug: string; name: string; regionCode: string; verified: boolean };

const marketPoleColumns = { id: poles.id, slug: poles.slug, name: poles.name, regionCode: poles.regionCode, verifiedAt: poles.verifiedAt };

function toMarketPole({ verifiedAt, ...pole }: { verifiedAt: Date | null } & Omit<MarketPole, 'verified'>): MarketPole {
  return { ...pole, verified: verifiedAt !== null };
}

export async function findMarketPole(db: Executor, id: string): Promise<MarketPole | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select(marketPoleColumns).from(poles).where(eq(poles.id, id));
  return row ? toMarketPole(row) : null;
}

/** An item's owning pole as the transaction that creates or publishes the item read it. */
export type OwningPole = { id: string; verified: boolean };

/**
 * Reads whether the pole is validated and share-locks its row until the transaction ends. A
 * coordinator withdrawing the validation updates that row: the withdrawal waits for this
 * transaction, or this read waits for the withdrawal and sees it. Either way the publication and
 * the withdrawal happen one after the other, never on a stale flag. Lock the pole before the item.
 */
export async function lockOwningPole(tx: Transaction, poleId: string): Promise<OwningPole | null> {
  const [row] = await tx.select({ id: poles.id, verifiedAt: poles.verifiedAt }).from(poles).where(eq(poles.id, poleId)).for('share');
  return row ? { id: row.id, verified: row.verifiedAt !== null } : null;
}

/** What a state change came to: `refused` when it would have made the item public for a pole that may not publish. */
export type StateChangeOutcome = 'changed' | 'not-found' | 'refused';

/** The poles a person belongs to and the vocabulary, for the new offer and new request forms. */
export async function loadEditorChoices(db: Executor, memberOf: Iterable<string>) {
  const ids = [...memberOf];
  const [poleRows, vocabulary] = await Promise.all([
    ids.length ? db.select(marketPoleColumns).from(poles).where(inArray(poles.id, ids)) : [],
    listVocabulary(db),
  ]);
  return { poles: poleRows.map(toMarketPole).sort(compareByName), vocabulary };
}

/** The owning pole as item pages show it. */
export const ownerColumns = {
  pole: { id: poles.id, slug: poles.slug, name: poles.name, town: poles.town, verifiedAt: poles.verifiedAt },
  region: { code: regions.code, name: regions.name, nameEn: regions.nameEn },
};
export type Owner = { pole: { id: string; slug: string; name: string; town: string; verified: boolean }; region: RegionName };

export function toOwner(row: { pole: { verifiedAt: Date | null } & Omit<Owner['pole'], 'verified'>; region: RegionName }): Owner {
  const { verifiedAt, ...pole } = row.pole;
  return { pole: { ...pole, verified: verifiedAt !== null }, region: row.region };
}

// ─── Tags ─────────────────────────────────────────────────────────────────

/** A link table between items and a vocabulary, and how to rewrite one item's rows in it. */
function link<T extends PgTable>(table: T, item: PgColumn, slug: PgColumn, row: (itemId: string, slug: string) => T['$inferInsert']) {
  return {
    table,
    item,
    slug,
    async write(tx: Transaction, itemId: string, slugs: string[], replace: boolean) {
      if (replace) await tx.delete(table).where(eq(item, itemId));
      const unique = [...new Set(slugs)];
      if (unique.length) await tx.insert(table).values(unique.map((value) => row(itemId, value)));
    },
  };
}

const links = {
  offer: {
    topics: link(offerTopics, offerTopics.offerId, offerTopics.topicSlug, (offerId, topicSlug) => ({ offerId, topicSlug })),
    sectors: link(offerSectors, offerSectors.offerId, offerSectors.sectorSlug, (offerId, sectorSlug) => ({ offerId, sectorSlug })),
  },
  request: {
    topics: link(requestTopics, requestTopics.requestId, requestTopics.topicSlug, (requestId, topicSlug) => ({ requestId, topicSlug })),
    sectors: link(requestSectors, requestSectors.requestId, requestSectors.sectorSlug, (requestId, sectorSlug) => ({ requestId, sectorSlug })),
  },
};

/**
 * Writes the item's topic and sector rows (replacing the old ones when editing). Run it inside
 * the transaction that wrote the item row, after `keywordsFor` computed the same tags' names.
 */
export async function writeTags(tx: Transaction, kind: MarketKind, itemId: string, tags: TagSlugs, options: { replace: boolean }) {
  await links[kind].topics.write(tx, itemId, tags.topics, options.replace);
  await links[kind].sectors.write(tx, itemId, tags.sectors, options.replace);
}

/** The `keywords` column for these tags: their French and English names. */
export function keywordsOf(tx: Executor, tags: TagSlugs): Promise<string> {
  return keywordsFor(tx, { topicSlugs: tags.topics, sectorSlugs: tags.sectors });
}

export const slugOf = (tag: TagName) => tag.slug;

/** Topic and sector names of several items, in French order. */
export async function tagsOf(db: Executor, kind: MarketKind, itemIds: string[]): Promise<Map<string, { topics: TagName[]; sectors: TagName[] }>> {
  const byItem = new Map(itemIds.map((id) => [id, { topics: [] as TagName[], sectors: [] as TagName[] }]));
  if (itemIds.length === 0) return byItem;
  const topicLink = links[kind].topics;
  const sectorLink = links[kind].sectors;
  const [topicRows, sectorRows] = await Promise.all([
    db
      .select({ itemId: topicLink.item, slug: topics.slug, name: topics.name, nameEn: topics.nameEn })
      .from(topicLink.table)
      .innerJoin(topics, eq(topics.slug, topicLink.slug))
      .where(inArray(topicLink.item, itemIds)),
    db
      .select({ itemId: sectorLink.item, slug: sectors.slug, name: sectors.name, nameEn: sectors.nameEn })
      .from(sectorLink.table)
      .innerJoin(sectors, eq(sectors.slug, sectorLink.slug))
      .where(inArray(sectorLink.item, itemIds)),
  ]);
  for (const [field, rows] of [
    ['topics', topicRows],
    ['sectors', sectorRows],
  ] as const) {
    for (const { itemId, ...tag } of rows.sort(compareByName)) byItem.get(itemId as string)?.[field].push(tag);
  }
  return byItem;
}

// ─── Saving ───────────────────────────────────────────────────────────────

export type SaveOutcome =
  | { status: 'saved'; id: string }
  | { status: 'not-found' }
  | { status: 'unknown-tag'; field: TagField }
  /** The owning pole, read inside the transaction, may not create (or publish) this item. */
  | { status: 'refused' };

/**
 * Runs the write of an item and its tags in one transaction. A topic or sector slug that is not
 * in the vocabulary makes its insert fail on the foreign key: everything is rolled back and the
 * caller learns which field to point at.
 */
export async function saveWithTags(db: Database, write: (tx: Transaction) => Promise<SaveOutcome>): Promise<SaveOutcome> {
  try {
    return await db.transaction(write);
  } catch (error) {
    const field = unknownTagField(error);
    if (field) return { status: 'unknown-tag', field };
    throw error;
  }
}

/** Drivers differ: PGlite names the constraint `constraint`, postgres.js `constraint_name`; drizzle wraps both in `cause`. */
function unknownTagField(error: unknown): TagField | null {
  for (let current = error; typeof current === 'object' && current !== null; current = (current as { cause?: unknown }).cause) {
    const { code, constraint, constraint_name } = current as { code?: string; constraint?: string; constraint_name?: string };
    if (code !== '23503') continue;
    const name = constraint ?? constraint_name ?? '';
    if (name.endsWith('_topic_slug_topics_slug_fk')) return 'topics';
    if (name.endsWith('_sector_slug_sectors_slug_fk')) return 'sectors';
  }
  return null;
}
