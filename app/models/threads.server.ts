import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { findMentions, type Mentionable } from '#app/domain/threads/text';
import { slowModeWait } from '#app/domain/threads/moderation';
import { liveBookingStates } from '#app/domain/visits/booking';
import type { Jobs } from '#app/jobs/queue.server';
import type { LiveThreadAccess } from '#app/utils/permissions.server';
import type { LiveMessage, LiveThreadState } from '#app/utils/realtime.server';
import type { Database, Executor, Transaction } from '#db/client';
import { messageMentions, messages, poleMemberships, poles, threadMutes, threads, users, visitBookings, visits } from '#db/schema';
import { scheduleDigests } from './conversation-digests.server';
import { scheduleMentionMails } from './thread-mentions.server';
import { markRead } from './thread-reads.server';

/**
 * Live threads (decision 019): what permissions need to know of a thread, posting a message (one
 * transaction under the thread's row lock: locked, muted, slow mode, idempotency, mentions) and
 * reading messages by `seq`. The HTTP form and the socket both post through `postMessage`.
 */

// ─── What a thread is ─────────────────────────────────────────────────────

export type ThreadFacts = {
  id: string;
  subjectType: (typeof threads.subjectType.enumValues)[number];
  title: string;
  regionCode: string | null;
  initiatorPoleId: string | null;
  recipientPoleId: string | null;
  locked: boolean;
  slowModeSeconds: number | null;
  slowModeUntil: Date | null;
  /** For `can(actor, { action: 'thread:read' | 'thread:post' | 'thread:report', thread: access })`. */
  access: LiveThreadAccess;
};

const factColumns = {
  id: threads.id,
  subjectType: threads.subjectType,
  title: threads.title,
  regionCode: threads.regionCode,
  initiatorPoleId: threads.initiatorPoleId,
  recipientPoleId: threads.recipientPoleId,
  lockedAt: threads.lockedAt,
  slowModeSeconds: threads.slowModeSeconds,
  slowModeUntil: threads.slowModeUntil,
};

/**
 * The thread and who takes part, read fresh (a socket asks at every event): the two poles of a
 * conversation or a twinning's thread; the host and the poles with a live booking for a visit's;
 * the region (or the nation) for a forum topic. Null for an unknown id.
 */
export async function findThreadFacts(db: Executor, threadId: string): Promise<ThreadFacts | null> {
  const [row] = await db.select(factColumns).from(threads).where(eq(threads.id, threadId));
  if (!row) return null;
  const { lockedAt, ...thread } = row;
  let access: LiveThreadAccess;
  if (thread.subjectType === 'forum') access = { kind: 'forum', regionCode: thread.regionCode };
  else if (thread.subjectType === 'visit') {
    const booked = await db
      .select({ poleId: visitBookings.poleId })
      .from(visits)
      .innerJoin(visitBookings, and(eq(visitBookings.visitId, visits.id), inArray(visitBookings.state, liveBookingStates)))
      .where(eq(visits.threadId, threadId));
    const poleIds = [thread.initiatorPoleId, ...booked.map((booking) => booking.poleId)].filter((id): id is string => id !== null);
    access = { kind: 'poles', poleIds, regionCode: thread.regionCode };
  } else {
    const poleIds = [thread.initiatorPoleId, thread.recipientPoleId].filter((id): id is string => id !== null);
    access = { kind: 'poles', poleIds, regionCode: thread.regionCode };
  }
  return { ...thread, locked: lockedAt !== null, access };
}

/** The thread a message belongs to, as `findThreadFacts` reads it; null for an unknown message. */
export async function findThreadOfMessage(db: Executor, messageId: string): Promise<ThreadFacts | null> {
  const [message] = await db.select({ threadId: messages.threadId }).from(messages).where(eq(messages.id, messageId));
  return message ? findThreadFacts(db, message.threadId) : null;
}

