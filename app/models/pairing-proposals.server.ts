import { and, eq, inArray } from 'drizzle-orm';
import type { AppServices } from '#app/context.server';
import { catalogueOf } from '#app/locales/catalogues.server';
import { openTwinningStates, proposalExpiry, proposalLifetimeDays } from '#app/domain/pairing/lifecycle';
import { scoreCandidate, type Suggestion } from '#app/domain/pairing/scoring';
import { twinningPath } from '#app/domain/paths';
import type { Transaction } from '#db/client';
import { poles, requests, twinningAsks, twinnings, users } from '#db/schema';
import { catalogueMail } from '#app/utils/mail.server';
import { recordAudit } from './audit.server';
import { poleAdminsOf, uniqueRecipients } from './pairing-people.server';
import { loadCandidates, loadPoleNeeds, loadRegionWeights, loadRequestNeeds } from './pairing-sources.server';

/**
 * Proposing twinnings: one pair from the desk, or a whole cohort at once. A proposal takes no
 * capacity (the acceptance does, under a lock: twinnings.server.ts); the database refuses a second
 * open twinning for the same pair, which is answered as 'already-open', never as an error.
 */

type ProposalServices = Pick<AppServices, 'db' | 'mailer' | 'env'>;

export type ProposalOutcome =
  | { status: 'proposed'; twinningId: string }
  | { status: 'already-open'; twinningId: string }
  | {
      status:
        | 'unknown-pole'
        | 'same-pole'
        | 'mentor-not-validated'
        | 'mentor-no-capacity'
        | 'request-not-open'
        | 'request-not-mentee'
        | 'ask-not-open'
        | 'ask-mismatch';
    };

export type ProposalInput = {
  actorId: string;
  mentorPoleId: string;
  menteePoleId: string;
  requestId?: string;
  askId?: string;
  message: string;
};

type PoleRow = { id: string; name: string; regionCode: string; verified: boolean; capacity: number; active: boolean };

async function lockPoles(tx: Transaction, ids: string[]): Promise<Map<string, PoleRow>> {
  const rows = await tx
    .select({
      id: poles.id,
      name: poles.name,
      regionCode: poles.regionCode,
      verifiedAt: poles.verifiedAt,
      capacity: poles.mentoringCapacity,
      status: poles.status,
    })
    .from(poles)
    .where(inArray(poles.id, ids))
    .orderBy(poles.id)
    .for('update');
  return new Map(rows.map((row) => [row.id, { ...row, verified: row.verifiedAt !== null, active: row.status === 'active' }]));
}

/** The score and reasons of the pair now (null when the mentor's reach or load excludes it). */
async function scoreNow(
  tx: Transaction,
  input: { mentorPoleId: string; menteePoleId: string; requestId: string | null; regionCode: string },
): Promise<Suggestion | null> {
  const [needs, candidates, { weights }] = await Promise.all([
    input.requestId ? loadRequestNeeds(tx, { requestIds: [input.requestId], language: 'fr' }) : loadPoleNeeds(tx, { poleIds: [input.menteePoleId] }),
    loadCandidates(tx, { poleIds: [input.mentorPoleId] }),
    loadRegionWeights(tx, input.regionCode),
  ]);
  if (!needs[0] || !candidates[0]) return null;
  return scoreCandidate(needs[0].need, candidates[0], weights);
}

/**
 * Inserts one proposal with its audit event and its mails (to every admin of both poles, each in
 * their language); null when the pair already has an open twinning.
 */
