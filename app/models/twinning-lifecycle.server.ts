import { and, count, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  eventAllowed,
  fitsCapacity,
  loadTwinningStates,
  stateAfterAcceptance,
  type GoalsReached,
  type TwinningSide,
  type TwinningState,
} from '#app/domain/pairing/lifecycle';
import type { Executor, Transaction } from '#db/client';
import { poles, requests, threads, twinningEvaluations, twinnings } from '#db/schema';
import { recordAudit } from './audit.server';
import { adminsOf, followingCoordinators, mailTwinning, type TwinningServices } from './twinning-mail.server';

/**
 * The acts that move a twinning through its states (app/domain/pairing/lifecycle.ts), each in ONE
 * transaction that starts by locking the twinning's row: two answers to the same proposal are
 * applied one after the other. Whether the person may act is checked by the caller (permissions).
 *
 * Capacity is a hard rule: an acceptance that would activate a twinning, or any acceptance by the
 * mentoring side, locks the mentoring pole's row too and counts its active twinnings under that
 * lock. The order is always twinning row, then mentor pole row: a transaction holding a pole row
 * never waits for a twinning row, so concurrent acceptances queue on the pole.
 *
 * The pole is locked `for no key update`, not `for update`: it conflicts with itself and with the
 * profile editor's `for update` (a capacity being changed), but not with the `key share` lock that
 * a foreign key takes. An activation opens a conversation referencing BOTH poles; with
 * `for update`, two poles mentoring each other and accepting at once would each wait for the
 * other's pole: a deadlock (twinning-race.test.ts shows it on PostgreSQL).
 */

const mentorPole = alias(poles, 'mentor_pole');
const menteePole = alias(poles, 'mentee_pole');

/** The twinning's row, locked for the rest of the transaction, with its poles' names; null if unknown. */
export async function lockTwinning(tx: Transaction, twinningId: string) {
  const [row] = await tx
    .select({
      id: twinnings.id,
      state: twinnings.state,
      mentorPoleId: twinnings.mentorPoleId,
      menteePoleId: twinnings.menteePoleId,
      regionCode: twinnings.regionCode,
      requestId: twinnings.requestId,
      expiresAt: twinnings.expiresAt,
      mentorAcceptedAt: twinnings.mentorAcceptedAt,
      menteeAcceptedAt: twinnings.menteeAcceptedAt,
    })
    .from(twinnings)
    .where(eq(twinnings.id, twinningId))
    .for('update');
  if (!row) return null;
  // Read without a lock: names and regions are not what this transaction decides on.
  const [names] = await tx
    .select({ mentorName: mentorPole.name, mentorRegionCode: mentorPole.regionCode, menteeName: menteePole.name })
    .from(mentorPole)
    .innerJoin(menteePole, eq(menteePole.id, row.menteePoleId))
    .where(eq(mentorPole.id, row.mentorPoleId));
  return { ...row, ...names! };
}
type LockedTwinning = NonNullable<Awaited<ReturnType<typeof lockTwinning>>>;

const poleOf = (twinning: LockedTwinning, side: TwinningSide) => (side === 'mentor' ? twinning.mentorPoleId : twinning.menteePoleId);
const otherSide = (side: TwinningSide): TwinningSide => (side === 'mentor' ? 'mentee' : 'mentor');
const factsOf = (twinning: LockedTwinning) => ({ id: twinning.id, mentorName: twinning.mentorName, menteeName: twinning.menteeName });
const regionsOf = (twinning: LockedTwinning) => [twinning.regionCode, twinning.mentorRegionCode];
/** A moment just after `at`: two events of one act keep their order in the history. */
const after = (at: Date, step = 1) => new Date(at.getTime() + step);

/** The mentoring pole's capacity and its active twinnings, counted under the pole row's lock. */
export async function lockMentorLoad(tx: Transaction, mentorPoleId: string) {
  const [pole] = await tx.select({ name: poles.name, capacity: poles.mentoringCapacity }).from(poles).where(eq(poles.id, mentorPoleId)).for('no key update');
  // A new statement after the lock was granted: it sees every activation committed meanwhile.
  const [load] = await tx
    .select({ total: count() })
    .from(twinnings)
    .where(and(eq(twinnings.mentorPoleId, mentorPoleId), inArray(twinnings.state, loadTwinningStates)));
  return { name: pole?.name ?? '', capacity: pole?.capacity ?? 0, activeLoad: load?.total ?? 0 };
}