/** The state a page shows and `thread:state` carries. */
export function liveStateOf(thread: Pick<ThreadFacts, 'id' | 'locked' | 'slowModeSeconds' | 'slowModeUntil'>, now = new Date()): LiveThreadState {
  const active = thread.slowModeSeconds !== null && thread.slowModeUntil !== null && thread.slowModeUntil > now;
  return {
    threadId: thread.id,
    locked: thread.locked,
    slowModeSeconds: active ? thread.slowModeSeconds : null,
    slowModeUntil: active ? thread.slowModeUntil!.toISOString() : null,
  };
}

/**
 * The people a message may name: the members of the poles taking part, or of the forum's region's
 * poles (every pole for the national forum), by name.
 */
export async function mentionablePeople(db: Executor, thread: Pick<ThreadFacts, 'access'>): Promise<Mentionable[]> {
  const { access } = thread;
  const scope =
    access.kind === 'poles'
      ? access.poleIds.length > 0
        ? inArray(poleMemberships.poleId, [...access.poleIds])
        : sql`false`
      : access.regionCode === null
        ? undefined
        : eq(poles.regionCode, access.regionCode);
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(poleMemberships)
    .innerJoin(poles, eq(poles.id, poleMemberships.poleId))
    .innerJoin(users, eq(users.id, poleMemberships.userId))
    .where(scope);
}

// ─── Reading ──────────────────────────────────────────────────────────────

const authorPole = poles;
const messageColumns = {
  id: messages.id,
  threadId: messages.threadId,
  seq: messages.seq,
  authorId: messages.authorId,
  authorName: users.name,
  poleName: authorPole.name,
  body: messages.body,
  hiddenAt: messages.hiddenAt,
  createdAt: messages.createdAt,
};
type MessageRow = {
  id: string;
  threadId: string;
  seq: number;
  authorId: string | null;
  authorName: string | null;
  poleName: string | null;
  body: string;
  hiddenAt: Date | null;
  createdAt: Date;
};

/** Rows as pages and sockets show them: a hidden message's text only for moderators. */
async function toLive(db: Executor, rows: MessageRow[], options: { moderator: boolean }): Promise<LiveMessage[]> {
  const ids = rows.map((row) => row.id);
  const named = ids.length
    ? await db
        .select({ messageId: messageMentions.messageId, id: users.id, name: users.name })
        .from(messageMentions)
        .innerJoin(users, eq(users.id, messageMentions.userId))
        .where(inArray(messageMentions.messageId, ids))
    : [];
  return rows.map(({ hiddenAt, body, createdAt, ...row }) => ({
    ...row,
    body: hiddenAt && !options.moderator ? null : body,
    hidden: hiddenAt !== null,
    createdAt: createdAt.toISOString(),
    mentions: named.filter((mention) => mention.messageId === row.id).map(({ id, name }) => ({ id, name })),
  }));
}