async function insertProposal(
  tx: Transaction,
  services: ProposalServices,
  input: { actorId: string; mentor: PoleRow; mentee: PoleRow; requestId: string | null; requestTitle: string | null; message: string },
): Promise<string | null> {
  const suggestion = await scoreNow(tx, {
    mentorPoleId: input.mentor.id,
    menteePoleId: input.mentee.id,
    requestId: input.requestId,
    regionCode: input.mentee.regionCode,
  });
  const now = new Date();
  const [row] = await tx
    .insert(twinnings)
    .values({
      mentorPoleId: input.mentor.id,
      menteePoleId: input.mentee.id,
      requestId: input.requestId,
      regionCode: input.mentee.regionCode,
      state: 'proposed',
      message: input.message,
      score: suggestion?.score ?? null,
      reasons: suggestion?.explanation ?? [],
      proposedById: input.actorId,
      proposedAt: now,
      expiresAt: proposalExpiry(now),
    })
    .onConflictDoNothing()
    .returning({ id: twinnings.id });
  if (!row) return null;
  await recordAudit(tx, {
    action: 'twinning.proposed',
    actorId: input.actorId,
    subject: { type: 'twinning', id: row.id },
    regionCode: input.mentee.regionCode,
    data: { mentorPoleId: input.mentor.id, menteePoleId: input.mentee.id, requestId: input.requestId, score: suggestion?.score ?? null },
  });

  const [proposer] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actorId));
  const admins = await poleAdminsOf(tx, [input.mentor.id, input.mentee.id]);
  const url = new URL(twinningPath(row.id), services.env.appUrl.origin).href;
  for (const recipient of uniqueRecipients(admins)) {
    const texts = catalogueOf(recipient.language).coordination.mail.proposed;
    const side = recipient.poleId === input.mentor.id ? 'mentor' : 'mentee';
    const paragraphs = [texts.intro, texts.side[side], ...(input.requestTitle ? [texts.request] : []), ...(input.message ? [texts.message] : []), texts.answer];
    const values = {
      name: recipient.name,
      proposer: proposer?.name ?? '',
      mentor: input.mentor.name,
      mentee: input.mentee.name,
      pole: side === 'mentor' ? input.mentor.name : input.mentee.name,
      request: input.requestTitle ?? '',
      message: input.message,
      days: String(proposalLifetimeDays),
    };
    await services.mailer.queue(tx, catalogueMail(recipient.email, { ...texts, paragraphs }, url, values, recipient.language));
  }
  return row.id;
}

async function existingOpenTwinning(tx: Transaction, mentorPoleId: string, menteePoleId: string): Promise<string> {
  const [row] = await tx
    .select({ id: twinnings.id })
    .from(twinnings)
    .where(and(eq(twinnings.mentorPoleId, mentorPoleId), eq(twinnings.menteePoleId, menteePoleId), inArray(twinnings.state, [...openTwinningStates])));
  return row?.id ?? '';
}

function mentorRefusal(mentor: PoleRow): ProposalOutcome | null {
  if (!mentor.verified || !mentor.active) return { status: 'mentor-not-validated' };
  if (mentor.capacity <= 0) return { status: 'mentor-no-capacity' };
  return null;
}

/**
 * Proposes one twinning, in one transaction: the mentor validated with a capacity, the request (if
 * any) open and the mentee's, the ask (if any) open and about this pair; then the twinning, its
 * audit event, the ask marked proposed, and a mail to every admin of both poles.
 */
export async function proposeTwinning(services: ProposalServices, input: ProposalInput): Promise<ProposalOutcome> {
  return services.db.transaction(async (tx): Promise<ProposalOutcome> => {
    if (input.mentorPoleId === input.menteePoleId) return { status: 'same-pole' };
    // Locks in the cohort's order (the request, then the poles by id): the two never wait on each other in a circle.
    const [request] = input.requestId
      ? await tx
          .select({ poleId: requests.poleId, state: requests.state, title: requests.title })
          .from(requests)
          .where(eq(requests.id, input.requestId))
          .for('update')
      : [];
    const locked = await lockPoles(tx, [input.mentorPoleId, input.menteePoleId]);
    const mentor = locked.get(input.mentorPoleId);
    const mentee = locked.get(input.menteePoleId);
    if (!mentor || !mentee) return { status: 'unknown-pole' };
    const refusal = mentorRefusal(mentor);
    if (refusal) return refusal;

    if (input.requestId) {
      if (!request) return { status: 'request-not-open' };
      if (request.poleId !== mentee.id) return { status: 'request-not-mentee' };
      if (request.state !== 'open') return { status: 'request-not-open' };
    }
    const requestTitle = request?.title ?? null;
    if (input.askId) {
      const [ask] = await tx.select().from(twinningAsks).where(eq(twinningAsks.id, input.askId)).for('update');
      if (!ask || ask.state !== 'open') return { status: 'ask-not-open' };
      if (ask.mentorPoleId !== mentor.id || ask.menteePoleId !== mentee.id) return { status: 'ask-mismatch' };
    }

    const twinningId = await insertProposal(tx, services, {
      actorId: input.actorId,
      mentor,
      mentee,
      requestId: input.requestId ?? null,
      requestTitle,
      message: input.message,
    });
    if (!twinningId) return { status: 'already-open', twinningId: await existingOpenTwinning(tx, mentor.id, mentee.id) };
    if (input.askId) {
      await tx
        .update(twinningAsks)
        .set({ state: 'proposed', handledAt: new Date(), handledById: input.actorId, twinningId })
        .where(eq(twinningAsks.id, input.askId));
    }
    return { status: 'proposed', twinningId };
  });
}