// ─── Answering a proposal ─────────────────────────────────────────────────

export type ResponseOutcome =
  | { status: 'declined' }
  | { status: 'accepted'; waitingFor: TwinningSide }
  | { status: 'activated'; threadId: string }
  /** This side had already accepted: nothing changed. */
  | { status: 'already-accepted' }
  /** The mentoring pole is full: this acceptance was not recorded; the refusal was, and the coordinators are told. */
  | { status: 'capacity-refused'; poleName: string; capacity: number; activeLoad: number }
  | { status: 'expired' }
  | { status: 'not-allowed'; state: TwinningState }
  | { status: 'not-found' };

export type ResponseInput = { twinningId: string; side: TwinningSide; actorId: string } & ({ intent: 'accept' } | { intent: 'decline'; reason: string });

/** A pole admin accepts or declines the proposal for their side. */
export async function respondToTwinning(services: TwinningServices, input: ResponseInput): Promise<ResponseOutcome> {
  return services.db.transaction(async (tx): Promise<ResponseOutcome> => {
    const twinning = await lockTwinning(tx, input.twinningId);
    if (!twinning) return { status: 'not-found' };
    const event = input.intent === 'accept' ? 'accept' : 'decline';
    if (!eventAllowed(twinning.state, event)) return { status: 'not-allowed', state: twinning.state };
    if (twinning.expiresAt.getTime() <= Date.now()) return { status: 'expired' };
    if (input.intent === 'decline') return decline(tx, services, twinning, { ...input, reason: input.reason });
    return accept(tx, services, twinning, input);
  });
}

async function decline(tx: Transaction, services: TwinningServices, twinning: LockedTwinning, input: { side: TwinningSide; actorId: string; reason: string }) {
  const now = new Date();
  await tx.update(twinnings).set({ state: 'declined', endedAt: now, endedById: input.actorId, endReason: input.reason }).where(eq(twinnings.id, twinning.id));
  await recordAudit(tx, {
    action: 'twinning.declined',
    actorId: input.actorId,
    subject: { type: 'twinning', id: twinning.id },
    regionCode: twinning.regionCode,
    data: { side: input.side, poleId: poleOf(twinning, input.side) },
    reason: input.reason,
    at: now,
  });
  const recipients = [...(await adminsOf(tx, [poleOf(twinning, otherSide(input.side))])), ...(await followingCoordinators(tx, regionsOf(twinning)))];
  const decliner = input.side === 'mentor' ? twinning.mentorName : twinning.menteeName;
  await mailTwinning(tx, services, { recipients, kind: 'declined', twinning: factsOf(twinning), values: { pole: decliner }, reason: input.reason });
  return { status: 'declined' } as const;
}

