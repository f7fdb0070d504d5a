import { and, count, eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { respondToTwinning, type ResponseOutcome } from '#app/models/twinning-lifecycle.server';
import { action } from '#app/routes/jumelages.$id';
import { auditLog, threads, twinnings } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flashOf, settle } from '#tests/setup/responses';
import { createPoleWithAdmin, createProposedTwinning } from '#tests/setup/twinning-factories';

/**
 * Capacity is a hard rule (issue 9, point 6): a mentoring pole with room for 3 receives 20
 * acceptances at once, each the last one its twinning needs. Exactly 3 twinnings start; the 17
 * others are refused with the reason, written to the audit trail, and nothing throws. On
 * PostgreSQL (TEST_DATABASE_URL) the transactions really overlap on a pool of connections and
 * queue on the mentor pole's row lock; on PGlite they run one after the other.
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const capacity = 3;
const proposals = 20;

/** A mentor with room for 3, and 20 proposals to 20 emerging poles whose side already accepted. */
async function arrange() {
  const mentor = await createPoleWithAdmin(db, { mentoringCapacity: capacity });
  const twinningIds: string[] = [];
  for (let index = 0; index < proposals; index += 1) {
    const mentee = await createPoleWithAdmin(db);
    const twinning = await createProposedTwinning(db, { mentorPoleId: mentor.pole.id, menteePoleId: mentee.pole.id, menteeAcceptedById: mentee.user.id });
    twinningIds.push(twinning.id);
  }
  return { mentor, twinningIds };
}

async function outcomeOf(twinningIds: string[], mentorPoleId: string) {
  const states = await db
    .select({ id: twinnings.id, state: twinnings.state, threadId: twinnings.threadId })
    .from(twinnings)
    .where(inArray(twinnings.id, twinningIds));
  const [active] = await db
    .select({ total: count() })
    .from(twinnings)
    .where(and(eq(twinnings.mentorPoleId, mentorPoleId), eq(twinnings.state, 'active')));
  const refusals = await db
    .select({ subjectId: auditLog.subjectId, data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'twinning.acceptance-refused'), inArray(auditLog.subjectId, twinningIds)));
  const accepted = await db
    .select({ subjectId: auditLog.subjectId })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'twinning.accepted'), inArray(auditLog.subjectId, twinningIds)));
  const pairingThreads = await db.select({ total: count() }).from(threads).where(eq(threads.recipientPoleId, mentorPoleId));
  return { states, active: active!.total, refusals, accepted, threads: pairingThreads[0]!.total };
}

