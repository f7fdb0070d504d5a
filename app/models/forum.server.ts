import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Jobs } from '#app/jobs/queue.server';
import type { LiveMessage } from '#app/utils/realtime.server';
import type { Database, Executor } from '#db/client';
import { messages, poles, regions, threads, users, visitBookings, visits } from '#db/schema';
import { liveBookingStates } from '#app/domain/visits/booking';
import type { LiveThreadAccess } from '#app/utils/permissions.server';
import { postMessageIn, type PostOutcome } from './threads.server';

/**
 * Forums (decision 019): each region has one (`/forum/<region code>`), and there is a national one
 * (`regionCode` null). A topic is a thread (`subject_type` 'forum') opened with its first message
 * in one transaction. A learning visit's thread is opened here too, on first use.
 */

export const topicsPerPage = 20;

export type ForumRef = { regionCode: string | null; name: string; nameEn: string };

/** A region by code, or null. */
export async function findRegion(db: Executor, code: string) {
  const [row] = await db.select({ code: regions.code, name: regions.name, nameEn: regions.nameEn }).from(regions).where(eq(regions.code, code));
  return row ?? null;
}

/** Every region, by name (the caller keeps the forums the person may read). */
export async function listRegions(db: Executor) {
  return db.select({ code: regions.code, name: regions.name, nameEn: regions.nameEn }).from(regions).orderBy(asc(regions.name));
}

const forumScope = (regionCode: string | null) =>
  and(eq(threads.subjectType, 'forum'), regionCode === null ? isNull(threads.regionCode) : eq(threads.regionCode, regionCode));

/** How many topics each forum has (region code, or '' for the national one). */
export async function topicCounts(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .select({ regionCode: threads.regionCode, total: count() })
    .from(threads)
    .where(eq(threads.subjectType, 'forum'))
    .groupBy(threads.regionCode);
  return new Map(rows.map((row) => [row.regionCode ?? '', row.total]));
}

/**
 * A forum's topics, newest activity first, one page at a time: title, who opened it and for which
 * pole (the first message's), how many messages, the last activity, whether it is locked.
 */
export async function listTopics(db: Executor, input: { regionCode: string | null; page: number }) {
  const scope = forumScope(input.regionCode);
  const [counted] = await db.select({ total: count() }).from(threads).where(scope);
  const total = counted?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / topicsPerPage));
  const page = Math.min(Math.max(1, input.page), pageCount);
  const rows = await db
    .select({ id: threads.id, title: threads.title, lockedAt: threads.lockedAt, lastMessageAt: threads.lastMessageAt, createdAt: threads.createdAt })
    .from(threads)
    .where(scope)
    .orderBy(desc(threads.lastMessageAt), desc(threads.id))
    .limit(topicsPerPage)
    .offset((page - 1) * topicsPerPage);
  const ids = rows.map((row) => row.id);
  const [counts, firsts] = ids.length
    ? await Promise.all([
        db.select({ threadId: messages.threadId, total: count() }).from(messages).where(inArray(messages.threadId, ids)).groupBy(messages.threadId),
        db
          .selectDistinctOn([messages.threadId], { threadId: messages.threadId, authorName: users.name, poleName: poles.name })
          .from(messages)
          .leftJoin(users, eq(users.id, messages.authorId))
          .leftJoin(poles, eq(poles.id, messages.authorPoleId))
          .where(inArray(messages.threadId, ids))
          .orderBy(messages.threadId, asc(messages.seq)),
      ])
    : [[], []];
  const topics = rows.map(({ lockedAt, ...row }) => {
    const first = firsts.find((message) => message.threadId === row.id);
    return {
      ...row,
      locked: lockedAt !== null,
      authorName: first?.authorName ?? null,
      poleName: first?.poleName ?? null,
      messageCount: counts.find((counted) => counted.threadId === row.id)?.total ?? 0,
    };
  });
  return { topics, total, page, pageCount };
}

/** Raised inside the transaction to undo the topic when its first message is refused. */
class TopicRefused extends Error {
  constructor(readonly outcome: Exclude<PostOutcome, { status: 'sent' }>) {
    super('topic refused');
  }
}

export type OpenTopicOutcome = { status: 'opened'; threadId: string; message: LiveMessage; created: boolean } | Exclude<PostOutcome, { status: 'sent' }>;

