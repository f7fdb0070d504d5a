import { and, eq, sql } from 'drizzle-orm';
import { isUuid } from '#app/utils/uuid';
import type { Database, Executor } from '#db/client';
import { poles, regions, requests } from '#db/schema';
import { requestChangePublishes, requestIsListed, type RequestState } from '#app/domain/market/rules';
import type { RequestFields } from '#app/domain/market/schemas';
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

/** Requests (« demandes »): a pole says what it needs help with, how urgently, in which formats. */

const requestColumns = {
  id: requests.id,
  poleId: requests.poleId,
  title: requests.title,
  context: requests.context,
  preferredFormats: requests.preferredFormats,
  urgency: requests.urgency,
  state: requests.state,
  createdAt: requests.createdAt,
  updatedAt: requests.updatedAt,
};

/** Everything the detail page and the edit form show, or null. */
export async function getRequest(db: Executor, id: string | undefined) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ ...requestColumns, ...ownerColumns })
    .from(requests)
    .innerJoin(poles, eq(poles.id, requests.poleId))
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .where(eq(requests.id, id));
  if (!row) return null;
  const { pole, region, ...request } = row;
  const tags = (await tagsOf(db, 'request', [request.id])).get(request.id)!;
  return { ...request, ...toOwner({ pole, region }), ...tags };
}

/** The edit form's current values and the vocabulary to choose from, or null. */
export async function getRequestForEditing(db: Executor, id: string | undefined) {
  const [request, vocabulary] = await Promise.all([getRequest(db, id), listVocabulary(db)]);
  if (!request) return null;
  const { title, context, preferredFormats, urgency } = request;
  const fields = { title, context, preferredFormats, urgency, topics: request.topics.map(slugOf), sectors: request.sectors.map(slugOf) };
  return { request: { id: request.id, poleId: request.poleId, fields }, vocabulary };
}

/** What a permission check and a state change need. */
export async function findRequestRef(db: Executor, id: string | undefined) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ id: requests.id, poleId: requests.poleId, title: requests.title, state: requests.state })
    .from(requests)
    .where(eq(requests.id, id));
  return row ?? null;
}

function columnsOf(fields: RequestFields) {
  const { topics: _topics, sectors: _sectors, ...columns } = fields;
  return columns;
}

/**
 * A new request is open at once (a need has no draft), so creating it publishes it: `mayCreate` is
 * asked with the owning pole read and share-locked in the same transaction, as in `createOffer`.
 */
export async function createRequest(
  db: Database,
  input: { poleId: string; createdById: string; fields: RequestFields; mayCreate: (pole: OwningPole) => boolean },
): Promise<SaveOutcome> {
  return saveWithTags(db, async (tx) => {
    const pole = await lockOwningPole(tx, input.poleId);
    if (!pole || !input.mayCreate(pole)) return { status: 'refused' };
    const keywords = await keywordsOf(tx, input.fields);
    const [request] = await tx
      .insert(requests)
      .values({ ...columnsOf(input.fields), poleId: input.poleId, createdById: input.createdById, state: 'open', keywords })
      .returning({ id: requests.id });
    await writeTags(tx, 'request', request!.id, input.fields, { replace: false });
    return { status: 'saved', id: request!.id };
  });
}

/** Same rules as `updateOffer`: the row update locks it, so the last edit wins whole. */
export async function updateRequest(db: Database, input: { requestId: string; poleId: string; fields: RequestFields }): Promise<SaveOutcome> {
  return saveWithTags(db, async (tx) => {
    const keywords = await keywordsOf(tx, input.fields);
    const [request] = await tx
      .update(requests)
      .set({ ...columnsOf(input.fields), keywords, updatedAt: sql`now()` })
      .where(and(eq(requests.id, input.requestId), eq(requests.poleId, input.poleId)))
      .returning({ id: requests.id });
    if (!request) return { status: 'not-found' };
    await writeTags(tx, 'request', request.id, input.fields, { replace: true });
    return { status: 'saved', id: request.id };
  });
}

/** Same rules as `changeOfferState`: reopening a request (listing it again) asks `mayPublish`. */
export async function changeRequestState(
  db: Database,
  input: { requestId: string; poleId: string; state: RequestState; mayPublish: (pole: OwningPole) => boolean },
): Promise<StateChangeOutcome> {
  return db.transaction(async (tx) => {
    const pole = requestIsListed(input.state) ? await lockOwningPole(tx, input.poleId) : null;
    const ofThisPole = and(eq(requests.id, input.requestId), eq(requests.poleId, input.poleId));
    const [current] = await tx.select({ state: requests.state }).from(requests).where(ofThisPole).for('update');
    if (!current) return 'not-found';
    if (requestChangePublishes(current.state, input.state) && !(pole && input.mayPublish(pole))) return 'refused';
    await tx
      .update(requests)
      .set({ state: input.state, updatedAt: sql`now()` })
      .where(ofThisPole);
    return 'changed';
  });
}
