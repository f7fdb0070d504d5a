import { and, eq, inArray, sql } from 'drizzle-orm';
import { proposalExpiry, type TwinningSide } from '#app/domain/pairing/lifecycle';
import { recordAudit } from '#app/models/audit.server';
import type { Database, Executor } from '#db/client';
import { poleMentoringTopics, poles, threads, twinningEvaluations, twinningGoals, twinnings, users } from '#db/schema';
import { demoMentoring, demoTwinnings, type DemoTwinning } from './data/mentoring';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Demo mode: the mature poles' mentoring capacity, topics and languages (data/mentoring.ts), and
 * one completed and one active twinning with their conversation, goals, evaluations and history.
 * Idempotent: a pole that has declared something already (a capacity or a topic) keeps it, and a
 * twinning is added only when its two poles have none yet.
 */
export async function seedDemoPairing(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await seedMentoring(tx);
    const now = Date.now();
    for (const twinning of demoTwinnings) await seedTwinning(tx, twinning, now);
  });
}

async function seedMentoring(tx: Executor) {
  const rows = await tx
    .select({ id: poles.id, slug: poles.slug })
    .from(poles)
    .where(
      and(
        inArray(poles.slug, Object.keys(demoMentoring)),
        eq(poles.mentoringCapacity, 0),
        sql`not exists (select 1 from ${poleMentoringTopics} where ${poleMentoringTopics.poleId} = ${poles.id})`,
      ),
    );
  for (const row of rows) {
    const declared = demoMentoring[row.slug]!;
    await tx.update(poles).set({ mentoringCapacity: declared.capacity, languages: declared.languages }).where(eq(poles.id, row.id));
    await tx.insert(poleMentoringTopics).values(declared.topics.map((topicSlug) => ({ poleId: row.id, topicSlug })));
  }
}

async function seedTwinning(tx: Executor, seed: DemoTwinning, now: number) {
  const daysAgo = (days: number) => new Date(now - days * dayMs);
  const found = await tx
    .select({ id: poles.id, slug: poles.slug, name: poles.name, regionCode: poles.regionCode })
    .from(poles)
    .where(inArray(poles.slug, [seed.mentorSlug, seed.menteeSlug]));
  const mentor = found.find((pole) => pole.slug === seed.mentorSlug);
  const mentee = found.find((pole) => pole.slug === seed.menteeSlug);
  if (!mentor || !mentee) return;
  const existing = await tx
    .select({ id: twinnings.id })
    .from(twinnings)
    .where(and(eq(twinnings.mentorPoleId, mentor.id), eq(twinnings.menteePoleId, mentee.id)));
  if (existing.length > 0) return;
  const [coordinator] = await tx.select({ id: users.id }).from(users).where(eq(users.email, seed.proposedBy));
  const proposerId = coordinator?.id ?? null;

  const proposedAt = daysAgo(seed.proposedDaysAgo);
  const mentorAcceptedAt = daysAgo(seed.activatedDaysAgo + 2);
  const activatedAt = daysAgo(seed.activatedDaysAgo);
  const endedAt = seed.state === 'completed' ? daysAgo(seed.completedDaysAgo) : null;

  // The conversation the activation opens: the emerging pole is its initiator, in its region.
  const [thread] = await tx
    .insert(threads)
    .values({
      subjectType: 'pairing',
      initiatorPoleId: mentee.id,
      recipientPoleId: mentor.id,
      regionCode: mentee.regionCode,
      title: `Jumelage ${mentor.name} — ${mentee.name}`,
      createdById: proposerId,
      createdAt: activatedAt,
      lastMessageAt: activatedAt,
    })
    .returning({ id: threads.id });
  const [twinning] = await tx
    .insert(twinnings)
    .values({
      mentorPoleId: mentor.id,
      menteePoleId: mentee.id,
      regionCode: mentee.regionCode,
      state: seed.state,
      message: seed.message,
      proposedById: proposerId,
      proposedAt,
      expiresAt: proposalExpiry(proposedAt),
      // The demo has no accounts for these poles: acceptances and closing by nobody in particular.
      mentorAcceptedAt,
      menteeAcceptedAt: activatedAt,
      activatedAt,
      endedAt,
      threadId: thread!.id,
      // The demo's poles agreed to show their twinning under way, so public pages have one to show.
      mentorShowsPublicly: seed.state === 'active',
      menteeShowsPublicly: seed.state === 'active',
      createdAt: proposedAt,
    })
    .returning({ id: twinnings.id });
  const twinningId = twinning!.id;

  if (seed.goals.length > 0) {
    await tx.insert(twinningGoals).values(
      seed.goals.map((goal, index) => ({
        twinningId,
        title: goal.title,
        dueOn: daysAgo(-goal.dueInDays).toISOString().slice(0, 10),
        // Ticked two days before it was due.
        doneAt: goal.done ? daysAgo(2 - goal.dueInDays) : null,
        createdAt: new Date(activatedAt.getTime() + (index + 1) * 60_000),
      })),
    );
  }

  const subject = { type: 'twinning' as const, id: twinningId };
  const regionCode = mentee.regionCode;
  const poleOf = (side: TwinningSide) => (side === 'mentor' ? mentor.id : mentee.id);
  await recordAudit(tx, {
    action: 'twinning.proposed',
    actorId: proposerId,
    subject,
    regionCode,
    data: { mentorPoleId: mentor.id, menteePoleId: mentee.id, requestId: null, score: null },
    at: proposedAt,
  });
  await recordAudit(tx, { action: 'twinning.accepted', actorId: null, subject, regionCode, data: { side: 'mentor', poleId: mentor.id }, at: mentorAcceptedAt });
  await recordAudit(tx, { action: 'twinning.accepted', actorId: null, subject, regionCode, data: { side: 'mentee', poleId: mentee.id }, at: activatedAt });
  await recordAudit(tx, { action: 'twinning.activated', actorId: null, subject, regionCode, data: {}, at: new Date(activatedAt.getTime() + 1) });
  if (seed.state !== 'completed') return;

  await recordAudit(tx, { action: 'twinning.completed', actorId: null, subject, regionCode, data: { side: 'mentor', poleId: mentor.id }, at: endedAt! });
  const sides = ['mentor', 'mentee'] as const;
  for (const [index, side] of sides.entries()) {
    const evaluation = seed.evaluations[side];
    const at = new Date(endedAt!.getTime() + index * dayMs);
    await tx.insert(twinningEvaluations).values({ twinningId, poleId: poleOf(side), ...evaluation, createdAt: at });
    await recordAudit(tx, {
      action: 'twinning.evaluated',
      actorId: null,
      subject,
      regionCode,
      data: { side, poleId: poleOf(side), rating: evaluation.rating },
      at: new Date(at.getTime() + 1),
    });
  }
}
