import { and, asc, count, desc, eq, gt, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { threadPagePath } from '#app/domain/paths';
import type { Actor } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';
import type { Executor } from '#db/client';
import { auditLog, messageReports, messages, poles, regions, threadMutes, threads, users, visits } from '#db/schema';

/**
 * What moderators read (decision 019): the authors a thread page's panel may mute, the reports
 * waiting on a thread's messages, the /moderation queue and the log. A coordinator reads the
 * threads of their regions; a national admin every thread, national ones included.
 */

/** The threads a moderator reads: null means all (a national admin). */
function regionScope(actor: Pick<Actor, 'isNationalAdmin' | 'regionCodes'>, column: typeof threads.regionCode | typeof auditLog.regionCode): SQL | undefined {
  if (actor.isNationalAdmin) return undefined;
  return actor.regionCodes.size > 0 ? inArray(column, [...actor.regionCodes]) : sql`false`;
}

/** A report still waiting: made after the message's last review (or never reviewed). */
export const pendingReport = or(isNull(messages.reviewedAt), gt(messageReports.createdAt, messages.reviewedAt));

/**
 * The thread's authors a moderator may mute (not the viewer), by name, with the end of their
 * current mute in the thread's region if any.
 */
export async function moderationAuthors(db: Executor, input: { threadId: string; regionCode: string | null; viewerId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const authors = await db
    .selectDistinct({ id: users.id, name: users.name })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.threadId, input.threadId), sql`${users.id} <> ${input.viewerId}`))
    .orderBy(users.name);
  if (authors.length === 0) return [];
  const mutes = await db
    .select({ userId: threadMutes.userId, until: sql<Date>`max(${threadMutes.until})`.mapWith(threadMutes.until) })
    .from(threadMutes)
    .where(
      and(
        inArray(
          threadMutes.userId,
          authors.map((author) => author.id),
        ),
        isNull(threadMutes.liftedAt),
        gt(threadMutes.until, now),
        input.regionCode === null ? isNull(threadMutes.regionCode) : eq(threadMutes.regionCode, input.regionCode),
      ),
    )
    .groupBy(threadMutes.userId);
  const until = new Map(mutes.map((mute) => [mute.userId, mute.until]));
  return authors.map((author) => ({ ...author, mutedUntil: until.get(author.id)?.toISOString() ?? null }));
}

/** The number of reports waiting for review on each message of the thread that has some. */
export async function pendingReportsByMessage(db: Executor, threadId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ messageId: messageReports.messageId, count: count() })
    .from(messageReports)
    .innerJoin(messages, eq(messages.id, messageReports.messageId))
    .where(and(eq(messages.threadId, threadId), pendingReport))
    .groupBy(messageReports.messageId);
  return Object.fromEntries(rows.map((row) => [row.messageId, row.count]));
}

// ─── The queue ────────────────────────────────────────────────────────────

export const queueLimit = 100;

/**
 * The messages with reports waiting for review in the moderator's regions, the oldest waiting
 * report first, each with its text (hidden or not), its state and the waiting reports (who, when, why).
 */
export async function moderationQueue(db: Executor, actor: Pick<Actor, 'isNationalAdmin' | 'regionCodes'>) {
  const firstReport = sql<Date>`min(${messageReports.createdAt})`.mapWith(messageReports.createdAt);
  const scope = and(pendingReport, regionScope(actor, threads.regionCode));
  const [[total], rows] = await Promise.all([
    db
      .select({ count: sql<number>`count(distinct ${messages.id})::int` })
      .from(messageReports)
      .innerJoin(messages, eq(messages.id, messageReports.messageId))
      .innerJoin(threads, eq(threads.id, messages.threadId))
      .where(scope),
    db
      .select({
        id: messages.id,
        threadId: threads.id,
        title: threads.title,
        subjectType: threads.subjectType,
        regionCode: threads.regionCode,
        region: { name: regions.name, nameEn: regions.nameEn },
        visitId: visits.id,
        authorName: users.name,
        poleName: poles.name,
        body: messages.body,
        hiddenBy: messages.hiddenBy,
        createdAt: messages.createdAt,
        firstReport,
      })
      .from(messageReports)
      .innerJoin(messages, eq(messages.id, messageReports.messageId))
      .innerJoin(threads, eq(threads.id, messages.threadId))
      .leftJoin(regions, eq(regions.code, threads.regionCode))
      .leftJoin(visits, eq(visits.threadId, threads.id))
      .leftJoin(users, eq(users.id, messages.authorId))
      .leftJoin(poles, eq(poles.id, messages.authorPoleId))
      .where(scope)
      .groupBy(messages.id, threads.id, regions.code, visits.id, users.id, poles.id)
      .orderBy(asc(firstReport), asc(messages.id))
      .limit(queueLimit),
  ]);
  const ids = rows.map((row) => row.id);
  const reports = ids.length
    ? await db
        .select({
          messageId: messageReports.messageId,
          id: messageReports.id,
          reporterName: users.name,
          reason: messageReports.reason,
          createdAt: messageReports.createdAt,
        })
        .from(messageReports)
        .innerJoin(messages, eq(messages.id, messageReports.messageId))
        .innerJoin(users, eq(users.id, messageReports.reporterId))
        .where(and(inArray(messageReports.messageId, ids), pendingReport))
        .orderBy(asc(messageReports.createdAt))
    : [];
  const items = rows.map(({ visitId, subjectType, ...row }) => ({
    ...row,
    path: `${threadPagePath({ id: row.threadId, subjectType, regionCode: row.regionCode, visitId })}#message-${row.id}`,
    reports: reports.filter((report) => report.messageId === row.id).map(({ messageId: _messageId, ...report }) => report),
  }));
  return { items, total: total?.count ?? 0 };
}