function selectMessages(db: Executor) {
  return db
    .select(messageColumns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .leftJoin(authorPole, eq(authorPole.id, messages.authorPoleId));
}

/**
 * Messages of a thread in order: after `after` (a seq; what a socket missed), at most `limit`;
 * or, with `before`, the `limit` messages before it (older pages). Without either, the last `limit`.
 */
export async function threadMessages(
  db: Executor,
  input: { threadId: string; after?: number; before?: number; limit: number; moderator: boolean },
): Promise<LiveMessage[]> {
  const { threadId, after, before, limit } = input;
  const rows =
    after !== undefined
      ? await selectMessages(db)
          .where(and(eq(messages.threadId, threadId), gt(messages.seq, after)))
          .orderBy(asc(messages.seq))
          .limit(limit)
      : (
          await selectMessages(db)
            .where(and(eq(messages.threadId, threadId), before !== undefined ? lt(messages.seq, before) : undefined))
            .orderBy(desc(messages.seq))
            .limit(limit)
        ).reverse();
  return toLive(db, rows, input);
}

/** One message as a page shows it (after a restore, a report), or null. */
export async function findLiveMessage(db: Executor, messageId: string, options: { moderator: boolean }): Promise<LiveMessage | null> {
  const rows = await selectMessages(db).where(eq(messages.id, messageId));
  const [message] = await toLive(db, rows, options);
  return message ?? null;
}

// ─── Learning visits' discussions

/** The thread of a learning visit (null: none opened yet, or no such visit). */
export async function visitThreadId(db: Executor, visitId: string): Promise<string | null> {
  const [row] = await db.select({ threadId: visits.threadId }).from(visits).where(eq(visits.id, visitId));
  return row?.threadId ?? null;
}

/** The learning visit whose discussion the thread is, or null. */
export async function visitOfThread(db: Executor, threadId: string): Promise<string | null> {
  const [row] = await db.select({ id: visits.id }).from(visits).where(eq(visits.threadId, threadId));
  return row?.id ?? null;
}

// ─── Posting ──────────────────────────────────────────────────────────────

export type PostInput = {
  threadId: string;
  authorId: string;
  /** The pole the author speaks for (one of the thread's poles; for a forum, one of theirs or none). */
  poleId: string | null;
  body: string;
  /** The browser's idempotency key: a second post with the same key returns the first message. */
  clientKey: string | null;
  /** Coordinators and national admins are exempt from slow mode. */
  exemptFromSlowMode: boolean;
  now?: Date;
};

export type PostOutcome =
  | { status: 'sent'; message: LiveMessage; created: boolean; mentioned: Mentionable[] }
  | { status: 'not-found' }
  | { status: 'locked' }
  | { status: 'muted'; until: Date }
  | { status: 'slow'; retryAfter: number };

/** The mute that applies to a person in a region's threads now (region null: the national threads), or null. */
export async function activeMute(db: Executor, input: { userId: string; regionCode: string | null; now: Date }) {
  const [mute] = await db
    .select({ id: threadMutes.id, until: threadMutes.until, reason: threadMutes.reason })
    .from(threadMutes)
    .where(
      and(
        eq(threadMutes.userId, input.userId),
        isNull(threadMutes.liftedAt),
        gt(threadMutes.until, input.now),
        input.regionCode === null ? isNull(threadMutes.regionCode) : eq(threadMutes.regionCode, input.regionCode),
      ),
    )
    .orderBy(desc(threadMutes.until))
    .limit(1);
  return mute ?? null;
}

/** When the person last posted in the thread (slow mode counts from it), or null. */
export async function lastPostedAt(db: Executor, input: { threadId: string; userId: string }): Promise<Date | null> {
  const [last] = await db
    .select({ createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.threadId, input.threadId), eq(messages.authorId, input.userId)))
    .orderBy(desc(messages.seq))
    .limit(1);
  return last?.createdAt ?? null;
}

/**
 * Stores a message, in one transaction that locks the thread's row first: a lock, a mute or slow
 * mode decided by moderation either committed before (and refuses it) or waits for it. A retried
 * post (same author and key) returns the stored message and stores nothing. Mentions are saved
 * with it, and the digest mails of a conversation's other pole are asked for.
 */
export async function postMessage(db: Database, services: { jobs: Pick<Jobs, 'send'> }, input: PostInput): Promise<PostOutcome> {
  return db.transaction((tx) => postMessageIn(tx, services, input));
}

/**
 * The same inside the caller's transaction (a forum topic is opened with its first message). Few
 * statements run under the thread's lock, so that messages sent together queue briefly: who may
 * be named is read before it (people, not what moderation changes); one statement takes the lock,
 * and one more reads all else that decides (muted, slow mode, a stored retry, the names shown).
 */
