import { eq } from 'drizzle-orm';
import { proposalExpiry } from '#app/domain/pairing/lifecycle';
import type { ExplanationEntry } from '#app/domain/pairing/scoring';
import { recordAudit } from '#app/models/audit.server';
import type { Executor } from '#db/client';
import { poles, twinnings, users } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';

/**
 * Proposed twinnings inserted directly, as the desk's `proposeTwinning` leaves them (its own tests
 * cover the desk): the row, its expiry 30 days on, and its 'twinning.proposed' audit event.
 */
export async function createProposedTwinning(
  db: Executor,
  input: {
    mentorPoleId: string;
    menteePoleId: string;
    requestId?: string | null;
    proposedById?: string | null;
    proposedAt?: Date;
    expiresAt?: Date;
    message?: string;
    score?: number | null;
    reasons?: ExplanationEntry[];
    menteeAcceptedById?: string | null;
  },
) {
  const [mentee] = await db.select({ regionCode: poles.regionCode }).from(poles).where(eq(poles.id, input.menteePoleId));
  const proposedAt = input.proposedAt ?? new Date(Date.now() - 60_000);
  const [twinning] = await db
    .insert(twinnings)
    .values({
      mentorPoleId: input.mentorPoleId,
      menteePoleId: input.menteePoleId,
      requestId: input.requestId ?? null,
      regionCode: mentee!.regionCode,
      message: input.message ?? '',
      score: input.score ?? null,
      reasons: input.reasons ?? [],
      proposedById: input.proposedById ?? null,
      proposedAt,
      expiresAt: input.expiresAt ?? proposalExpiry(proposedAt),
      ...(input.menteeAcceptedById !== undefined ? { menteeAcceptedAt: proposedAt, menteeAcceptedById: input.menteeAcceptedById } : {}),
    })
    .returning();
  await recordAudit(db, {
    action: 'twinning.proposed',
    actorId: input.proposedById ?? null,
    subject: { type: 'twinning', id: twinning!.id },
    regionCode: twinning!.regionCode,
    data: { mentorPoleId: input.mentorPoleId, menteePoleId: input.menteePoleId, requestId: input.requestId ?? null, score: input.score ?? null },
    at: proposedAt,
  });
  return twinning!;
}

let counter = 0;

/** A pole with its admin (who signs in with `email`), mature with a mentoring capacity, or emerging. */
export async function createPoleWithAdmin(db: Executor, input: { mentoringCapacity?: number; regionCode?: string; language?: 'fr' | 'en' } = {}) {
  counter += 1;
  const mentor = input.mentoringCapacity !== undefined;
  const pole = await createPole(db, {
    maturity: mentor ? 'mature' : 'emerging',
    mentoringCapacity: input.mentoringCapacity ?? 0,
    verifiedAt: new Date(),
    ...(input.regionCode ? { regionCode: input.regionCode } : {}),
  });
  const user = await createUser(db, { email: `admin-${counter}-${pole.slug}@test.ptce.fr`, name: `Animatrice ${counter}`, password: 'mot-de-passe-de-test' });
  if (input.language) await db.update(users).set({ language: input.language }).where(eq(users.id, user.id));
  await addMembership(db, { userId: user.id, poleId: pole.id, role: 'admin' });
  return { pole, user, email: user.email };
}