// ─── A cohort in one step ─────────────────────────────────────────────────

export type CohortChoice = { requestId: string; mentorPoleId: string };
export type OverCapacity = { poleId: string; name: string; room: number; chosen: number; pairs: CohortChoice[] };

export type CohortOutcome =
  | { status: 'proposed'; twinningIds: string[] }
  | { status: 'empty' }
  | { status: 'over-capacity'; poles: OverCapacity[] }
  | { status: 'request-not-open'; requestIds: string[] }
  | { status: 'mentor-refused'; poleIds: string[] }
  | { status: 'already-open'; pairs: CohortChoice[] };

class CohortRefused extends Error {
  constructor(readonly outcome: CohortOutcome) {
    super(outcome.status);
  }
}

/**
 * Proposes the chosen pairs of a region's cohort in one transaction, all or nothing: every
 * request open in the region and chosen once, every mentor validated with room for what it is
 * given (capacity − active − already proposed, counted under a lock of its row).
 */
export async function proposeCohort(
  services: ProposalServices,
  input: { actorId: string; regionCode: string; pairs: readonly CohortChoice[]; message: string },
): Promise<CohortOutcome> {
  if (input.pairs.length === 0) return { status: 'empty' };
  try {
    return await services.db.transaction(async (tx): Promise<CohortOutcome> => {
      const requestIds = input.pairs.map((pair) => pair.requestId);
      const requestRows = await tx
        .select({ id: requests.id, poleId: requests.poleId, state: requests.state, title: requests.title, regionCode: poles.regionCode })
        .from(requests)
        .innerJoin(poles, eq(poles.id, requests.poleId))
        .where(inArray(requests.id, requestIds))
        .orderBy(requests.id)
        .for('update', { of: requests });
      const requestById = new Map(requestRows.map((row) => [row.id, row]));
      const chosenTwice = requestIds.filter((id, index) => requestIds.indexOf(id) !== index);
      const notOpen = requestIds.filter((id) => {
        const row = requestById.get(id);
        return !row || row.state !== 'open' || row.regionCode !== input.regionCode;
      });
      if (notOpen.length > 0 || chosenTwice.length > 0) return { status: 'request-not-open', requestIds: [...new Set([...notOpen, ...chosenTwice])] };

      const mentorIds = [...new Set(input.pairs.map((pair) => pair.mentorPoleId))];
      const locked = await lockPoles(tx, [...new Set([...mentorIds, ...requestRows.map((row) => row.poleId)])]);
      const refused = mentorIds.filter((id) => {
        const mentor = locked.get(id);
        return !mentor || mentorRefusal(mentor) !== null;
      });
      for (const pair of input.pairs) if (pair.mentorPoleId === requestById.get(pair.requestId)!.poleId) refused.push(pair.mentorPoleId);
      if (refused.length > 0) return { status: 'mentor-refused', poleIds: refused };

      const loads = await tx
        .select({ poleId: twinnings.mentorPoleId })
        .from(twinnings)
        .where(and(inArray(twinnings.mentorPoleId, mentorIds), inArray(twinnings.state, [...openTwinningStates])));
      const over: OverCapacity[] = [];
      for (const poleId of mentorIds) {
        const mentor = locked.get(poleId)!;
        const pairs = input.pairs.filter((pair) => pair.mentorPoleId === poleId);
        const room = Math.max(0, mentor.capacity - loads.filter((load) => load.poleId === poleId).length);
        if (pairs.length > room) over.push({ poleId, name: mentor.name, room, chosen: pairs.length, pairs });
      }
      if (over.length > 0) return { status: 'over-capacity', poles: over };

      const twinningIds: string[] = [];
      const conflicts: CohortChoice[] = [];
      for (const pair of input.pairs) {
        const request = requestById.get(pair.requestId)!;
        const id = await insertProposal(tx, services, {
          actorId: input.actorId,
          mentor: locked.get(pair.mentorPoleId)!,
          mentee: locked.get(request.poleId)!,
          requestId: request.id,
          requestTitle: request.title,
          message: input.message,
        });
        if (id) twinningIds.push(id);
        else conflicts.push(pair);
      }
      // Nothing is sent when one pair is already open: the whole transaction is undone.
      if (conflicts.length > 0) throw new CohortRefused({ status: 'already-open', pairs: conflicts });
      return { status: 'proposed', twinningIds };
    });
  } catch (error) {
    if (error instanceof CohortRefused) return error.outcome;
    throw error;
  }
}
