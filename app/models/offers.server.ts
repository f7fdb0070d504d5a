import { and, eq, sql } from 'drizzle-orm';
import { isUuid } from '#app/utils/uuid';
import type { Database, Executor } from '#db/client';
import { offers, poles, regions } from '#db/schema';
import { offerChangePublishes, offerIsPublic, type OfferState } from '#app/domain/market/rules';
import type { OfferFields } from '#app/domain/market/schemas';
import {
  keywordsOf,
  lockOwningPole,
  ownerColumns,
  saveWithTags,
  slugOf,
  tagsOf,
  toOwner,
  writeTags,
  type OwningPole,
  type SaveOutcome,
  type StateChangeOutcome,
} from './marketplace.server';
import { listVocabulary } from './vocabulary.server';

/** Offers of know-how: a pole says what it can pass on, in which formats, to how many poles at once. */

const offerColumns = {
  id: offers.id,
  poleId: offers.poleId,
  title: offers.title,
  description: offers.description,
  formats: offers.formats,
  reach: offers.reach,
  languages: offers.languages,
  capacity: offers.capacity,
  state: offers.state,
  publishedAt: offers.publishedAt,
  createdAt: offers.createdAt,
  updatedAt: offers.updatedAt,
};

/** Everything the detail page and the edit form show, or null. */
export async function getOffer(db: Executor, id: string | undefined) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ ...offerColumns, ...ownerColumns })
    .from(offers)
    .innerJoin(poles, eq(poles.id, offers.poleId))
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .where(eq(offers.id, id));
  if (!row) return null;
  const { pole, region, ...offer } = row;
  const tags = (await tagsOf(db, 'offer', [offer.id])).get(offer.id)!;
  return { ...offer, ...toOwner({ pole, region }), ...tags };
}

/** The edit form's current values and the vocabulary to choose from, or null. */
export async function getOfferForEditing(db: Executor, id: string | undefined) {
  const [offer, vocabulary] = await Promise.all([getOffer(db, id), listVocabulary(db)]);
  if (!offer) return null;
  const { title, description, formats, reach, languages, capacity } = offer;
  const fields = { title, description, formats, reach, languages, capacity, topics: offer.topics.map(slugOf), sectors: offer.sectors.map(slugOf) };
  return { offer: { id: offer.id, poleId: offer.poleId, fields }, vocabulary };
}

/** What a permission check and a state change need. */
export async function findOfferRef(db: Executor, id: string | undefined) {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ id: offers.id, poleId: offers.poleId, title: offers.title, state: offers.state }).from(offers).where(eq(offers.id, id));
  return row ?? null;
}

function columnsOf(fields: OfferFields) {
  const { topics: _topics, sectors: _sectors, ...columns } = fields;
  return columns;
}

/**
 * Creates the offer, as a draft or published at once. `mayCreate` (the caller's permission check)
 * is asked with the owning pole read in the same transaction, share-locked: a validation withdrawn
 * a moment before is seen, one withdrawn a moment after waits for this offer.
 */
export async function createOffer(
  db: Database,
  input: { poleId: string; createdById: string; state: 'draft' | 'published'; fields: OfferFields; mayCreate: (pole: OwningPole) => boolean },
): Promise<SaveOutcome> {
  return saveWithTags(db, async (tx) => {
    const pole = await lockOwningPole(tx, input.poleId);
    if (!pole || !input.mayCreate(pole)) return { status: 'refused' };
    const keywords = await keywordsOf(tx, input.fields);
    const [offer] = await tx
      .insert(offers)
      .values({
        ...columnsOf(input.fields),
        poleId: input.poleId,
        createdById: input.createdById,
        state: input.state,
        keywords,
        publishedAt: input.state === 'published' ? sql`now()` : null,
      })
      .returning({ id: offers.id });
    await writeTags(tx, 'offer', offer!.id, input.fields, { replace: false });
    return { status: 'saved', id: offer!.id };
  });
}

/**
 * Replaces the offer's fields and tags; the state is changed apart. The row is updated first,
 * which locks it: a second edit of the same offer waits for this one to commit before it deletes
 * the tags, so the last edit wins whole and tag rows never mix or repeat.
 */
export async function updateOffer(db: Database, input: { offerId: string; poleId: string; fields: OfferFields }): Promise<SaveOutcome> {
  return saveWithTags(db, async (tx) => {
    const keywords = await keywordsOf(tx, input.fields);
    const [offer] = await tx
      .update(offers)
      .set({ ...columnsOf(input.fields), keywords, updatedAt: sql`now()` })
      .where(and(eq(offers.id, input.offerId), eq(offers.poleId, input.poleId)))
      .returning({ id: offers.id });
    if (!offer) return { status: 'not-found' };
    await writeTags(tx, 'offer', offer.id, input.fields, { replace: true });
    return { status: 'saved', id: offer.id };
  });
}

/**
 * Changes the offer's state; `publishedAt` keeps the first publication. A change that makes the
 * offer public (publishing a draft, republishing) asks `mayPublish` with the owning pole read in
 * the same transaction (see `lockOwningPole`), so a withdrawn validation is never read stale. The
 * offer row is locked next, so two changes of the same offer run one after the other.
 */
export async function changeOfferState(
  db: Database,
  input: { offerId: string; poleId: string; state: OfferState; mayPublish: (pole: OwningPole) => boolean },
): Promise<StateChangeOutcome> {
  return db.transaction(async (tx) => {
    const pole = offerIsPublic(input.state) ? await lockOwningPole(tx, input.poleId) : null;
    const ofThisPole = and(eq(offers.id, input.offerId), eq(offers.poleId, input.poleId));
    const [current] = await tx.select({ state: offers.state }).from(offers).where(ofThisPole).for('update');
    if (!current) return 'not-found';
    if (offerChangePublishes(current.state, input.state) && !(pole && input.mayPublish(pole))) return 'refused';
    await tx
      .update(offers)
      .set({
        state: input.state,
        updatedAt: sql`now()`,
        publishedAt: input.state === 'published' ? sql`coalesce(${offers.publishedAt}, now())` : undefined,
      })
      .where(ofThisPole);
    return 'changed';
  });
}