async function accept(
  tx: Transaction,
  services: TwinningServices,
  twinning: LockedTwinning,
  input: { side: TwinningSide; actorId: string },
): Promise<ResponseOutcome> {
  const alreadyAccepted = input.side === 'mentor' ? twinning.mentorAcceptedAt : twinning.menteeAcceptedAt;
  if (alreadyAccepted) return { status: 'already-accepted' };
  const next = stateAfterAcceptance({
    mentor: input.side === 'mentor' || twinning.mentorAcceptedAt !== null,
    mentee: input.side === 'mentee' || twinning.menteeAcceptedAt !== null,
  });
  const poleId = poleOf(twinning, input.side);

  // The mentor says yes only with room to take it on; the last yes activates only with room.
  if (input.side === 'mentor' || next === 'active') {
    const mentor = await lockMentorLoad(tx, twinning.mentorPoleId);
    if (!fitsCapacity(mentor)) {
      await recordAudit(tx, {
        action: 'twinning.acceptance-refused',
        actorId: input.actorId,
        subject: { type: 'twinning', id: twinning.id },
        regionCode: twinning.regionCode,
        data: { side: input.side, poleId, capacity: mentor.capacity, activeLoad: mentor.activeLoad },
        at: new Date(),
      });
      await mailTwinning(tx, services, {
        recipients: await followingCoordinators(tx, regionsOf(twinning)),
        kind: 'capacityRefused',
        twinning: factsOf(twinning),
        values: { capacity: String(mentor.capacity), activeLoad: String(mentor.activeLoad) },
      });
      return { status: 'capacity-refused', poleName: mentor.name, capacity: mentor.capacity, activeLoad: mentor.activeLoad };
    }
  }

  const now = new Date();
  await tx
    .update(twinnings)
    .set(input.side === 'mentor' ? { mentorAcceptedAt: now, mentorAcceptedById: input.actorId } : { menteeAcceptedAt: now, menteeAcceptedById: input.actorId })
    .where(eq(twinnings.id, twinning.id));
  await recordAudit(tx, {
    action: 'twinning.accepted',
    actorId: input.actorId,
    subject: { type: 'twinning', id: twinning.id },
    regionCode: twinning.regionCode,
    data: { side: input.side, poleId },
    at: now,
  });

  if (next === 'proposed') {
    const waitingFor = otherSide(input.side);
    const accepter = input.side === 'mentor' ? twinning.mentorName : twinning.menteeName;
    await mailTwinning(tx, services, {
      recipients: await adminsOf(tx, [poleOf(twinning, waitingFor)]),
      kind: 'acceptedByOther',
      twinning: factsOf(twinning),
      values: { pole: accepter },
    });
    return { status: 'accepted', waitingFor };
  }

  // Both sides said yes: the twinning starts, with its conversation between the two poles.
  const [thread] = await tx
    .insert(threads)
    .values({
      subjectType: 'pairing',
      initiatorPoleId: twinning.menteePoleId,
      recipientPoleId: twinning.mentorPoleId,
      regionCode: twinning.regionCode,
      title: `Jumelage ${twinning.mentorName} — ${twinning.menteeName}`,
      createdById: input.actorId,
      createdAt: now,
      lastMessageAt: now,
    })
    .returning({ id: threads.id });
  await tx.update(twinnings).set({ state: 'active', activatedAt: now, threadId: thread!.id }).where(eq(twinnings.id, twinning.id));
  if (twinning.requestId) {
    await tx
      .update(requests)
      .set({ state: 'in_progress', updatedAt: now })
      .where(and(eq(requests.id, twinning.requestId), eq(requests.state, 'open')));
  }
  await recordAudit(tx, {
    action: 'twinning.activated',
    actorId: input.actorId,
    subject: { type: 'twinning', id: twinning.id },
    regionCode: twinning.regionCode,
    data: {},
    at: after(now),
  });
  const recipients = [...(await adminsOf(tx, [twinning.mentorPoleId, twinning.menteePoleId])), ...(await followingCoordinators(tx, regionsOf(twinning)))];
  await mailTwinning(tx, services, { recipients, kind: 'activated', twinning: factsOf(twinning) });
  return { status: 'activated', threadId: thread!.id };
}

// ─── Cancelling ───────────────────────────────────────────────────────────

export type CancelOutcome = { status: 'cancelled' } | { status: 'not-allowed'; state: TwinningState } | { status: 'not-found' };

/** The coordinator (or a national admin) stops a proposed or active twinning, with a reason. */
export async function cancelTwinning(services: TwinningServices, input: { twinningId: string; actorId: string; reason: string }): Promise<CancelOutcome> {
  return services.db.transaction(async (tx): Promise<CancelOutcome> => {
    const twinning = await lockTwinning(tx, input.twinningId);
    if (!twinning) return { status: 'not-found' };
    if (!eventAllowed(twinning.state, 'cancel')) return { status: 'not-allowed', state: twinning.state };
    const now = new Date();
    await tx
      .update(twinnings)
      .set({ state: 'cancelled', endedAt: now, endedById: input.actorId, endReason: input.reason })
      .where(eq(twinnings.id, twinning.id));
    // The request it answered waits for another twinning again (and its six months start over).
    if (twinning.requestId) {
      await tx
        .update(requests)
        .set({ state: 'open', openedAt: now, updatedAt: now })
        .where(and(eq(requests.id, twinning.requestId), eq(requests.state, 'in_progress')));
    }
    await recordAudit(tx, {
      action: 'twinning.cancelled',
      actorId: input.actorId,
      subject: { type: 'twinning', id: twinning.id },
      regionCode: twinning.regionCode,
      data: { from: twinning.state },
      reason: input.reason,
      at: now,
    });
    await mailTwinning(tx, services, {
      recipients: await adminsOf(tx, [twinning.mentorPoleId, twinning.menteePoleId]),
      kind: 'cancelled',
      twinning: factsOf(twinning),
      reason: input.reason,
    });
    return { status: 'cancelled' };
  });
}