export type QueueItem = Awaited<ReturnType<typeof moderationQueue>>['items'][number];

// ─── The log ──────────────────────────────────────────────────────────────

export const journalPageSize = 30;

/**
 * The `thread.*` audit entries of the moderator's regions (a national admin: all), newest first,
 * one page, with the names and thread pages they refer to.
 */
export async function moderationJournal(db: Executor, actor: Pick<Actor, 'isNationalAdmin' | 'regionCodes'>, page: number) {
  const scope = and(like(auditLog.action, 'thread.%'), regionScope(actor, auditLog.regionCode));
  const [[total], rows] = await Promise.all([
    db.select({ count: count() }).from(auditLog).where(scope),
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        subjectType: auditLog.subjectType,
        subjectId: auditLog.subjectId,
        regionCode: auditLog.regionCode,
        reason: auditLog.reason,
        data: auditLog.data,
        createdAt: auditLog.createdAt,
        actorId: auditLog.actorId,
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(scope)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(journalPageSize)
      .offset((page - 1) * journalPageSize),
  ]);

  const threadIdOf = (row: (typeof rows)[number]) =>
    row.subjectType === 'thread' ? row.subjectId : typeof row.data.threadId === 'string' ? row.data.threadId : null;
  const personIdOf = (row: (typeof rows)[number]) =>
    row.subjectType === 'user' ? row.subjectId : typeof row.data.authorId === 'string' ? row.data.authorId : null;
  const threadIds = [...new Set(rows.map(threadIdOf).filter(isUuid))];
  const personIds = [...new Set(rows.map(personIdOf).filter(isUuid))];
  const [threadRows, people] = await Promise.all([
    threadIds.length
      ? db
          .select({ id: threads.id, title: threads.title, subjectType: threads.subjectType, regionCode: threads.regionCode, visitId: visits.id })
          .from(threads)
          .leftJoin(visits, eq(visits.threadId, threads.id))
          .where(inArray(threads.id, threadIds))
      : [],
    personIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, personIds)) : [],
  ]);
  const threadById = new Map(threadRows.map((thread) => [thread.id, thread]));
  const nameById = new Map(people.map((person) => [person.id, person.name]));

  const entries = rows.map((row) => {
    const threadId = threadIdOf(row);
    const thread = threadId ? threadById.get(threadId) : undefined;
    const personId = personIdOf(row);
    const anchor = row.subjectType === 'message' ? `#message-${row.subjectId}` : '';
    return {
      id: row.id,
      action: row.action,
      createdAt: row.createdAt,
      /** Null: done by the reports themselves (three people). */
      actorName: row.actorId ? (row.actorName ?? '') : null,
      reason: row.reason,
      regionCode: row.regionCode,
      thread: thread ? { title: thread.title, path: `${threadPagePath(thread)}${anchor}` } : null,
      personName: personId ? (nameById.get(personId) ?? null) : null,
      seconds: typeof row.data.seconds === 'number' ? row.data.seconds : null,
      until: typeof row.data.until === 'string' ? row.data.until : null,
    };
  });
  return { entries, total: total?.count ?? 0, pages: Math.max(1, Math.ceil((total?.count ?? 0) / journalPageSize)) };
}

export type JournalEntry = Awaited<ReturnType<typeof moderationJournal>>['entries'][number];
