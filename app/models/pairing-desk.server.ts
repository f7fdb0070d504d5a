import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { openTwinningStates } from '#app/domain/pairing/lifecycle';
import { scoreCandidate, type Suggestion, type Weights } from '#app/domain/pairing/scoring';
import type { Language } from '#app/i18n';
import type { Database, Executor } from '#db/client';
import { poles, requests, twinningAsks, twinnings } from '#db/schema';
import { recordAudit } from './audit.server';
import { loadCandidates, loadPoleNeeds, type PoleRef } from './pairing-sources.server';

/** The desk's other lists: the poles' asks, the region's twinnings, the requests closed unpaired. */

export type DeskAsk = {
  id: string;
  fromPole: PoleRef;
  mentor: PoleRef;
  mentee: PoleRef;
  message: string;
  createdAt: Date;
  /** The pair's score now (null when the asked mentor cannot mentor: not validated, no capacity, out of reach). */
  suggestion: Suggestion | null;
};

const fromPole = alias(poles, 'from_pole');
const mentorPole = alias(poles, 'mentor_pole');
const menteePole = alias(poles, 'mentee_pole');

/** The open asks of a region (oldest first), each with the pair's score and reasons under the region's weights. */
export async function listAsks(db: Executor, input: { regionCode: string; weights: Weights; language: Language }): Promise<DeskAsk[]> {
  const rows = await db
    .select({
      id: twinningAsks.id,
      message: twinningAsks.message,
      createdAt: twinningAsks.createdAt,
      fromPole: { id: fromPole.id, slug: fromPole.slug, name: fromPole.name },
      mentor: { id: mentorPole.id, slug: mentorPole.slug, name: mentorPole.name },
      mentee: { id: menteePole.id, slug: menteePole.slug, name: menteePole.name },
    })
    .from(twinningAsks)
    .innerJoin(fromPole, eq(fromPole.id, twinningAsks.fromPoleId))
    .innerJoin(mentorPole, eq(mentorPole.id, twinningAsks.mentorPoleId))
    .innerJoin(menteePole, eq(menteePole.id, twinningAsks.menteePoleId))
    .where(and(eq(twinningAsks.regionCode, input.regionCode), eq(twinningAsks.state, 'open')))
    .orderBy(asc(twinningAsks.createdAt), asc(twinningAsks.id));
  if (rows.length === 0) return [];
  const [needs, candidates] = await Promise.all([
    loadPoleNeeds(db, { poleIds: [...new Set(rows.map((row) => row.mentee.id))], language: input.language }),
    loadCandidates(db, { poleIds: [...new Set(rows.map((row) => row.mentor.id))] }),
  ]);
  return rows.map((row) => {
    const need = needs.find((item) => item.pole.id === row.mentee.id);
    const candidate = candidates.find((item) => item.poleId === row.mentor.id);
    return { ...row, suggestion: need && candidate ? scoreCandidate(need.need, candidate, input.weights) : null };
  });
}

/** The region of an ask, for the permission check before acting on it; null when unknown. */
export async function findAskRegion(db: Executor, askId: string): Promise<string | null> {
  const [row] = await db.select({ regionCode: twinningAsks.regionCode }).from(twinningAsks).where(eq(twinningAsks.id, askId));
  return row?.regionCode ?? null;
}

/** Classes an open ask without a proposal, audited in the same transaction. */
export async function dismissAsk(db: Database, input: { askId: string; actorId: string }): Promise<'dismissed' | 'not-open'> {
  return db.transaction(async (tx) => {
    const [ask] = await tx
      .update(twinningAsks)
      .set({ state: 'dismissed', handledAt: new Date(), handledById: input.actorId })
      .where(and(eq(twinningAsks.id, input.askId), eq(twinningAsks.state, 'open')))
      .returning({ id: twinningAsks.id, regionCode: twinningAsks.regionCode });
    if (!ask) return 'not-open';
    await recordAudit(tx, {
      action: 'twinning.ask-dismissed',
      actorId: input.actorId,
      subject: { type: 'twinning-ask', id: ask.id },
      regionCode: ask.regionCode,
      data: {},
    });
    return 'dismissed';
  });
}

export type DeskTwinning = {
  id: string;
  state: 'proposed' | 'active';
  mentor: PoleRef;
  mentee: PoleRef;
  /** Proposed at, or activated at once active. */
  since: Date;
  expiresAt: Date;
};

/** The region's proposed and active twinnings, newest first. */
export async function listRegionTwinnings(db: Executor, regionCode: string): Promise<DeskTwinning[]> {
  const rows = await db
    .select({
      id: twinnings.id,
      state: twinnings.state,
      proposedAt: twinnings.proposedAt,
      activatedAt: twinnings.activatedAt,
      expiresAt: twinnings.expiresAt,
      mentor: { id: mentorPole.id, slug: mentorPole.slug, name: mentorPole.name },
      mentee: { id: menteePole.id, slug: menteePole.slug, name: menteePole.name },
    })
    .from(twinnings)
    .innerJoin(mentorPole, eq(mentorPole.id, twinnings.mentorPoleId))
    .innerJoin(menteePole, eq(menteePole.id, twinnings.menteePoleId))
    .where(and(eq(twinnings.regionCode, regionCode), inArray(twinnings.state, [...openTwinningStates])))
    .orderBy(desc(twinnings.proposedAt), asc(twinnings.id));
  return rows.map(({ proposedAt, activatedAt, state, ...row }) => ({
    ...row,
    state: state as DeskTwinning['state'],
    since: state === 'active' && activatedAt ? activatedAt : proposedAt,
  }));
}

export type ClosedRequest = { id: string; title: string; pole: PoleRef; openedAt: Date; autoClosedAt: Date };

/** Requests of the region that the unpaired-request job closed (the desk offers to reopen them). */
export async function listUnpairedClosedRequests(db: Executor, regionCode: string): Promise<ClosedRequest[]> {
  const rows = await db
    .select({
      id: requests.id,
      title: requests.title,
      openedAt: requests.openedAt,
      autoClosedAt: requests.autoClosedAt,
      pole: { id: poles.id, slug: poles.slug, name: poles.name },
    })
    .from(requests)
    .innerJoin(poles, eq(poles.id, requests.poleId))
    .where(and(eq(poles.regionCode, regionCode), eq(requests.state, 'closed'), isNotNull(requests.autoClosedAt)))
    .orderBy(desc(requests.autoClosedAt), asc(requests.id));
  return rows.map((row) => ({ ...row, autoClosedAt: row.autoClosedAt! }));
}