describe(`${proposals} simultaneous acceptances for a mentor with room for ${capacity}`, () => {
  test('through the model: 3 activated, 17 refused with the capacity, no exception', async () => {
    const { mentor, twinningIds } = await arrange();
    const settled = await Promise.allSettled(
      twinningIds.map((twinningId) => respondToTwinning(services, { twinningId, side: 'mentor', actorId: mentor.user.id, intent: 'accept' })),
    );
    expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);
    const outcomes = settled.map((result) => (result as PromiseFulfilledResult<ResponseOutcome>).value);
    expect(outcomes.filter((outcome) => outcome.status === 'activated')).toHaveLength(capacity);
    const refused = outcomes.filter((outcome) => outcome.status === 'capacity-refused');
    expect(refused).toHaveLength(proposals - capacity);
    for (const outcome of refused) expect(outcome).toEqual({ status: 'capacity-refused', poleName: mentor.pole.name, capacity, activeLoad: capacity });

    const after = await outcomeOf(twinningIds, mentor.pole.id);
    expect(after.active).toBe(capacity);
    expect(after.states.filter((row) => row.state === 'active')).toHaveLength(capacity);
    expect(after.states.filter((row) => row.state === 'proposed')).toHaveLength(proposals - capacity);
    // The refused acceptances left no trace on their twinning but the refusal itself.
    expect(after.refusals).toHaveLength(proposals - capacity);
    for (const refusal of after.refusals) expect(refusal.data).toEqual({ side: 'mentor', poleId: mentor.pole.id, capacity, activeLoad: capacity });
    expect(after.accepted).toHaveLength(capacity);
    const activeIds = after.states.filter((row) => row.state === 'active').map((row) => row.id);
    expect(new Set(after.refusals.map((refusal) => refusal.subjectId)).size).toBe(proposals - capacity);
    expect(after.refusals.some((refusal) => activeIds.includes(refusal.subjectId))).toBe(false);
    // One conversation per started twinning.
    expect(after.threads).toBe(capacity);
    expect(after.states.filter((row) => row.threadId !== null)).toHaveLength(capacity);
  });

  test('through the route: 3 redirects to the started twinnings, 17 answers of 409 saying why', async () => {
    const { mentor, twinningIds } = await arrange();
    const cookie = await cookieFor(mentor.email);
    const responses = await Promise.all(
      twinningIds.map((id) =>
        settle(action(routeArgs(context, makeRequest(`/jumelages/${id}`, { cookie, form: { intent: 'accept', side: 'mentor' } }), { id }))),
      ),
    );
    const redirected = responses.filter((response) => response.status === 302);
    expect(redirected).toHaveLength(capacity);
    for (const response of redirected) expect(await flashOf(response, context)).toEqual({ message: 'twinnings.notices.activated' });
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(proposals - capacity);
    for (const response of refused) {
      expect(response.data.problem).toEqual({ key: 'twinnings.problems.capacityRefused', values: { pole: mentor.pole.name, count: capacity, capacity } });
    }
    const after = await outcomeOf(twinningIds, mentor.pole.id);
    expect(after.active).toBe(capacity);
    expect(after.refusals).toHaveLength(proposals - capacity);
  });

  test('a mentor already full is refused even before the emerging pole has answered', async () => {
    const { mentor, twinningIds } = await arrange();
    await Promise.all(
      twinningIds
        .slice(0, capacity)
        .map((twinningId) => respondToTwinning(services, { twinningId, side: 'mentor', actorId: mentor.user.id, intent: 'accept' })),
    );
    const mentee = await createPoleWithAdmin(db);
    const fresh = await createProposedTwinning(db, { mentorPoleId: mentor.pole.id, menteePoleId: mentee.pole.id });
    const outcome = await respondToTwinning(services, { twinningId: fresh.id, side: 'mentor', actorId: mentor.user.id, intent: 'accept' });
    expect(outcome).toEqual({ status: 'capacity-refused', poleName: mentor.pole.name, capacity, activeLoad: capacity });
    const [row] = await db.select().from(twinnings).where(eq(twinnings.id, fresh.id));
    expect(row!.mentorAcceptedAt).toBeNull();
    expect(row!.state).toBe('proposed');
  });

  test('two poles mentoring each other accept at once: no deadlock between the pole locks and the conversations', async () => {
    // P mentors Q and Q mentors P: each activation locks its mentor's row and opens a conversation
    // that references the other pole. Ten such crossed pairs, every acceptance fired together.
    const crossed = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const first = await createPoleWithAdmin(db, { mentoringCapacity: 2 });
        const second = await createPoleWithAdmin(db, { mentoringCapacity: 2 });
        const one = await createProposedTwinning(db, { mentorPoleId: first.pole.id, menteePoleId: second.pole.id, menteeAcceptedById: second.user.id });
        const other = await createProposedTwinning(db, { mentorPoleId: second.pole.id, menteePoleId: first.pole.id, menteeAcceptedById: first.user.id });
        return [
          { twinningId: one.id, actorId: first.user.id },
          { twinningId: other.id, actorId: second.user.id },
        ];
      }),
    );
    const outcomes = await Promise.all(
      crossed.flat().map(({ twinningId, actorId }) => respondToTwinning(services, { twinningId, side: 'mentor', actorId, intent: 'accept' })),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(20).fill('activated'));
  });
});