export async function postMessageIn(tx: Transaction, services: { jobs: Pick<Jobs, 'send'> }, input: PostInput): Promise<PostOutcome> {
  const now = input.now ?? new Date();
  // Without an @ there is no one to look for (a forum's people are many: not read for nothing).
  const facts = input.body.includes('@') ? await findThreadFacts(tx, input.threadId) : null;
  const people = facts ? await mentionablePeople(tx, facts) : [];

  const at = now.toISOString();
  const [thread] = await tx
    .select({
      lockedAt: threads.lockedAt,
      regionCode: threads.regionCode,
      subjectType: threads.subjectType,
      slowModeSeconds: threads.slowModeSeconds,
      slowModeUntil: threads.slowModeUntil,
    })
    .from(threads)
    .where(eq(threads.id, input.threadId))
    .for('update');
  if (!thread) return { status: 'not-found' };
  // A second statement, so its snapshot is taken once the lock is held: it sees what the previous
  // holder committed (a statement that waited for a row lock still reads with its first snapshot).
  const [state] = await tx
    .select({
      stored: input.clientKey
        ? sql<string | null>`(select ${messages.id}::text || ' ' || ${messages.threadId}::text from ${messages}
            where ${messages.authorId} = ${input.authorId} and ${messages.clientKey} = ${input.clientKey})`
        : sql<null>`null`,
      mutedUntil: sql<Date | null>`(select max(${threadMutes.until}) from ${threadMutes} where ${threadMutes.userId} = ${input.authorId}
        and ${threadMutes.liftedAt} is null and ${threadMutes.until} > ${at}::timestamptz
        and ${threadMutes.regionCode} is not distinct from ${sql.raw('"threads"."region_code"')})`.mapWith(threadMutes.until),
      lastPostedAt: sql<Date | null>`(select ${messages.createdAt} from ${messages} where ${messages.threadId} = ${input.threadId}
        and ${messages.authorId} = ${input.authorId} order by ${messages.seq} desc limit 1)`.mapWith(messages.createdAt),
      authorName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${input.authorId})`,
      poleName: input.poleId ? sql<string | null>`(select ${poles.name} from ${poles} where ${poles.id} = ${input.poleId})` : sql<null>`null`,
    })
    .from(threads)
    .where(eq(threads.id, input.threadId));

  if (state!.stored) {
    const [storedId, storedThreadId] = state!.stored.split(' ');
    if (storedThreadId !== input.threadId) return { status: 'not-found' };
    const message = await findLiveMessage(tx, storedId!, { moderator: false });
    return { status: 'sent', message: message!, created: false, mentioned: [] };
  }
  if (thread.lockedAt) return { status: 'locked' };
  if (state!.mutedUntil) return { status: 'muted', until: state!.mutedUntil };
  if (!input.exemptFromSlowMode) {
    const wait = slowModeWait({ seconds: thread.slowModeSeconds, until: thread.slowModeUntil }, state!.lastPostedAt, now);
    if (wait > 0) return { status: 'slow', retryAfter: wait };
  }

  const [row] = await tx
    .insert(messages)
    // The database's clock (to the microsecond, as read marks are) unless the caller sets the time.
    .values({
      threadId: input.threadId,
      authorId: input.authorId,
      authorPoleId: input.poleId,
      body: input.body,
      clientKey: input.clientKey,
      createdAt: input.now,
    })
    .returning({ id: messages.id, seq: messages.seq, createdAt: messages.createdAt });
  // greatest(): a transaction that started earlier but commits later never moves the date back.
  await tx
    .update(threads)
    .set({ lastMessageAt: sql`greatest(${threads.lastMessageAt}, (select ${messages.createdAt} from ${messages} where ${messages.id} = ${row!.id}))` })
    .where(eq(threads.id, input.threadId));
  await markRead(tx, { userId: input.authorId, threadId: input.threadId, seq: row!.seq, at: row!.createdAt });

  const mentioned = findMentions(input.body, people)
    .map((mention) => mention.person)
    .filter((person) => person.id !== input.authorId);
  if (mentioned.length > 0) {
    await tx
      .insert(messageMentions)
      .values(mentioned.map((person) => ({ messageId: row!.id, userId: person.id })))
      .onConflictDoNothing();
    await scheduleMentionMails(
      tx,
      services.jobs,
      mentioned.map((person) => person.id),
    );
  }
  if (input.poleId && thread.subjectType !== 'forum') {
    await scheduleDigests(tx, services.jobs, { threadId: input.threadId, fromPoleId: input.poleId, authorId: input.authorId });
  }
  const message: LiveMessage = {
    id: row!.id,
    threadId: input.threadId,
    seq: row!.seq,
    authorId: input.authorId,
    authorName: state!.authorName,
    poleName: state!.poleName,
    body: input.body,
    hidden: false,
    createdAt: row!.createdAt.toISOString(),
    mentions: mentioned.map(({ id, name }) => ({ id, name })),
  };
  return { status: 'sent', message, created: true, mentioned };
}
