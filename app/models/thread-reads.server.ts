import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { messages, poleMemberships, threadReaders, threads } from '#db/schema';

/**
 * What each person has read of the live threads (decision 019): the read mark by `seq`, the
 * unread counts per thread and in the header.
 */

/** The person has seen the thread up to `seq` (never moves back). Also marks the digest's read time. */
export async function markRead(db: Executor, input: { userId: string; threadId: string; seq: number; at?: Date }) {
  const at = input.at ?? new Date();
  await db
    .insert(threadReaders)
    .values({ userId: input.userId, threadId: input.threadId, readAt: at, lastReadSeq: input.seq })
    .onConflictDoUpdate({
      target: [threadReaders.userId, threadReaders.threadId],
      set: {
        readAt: sql`greatest(${threadReaders.readAt}, excluded.read_at)`,
        lastReadSeq: sql`greatest(${threadReaders.lastReadSeq}, excluded.last_read_seq)`,
      },
    });
}

/** The seq of the thread's last message (0: none yet): a read mark never goes past it. */
export async function threadLastSeq(db: Executor, threadId: string): Promise<number> {
  const [row] = await db
    .select({ seq: sql<string | null>`max(${messages.seq})` })
    .from(messages)
    .where(eq(messages.threadId, threadId));
  return row?.seq ? Number(row.seq) : 0;
}

/** The last seq the person has read in the thread (0: nothing). */
export async function lastReadSeq(db: Executor, input: { userId: string; threadId: string }): Promise<number> {
  const [row] = await db
    .select({ seq: threadReaders.lastReadSeq })
    .from(threadReaders)
    .where(and(eq(threadReaders.userId, input.userId), eq(threadReaders.threadId, input.threadId)));
  return row?.seq ?? 0;
}

/**
 * Unread messages per thread the person follows: the threads of their poles (conversations,
 * twinnings, visits they host) and any thread they have opened, posted in or been named in.
 * Others' visible messages after their read mark count.
 */
export async function unreadByThread(db: Executor, userId: string): Promise<Map<string, number>> {
  const memberOf = db.select({ id: poleMemberships.poleId }).from(poleMemberships).where(eq(poleMemberships.userId, userId));
  const rows = await db
    .select({ threadId: messages.threadId, unread: sql<number>`count(*)::int` })
    .from(messages)
    .innerJoin(threads, eq(threads.id, messages.threadId))
    .leftJoin(threadReaders, and(eq(threadReaders.threadId, messages.threadId), eq(threadReaders.userId, userId)))
    .where(
      and(
        or(inArray(threads.initiatorPoleId, memberOf), inArray(threads.recipientPoleId, memberOf), sql`${threadReaders.userId} is not null`),
        gt(messages.seq, sql`coalesce(${threadReaders.lastReadSeq}, 0)`),
        isNull(messages.hiddenAt),
        or(isNull(messages.authorId), sql`${messages.authorId} <> ${userId}`),
      ),
    )
    .groupBy(messages.threadId);
  return new Map(rows.map((row) => [row.threadId, row.unread]));
}

/** The header's count: unread messages over every followed thread. */
export async function unreadTotal(db: Executor, userId: string): Promise<number> {
  let total = 0;
  for (const unread of (await unreadByThread(db, userId)).values()) total += unread;
  return total;
}
