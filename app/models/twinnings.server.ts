import { and, asc, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TwinningSide, TwinningState } from '#app/domain/pairing/lifecycle';
import type { ExplanationEntry } from '#app/domain/pairing/scoring';
import type { Actor } from '#app/utils/permissions.server';
import type { Executor } from '#db/client';
import { auditLog, poles, regions, requests, twinningEvaluations, twinningGoals, twinnings, users } from '#db/schema';

/**
 * Reading twinnings (jumelages): what a permission check needs of one, its page (poles, request,
 * proposal and its reasons, goals, notes, evaluations, history) and the list of the ones a person
 * follows. The acts that change a twinning are in twinning-lifecycle.server.ts and
 * twinning-work.server.ts.
 */

const mentorPole = alias(poles, 'mentor_pole');
const menteePole = alias(poles, 'mentee_pole');

/** What `twinning:*` permissions need to know of a twinning, or null for an unknown id. */
export async function findTwinningRef(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: twinnings.id,
      state: twinnings.state,
      mentorPoleId: twinnings.mentorPoleId,
      menteePoleId: twinnings.menteePoleId,
      regionCode: twinnings.regionCode,
      mentorRegionCode: mentorPole.regionCode,
    })
    .from(twinnings)
    .innerJoin(mentorPole, eq(mentorPole.id, twinnings.mentorPoleId))
    .where(eq(twinnings.id, id));
  return row ?? null;
}
export type TwinningRef = NonNullable<Awaited<ReturnType<typeof findTwinningRef>>>;

const mentorRegion = alias(regions, 'mentor_region');
const menteeRegion = alias(regions, 'mentee_region');
const mentorAccepter = alias(users, 'mentor_accepter');
const menteeAccepter = alias(users, 'mentee_accepter');
const proposer = alias(users, 'proposer');
const ender = alias(users, 'ender');
const notesEditor = alias(users, 'notes_editor');

/** One event of the twinning's history (its audit rows, oldest first), with the actor's name. */
export type TwinningHistoryEntry = {
  id: string;
  action: string;
  at: Date;
  actorName: string | null;
  reason: string | null;
  data: Record<string, unknown>;
};

/** Everything /jumelages/<id> shows, or null for an unknown id. */
export async function getTwinningPage(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: twinnings.id,
      state: twinnings.state,
      regionCode: twinnings.regionCode,
      message: twinnings.message,
      score: twinnings.score,
      reasons: twinnings.reasons,
      proposedAt: twinnings.proposedAt,
      proposedByName: proposer.name,
      expiresAt: twinnings.expiresAt,
      mentorAcceptedAt: twinnings.mentorAcceptedAt,
      mentorAcceptedByName: mentorAccepter.name,
      menteeAcceptedAt: twinnings.menteeAcceptedAt,
      menteeAcceptedByName: menteeAccepter.name,
      activatedAt: twinnings.activatedAt,
      endedAt: twinnings.endedAt,
      endedByName: ender.name,
      endReason: twinnings.endReason,
      threadId: twinnings.threadId,
      notes: twinnings.notes,
      notesUpdatedAt: twinnings.notesUpdatedAt,
      notesUpdatedByName: notesEditor.name,
      mentor: { id: mentorPole.id, name: mentorPole.name, slug: mentorPole.slug, capacity: mentorPole.mentoringCapacity },
      mentorRegion: { code: mentorRegion.code, name: mentorRegion.name, nameEn: mentorRegion.nameEn },
      mentee: { id: menteePole.id, name: menteePole.name, slug: menteePole.slug },
      menteeRegion: { code: menteeRegion.code, name: menteeRegion.name, nameEn: menteeRegion.nameEn },
      requestId: twinnings.requestId,
      requestTitle: requests.title,
      requestState: requests.state,
    })
    .from(twinnings)
    .innerJoin(mentorPole, eq(mentorPole.id, twinnings.mentorPoleId))
    .innerJoin(menteePole, eq(menteePole.id, twinnings.menteePoleId))
    .innerJoin(mentorRegion, eq(mentorRegion.code, mentorPole.regionCode))
    .innerJoin(menteeRegion, eq(menteeRegion.code, menteePole.regionCode))
    .leftJoin(requests, eq(requests.id, twinnings.requestId))
    .leftJoin(proposer, eq(proposer.id, twinnings.proposedById))
    .leftJoin(mentorAccepter, eq(mentorAccepter.id, twinnings.mentorAcceptedById))
    .leftJoin(menteeAccepter, eq(menteeAccepter.id, twinnings.menteeAcceptedById))
    .leftJoin(ender, eq(ender.id, twinnings.endedById))
    .leftJoin(notesEditor, eq(notesEditor.id, twinnings.notesUpdatedById))
    .where(eq(twinnings.id, id));
  if (!row) return null;

  const doneBy = alias(users, 'done_by');
  const [goals, evaluations, history] = await Promise.all([
    db
      .select({ id: twinningGoals.id, title: twinningGoals.title, dueOn: twinningGoals.dueOn, doneAt: twinningGoals.doneAt, doneByName: doneBy.name })
      .from(twinningGoals)
      .leftJoin(doneBy, eq(doneBy.id, twinningGoals.doneById))
      .where(eq(twinningGoals.twinningId, id))
      // Dated goals first, by due date; undated ones after, in the order they were added.
      .orderBy(asc(twinningGoals.dueOn), asc(twinningGoals.createdAt), asc(twinningGoals.id)),
    db
      .select({
        poleId: twinningEvaluations.poleId,
        goalsReached: twinningEvaluations.goalsReached,
        rating: twinningEvaluations.rating,
        learned: twinningEvaluations.learned,
        authorName: users.name,
        createdAt: twinningEvaluations.createdAt,
      })
      .from(twinningEvaluations)
      .leftJoin(users, eq(users.id, twinningEvaluations.authorId))
      .where(eq(twinningEvaluations.twinningId, id))
      .orderBy(asc(twinningEvaluations.createdAt)),
    twinningHistory(db, id),
  ]);
  const { mentorRegion: mentorRegionRow, menteeRegion: menteeRegionRow, requestId, requestTitle, requestState, reasons, ...twinning } = row;
  return {
    ...twinning,
    mentor: { ...row.mentor, region: mentorRegionRow },
    mentee: { ...row.mentee, region: menteeRegionRow },
    mentorRegionCode: mentorRegionRow.code,
    request: requestId && requestTitle !== null ? { id: requestId, title: requestTitle, state: requestState } : null,
    reasons: reasons as ExplanationEntry[],
    goals,
    evaluations: evaluations.map((evaluation) => ({ ...evaluation, side: (evaluation.poleId === row.mentor.id ? 'mentor' : 'mentee') as TwinningSide })),
    history,
  };
}
export type TwinningPage = NonNullable<Awaited<ReturnType<typeof getTwinningPage>>>;