// ─── Closing and evaluating ───────────────────────────────────────────────

export type Evaluation = { goalsReached: GoalsReached; rating: number; learned: string };
export type CloseOutcome =
  | { status: 'completed' }
  | { status: 'evaluated' }
  | { status: 'already-evaluated' }
  | { status: 'not-allowed'; state: TwinningState }
  | { status: 'not-found' };

type CloseInput = { twinningId: string; side: TwinningSide; actorId: string; evaluation: Evaluation };

/** A pole admin closes an active twinning with their side's evaluation; the other side is asked for theirs. */
export async function completeTwinning(services: TwinningServices, input: CloseInput): Promise<CloseOutcome> {
  return services.db.transaction(async (tx): Promise<CloseOutcome> => {
    const twinning = await lockTwinning(tx, input.twinningId);
    if (!twinning) return { status: 'not-found' };
    if (!eventAllowed(twinning.state, 'complete')) return { status: 'not-allowed', state: twinning.state };
    const now = new Date();
    const poleId = poleOf(twinning, input.side);
    await tx.update(twinnings).set({ state: 'completed', endedAt: now, endedById: input.actorId }).where(eq(twinnings.id, twinning.id));
    await insertEvaluation(tx, { twinningId: twinning.id, poleId, actorId: input.actorId, evaluation: input.evaluation, at: now });
    if (twinning.requestId) {
      await tx
        .update(requests)
        .set({ state: 'answered', updatedAt: now })
        .where(and(eq(requests.id, twinning.requestId), eq(requests.state, 'in_progress')));
    }
    const subject = { type: 'twinning' as const, id: twinning.id };
    const data = { side: input.side, poleId };
    await recordAudit(tx, { action: 'twinning.completed', actorId: input.actorId, subject, regionCode: twinning.regionCode, data, at: now });
    await recordAudit(tx, {
      action: 'twinning.evaluated',
      actorId: input.actorId,
      subject,
      regionCode: twinning.regionCode,
      data: { ...data, rating: input.evaluation.rating },
      at: after(now),
    });
    const closer = input.side === 'mentor' ? twinning.mentorName : twinning.menteeName;
    const values = { pole: closer };
    await mailTwinning(tx, services, {
      recipients: await adminsOf(tx, [poleOf(twinning, otherSide(input.side))]),
      kind: 'evaluationAsked',
      twinning: factsOf(twinning),
      values,
    });
    await mailTwinning(tx, services, {
      recipients: await followingCoordinators(tx, regionsOf(twinning)),
      kind: 'completed',
      twinning: factsOf(twinning),
      values,
    });
    return { status: 'completed' };
  });
}

/** The other side's evaluation of a completed twinning: once per side. */
export async function evaluateTwinning(services: TwinningServices, input: CloseInput): Promise<CloseOutcome> {
  return services.db.transaction(async (tx): Promise<CloseOutcome> => {
    const twinning = await lockTwinning(tx, input.twinningId);
    if (!twinning) return { status: 'not-found' };
    if (twinning.state !== 'completed') return { status: 'not-allowed', state: twinning.state };
    const poleId = poleOf(twinning, input.side);
    const now = new Date();
    const inserted = await insertEvaluation(tx, { twinningId: twinning.id, poleId, actorId: input.actorId, evaluation: input.evaluation, at: now });
    if (!inserted) return { status: 'already-evaluated' };
    await recordAudit(tx, {
      action: 'twinning.evaluated',
      actorId: input.actorId,
      subject: { type: 'twinning', id: twinning.id },
      regionCode: twinning.regionCode,
      data: { side: input.side, poleId, rating: input.evaluation.rating },
      at: now,
    });
    return { status: 'evaluated' };
  });
}

async function insertEvaluation(
  tx: Executor,
  input: { twinningId: string; poleId: string; actorId: string; evaluation: Evaluation; at: Date },
): Promise<boolean> {
  const rows = await tx
    .insert(twinningEvaluations)
    .values({ twinningId: input.twinningId, poleId: input.poleId, authorId: input.actorId, ...input.evaluation, createdAt: input.at })
    .onConflictDoNothing()
    .returning({ poleId: twinningEvaluations.poleId });
  return rows.length > 0;
}