/**
 * Opens a topic: the thread and its first message in one transaction (a refusal of the message,
 * a mute, leaves no empty topic). A form sent twice with the same key opens one topic: the second
 * finds the first message by its key and answers its thread.
 */
export async function openTopic(
  db: Database,
  services: { jobs: Pick<Jobs, 'send'> },
  input: { regionCode: string | null; title: string; body: string; authorId: string; poleId: string | null; clientKey: string | null; now?: Date },
): Promise<OpenTopicOutcome> {
  try {
    return await db.transaction(async (tx): Promise<OpenTopicOutcome> => {
      if (input.clientKey) {
        // Serialises two sends of the same form: the second waits, then finds the first's message.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`topic:${input.authorId}:${input.clientKey}`}))`);
        const [stored] = await tx
          .select({ id: messages.id, threadId: messages.threadId })
          .from(messages)
          .where(and(eq(messages.authorId, input.authorId), eq(messages.clientKey, input.clientKey)));
        if (stored) {
          const outcome = await postMessageIn(tx, services, { ...input, threadId: stored.threadId, exemptFromSlowMode: true });
          if (outcome.status === 'sent') return { status: 'opened', threadId: stored.threadId, message: outcome.message, created: false };
          return outcome;
        }
      }
      const [thread] = await tx
        .insert(threads)
        .values({ subjectType: 'forum', regionCode: input.regionCode, title: input.title, createdById: input.authorId })
        .returning({ id: threads.id });
      const outcome = await postMessageIn(tx, services, { ...input, threadId: thread!.id, exemptFromSlowMode: true });
      if (outcome.status !== 'sent') throw new TopicRefused(outcome);
      return { status: 'opened', threadId: thread!.id, message: outcome.message, created: true };
    });
  } catch (error) {
    if (error instanceof TopicRefused) return error.outcome;
    throw error;
  }
}

// ─── A learning visit's thread ────────────────────────────────────────────

/**
 * A visit as its discussion page needs it, with who may read its thread before it exists (the
 * host and the poles with a live booking, moderated by the host's region, as `findThreadFacts`
 * says once it does), or null.
 */
export async function findVisitForThread(db: Executor, visitId: string) {
  const [row] = await db
    .select({ id: visits.id, title: visits.title, threadId: visits.threadId, poleId: visits.poleId, regionCode: poles.regionCode })
    .from(visits)
    .innerJoin(poles, eq(poles.id, visits.poleId))
    .where(eq(visits.id, visitId));
  if (!row) return null;
  const booked = await db
    .select({ poleId: visitBookings.poleId })
    .from(visitBookings)
    .where(and(eq(visitBookings.visitId, visitId), inArray(visitBookings.state, liveBookingStates)));
  const access: LiveThreadAccess = { kind: 'poles', poleIds: [row.poleId, ...booked.map((booking) => booking.poleId)], regionCode: row.regionCode };
  return { ...row, access };
}

/**
 * The visit's thread, opened on first use (first view or first post by someone allowed): the
 * visit's row is locked, so two people opening it at once make one thread. Moderated by the host
 * pole's region. Null for an unknown visit.
 */
export async function openVisitThread(db: Database, visitId: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [visit] = await tx
      .select({ threadId: visits.threadId, title: visits.title, poleId: visits.poleId, regionCode: poles.regionCode, createdById: visits.createdById })
      .from(visits)
      .innerJoin(poles, eq(poles.id, visits.poleId))
      .where(eq(visits.id, visitId))
      .for('update', { of: visits });
    if (!visit) return null;
    if (visit.threadId) return visit.threadId;
    const [thread] = await tx
      .insert(threads)
      .values({ subjectType: 'visit', initiatorPoleId: visit.poleId, regionCode: visit.regionCode, title: visit.title, createdById: visit.createdById })
      .returning({ id: threads.id });
    await tx.update(visits).set({ threadId: thread!.id }).where(eq(visits.id, visitId));
    return thread!.id;
  });
}

/** The visit a thread belongs to (for its page's address), or null. */
export async function visitOfThread(db: Executor, threadId: string): Promise<string | null> {
  const [row] = await db.select({ id: visits.id }).from(visits).where(eq(visits.threadId, threadId));
  return row?.id ?? null;
}