/** The audit rows about this twinning, oldest first. */
export async function twinningHistory(db: Executor, id: string): Promise<TwinningHistoryEntry[]> {
  return db
    .select({ id: auditLog.id, action: auditLog.action, at: auditLog.createdAt, actorName: users.name, reason: auditLog.reason, data: auditLog.data })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectType, 'twinning'), eq(auditLog.subjectId, id)))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
}

// ─── The list ─────────────────────────────────────────────────────────────

/**
 * Twinnings with their two poles and the request they answer, as lists read them (this one, the
 * start page's): the caller adds its own `where` and order. The two poles are the aliases
 * `mentor_pole` and `mentee_pole`, for conditions on them.
 */
export function selectTwinningsWithPoles(db: Executor) {
  return db
    .select({
      id: twinnings.id,
      state: twinnings.state,
      proposedAt: twinnings.proposedAt,
      activatedAt: twinnings.activatedAt,
      endedAt: twinnings.endedAt,
      expiresAt: twinnings.expiresAt,
      mentorAcceptedAt: twinnings.mentorAcceptedAt,
      menteeAcceptedAt: twinnings.menteeAcceptedAt,
      mentor: { id: mentorPole.id, name: mentorPole.name, slug: mentorPole.slug },
      mentee: { id: menteePole.id, name: menteePole.name, slug: menteePole.slug },
      requestTitle: requests.title,
    })
    .from(twinnings)
    .innerJoin(mentorPole, eq(mentorPole.id, twinnings.mentorPoleId))
    .innerJoin(menteePole, eq(menteePole.id, twinnings.menteePoleId))
    .leftJoin(requests, eq(requests.id, twinnings.requestId))
    .$dynamic();
}

/** Whether the person has twinnings to follow: a pole of their own, a region, or the national role (the header's link). */
export function followsTwinnings(actor: Actor | null): boolean {
  return actor !== null && (actor.poleRoles.size > 0 || actor.regionCodes.size > 0 || actor.isNationalAdmin);
}

export type TwinningListItem = {
  id: string;
  state: TwinningState;
  proposedAt: Date;
  activatedAt: Date | null;
  endedAt: Date | null;
  expiresAt: Date;
  mentor: { name: string; slug: string };
  mentee: { name: string; slug: string };
  requestTitle: string | null;
  mentorAccepted: boolean;
  menteeAccepted: boolean;
};

/**
 * The twinnings a person follows: those of their poles; for a coordinator, those of their regions
 * (as the emerging pole's region or the mentor's); for a national admin, all. Newest first.
 */
export async function listTwinningsFor(db: Executor, actor: Actor): Promise<TwinningListItem[]> {
  let scope: SQL | undefined;
  if (!actor.isNationalAdmin) {
    const poleIds = [...actor.poleRoles.keys()];
    const regionCodes = [...actor.regionCodes];
    const conditions: SQL[] = [];
    if (poleIds.length) conditions.push(inArray(twinnings.mentorPoleId, poleIds), inArray(twinnings.menteePoleId, poleIds));
    if (regionCodes.length) conditions.push(inArray(twinnings.regionCode, regionCodes), inArray(mentorPole.regionCode, regionCodes));
    if (conditions.length === 0) return [];
    scope = or(...conditions);
  }
  const rows = await selectTwinningsWithPoles(db).where(scope).orderBy(desc(twinnings.proposedAt), desc(twinnings.id));
  return rows.map(({ mentorAcceptedAt, menteeAcceptedAt, mentor, mentee, ...row }) => ({
    ...row,
    mentor: { name: mentor.name, slug: mentor.slug },
    mentee: { name: mentee.name, slug: mentee.slug },
    mentorAccepted: mentorAcceptedAt !== null,
    menteeAccepted: menteeAcceptedAt !== null,
  }));
}

// The acts, for callers that look for them here.
export { cancelTwinning, completeTwinning, evaluateTwinning, respondToTwinning } from './twinning-lifecycle.server';
export { addGoal, saveNotes, tickGoal } from './twinning-work.server';
