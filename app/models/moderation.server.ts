import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { reportsToHide } from '#app/domain/threads/moderation';
import type { Mailer } from '#app/utils/mail.server';
import type { Logger } from '#app/utils/logger.server';
import { rooms, type Realtime, type RealtimeEvent, type RealtimePayload, type RealtimeRoom } from '#app/utils/realtime.server';
import type { Database, Executor, Transaction } from '#db/client';
import { messageReports, messages, threadMutes, threads } from '#db/schema';
import { recordAudit } from './audit.server';
import { mailModeration } from './moderation-mail.server';
import { findLiveMessage, findThreadFacts, liveStateOf } from './threads.server';

/**
 * The moderation acts on live threads (decision 019). Each is ONE transaction that first locks the
 * row it changes (the message for a report, a hide or a restore; the thread for a lock or slow
 * mode), is audited with the thread's region (whose coordinators read the log), queues the
 * author's mail in the outbox, and publishes its live events only after the commit. Whether the
 * person may act is the caller's check (`thread:report`, `thread:moderate`).
 */

export type ModerationServices = {
  db: Database;
  mailer: Pick<Mailer, 'queue'>;
  realtime: Pick<Realtime, 'publish'>;
  logger: Pick<Logger, 'error'>;
  env: { appUrl: URL };
};

/** The reason stored when reports hide a message (the author's mail says it in their language). */
export const reportsHideReason = `signalé par ${reportsToHide} personnes`;

type Event = { [E in RealtimeEvent]: { to: RealtimeRoom; event: E; payload: RealtimePayload<E> } }[RealtimeEvent];

/** Runs the act, then publishes what it asked for once committed; a publish failure is logged, never thrown. */
async function moderate<T>(services: ModerationServices, act: (tx: Transaction, emit: (event: Event) => void) => Promise<T>): Promise<T> {
  const events: Event[] = [];
  const outcome = await services.db.transaction((tx) => act(tx, (event) => events.push(event)));
  for (const { to, event, payload } of events) {
    try {
      await services.realtime.publish(to, event, payload as never);
    } catch (error) {
      services.logger.error({ err: error, event }, 'realtime: moderation event not published');
    }
  }
  return outcome;
}

/** The message, locked, with its thread's facts; null when unknown (or not of `threadId`). */
async function lockMessage(tx: Transaction, messageId: string, threadId?: string) {
  const [message] = await tx
    .select({
      id: messages.id,
      threadId: messages.threadId,
      authorId: messages.authorId,
      body: messages.body,
      hiddenAt: messages.hiddenAt,
      hiddenBy: messages.hiddenBy,
      reviewedAt: messages.reviewedAt,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(eq(messages.id, messageId))
    .for('update');
  if (!message || (threadId !== undefined && message.threadId !== threadId)) return null;
  const [thread] = await tx.select({ title: threads.title, regionCode: threads.regionCode }).from(threads).where(eq(threads.id, message.threadId));
  return { ...message, thread: thread! };
}

/** Reports made since the message was last reviewed (a restored message needs three new ones). */
export async function pendingReportCount(db: Executor, message: { id: string; reviewedAt: Date | null }): Promise<number> {
  const [row] = await db
    .select({ count: count() })
    .from(messageReports)
    .where(and(eq(messageReports.messageId, message.id), message.reviewedAt ? gt(messageReports.createdAt, message.reviewedAt) : undefined));
  return row?.count ?? 0;
}

/** The database's clock now, not the transaction's start: a report or review waited for a lock is dated after it. */
const clockNow = sql<Date>`clock_timestamp()`;

// ─── Reports ──────────────────────────────────────────────────────────────

export type ReportOutcome =
  { status: 'reported'; hidden: boolean } | { status: 'not-found' } | { status: 'own-message' } | { status: 'already-reported' } | { status: 'already-hidden' };

/**
 * A reader reports a message, once. Under the message's lock, the reports since its last review
 * are counted: at `reportsToHide` the message is hidden at once, pending review, exactly once
 * however many reports arrive together, and its author is told.
 */
export async function reportMessage(
  services: ModerationServices,
  input: { messageId: string; threadId?: string; reporterId: string; reason: string },
): Promise<ReportOutcome> {
  return moderate(services, async (tx, emit): Promise<ReportOutcome> => {
    const message = await lockMessage(tx, input.messageId, input.threadId);
    if (!message) return { status: 'not-found' };
    if (message.authorId === input.reporterId) return { status: 'own-message' };
    if (message.hiddenAt) return { status: 'already-hidden' };
    const inserted = await tx
      .insert(messageReports)
      .values({ messageId: message.id, reporterId: input.reporterId, reason: input.reason, createdAt: clockNow })
      .onConflictDoNothing()
      .returning({ id: messageReports.id });
    if (inserted.length === 0) return { status: 'already-reported' };
    await recordAudit(tx, {
      action: 'thread.message-reported',
      actorId: input.reporterId,
      subject: { type: 'message', id: message.id },
      regionCode: message.thread.regionCode,
      data: { threadId: message.threadId },
      reason: input.reason,
    });
    if ((await pendingReportCount(tx, message)) < reportsToHide) return { status: 'reported', hidden: false };

    await tx
      .update(messages)
      .set({ hiddenAt: clockNow, hiddenBy: 'reports', hiddenById: null, hiddenReason: reportsHideReason })
      .where(eq(messages.id, message.id));
    await recordAudit(tx, {
      action: 'thread.message-hidden',
      actorId: null,
      subject: { type: 'message', id: message.id },
      regionCode: message.thread.regionCode,
      data: { threadId: message.threadId, authorId: message.authorId },
      reason: reportsHideReason,
    });
    await tellAuthorOfHiding(tx, services, emit, message, null);
    emit({ to: rooms.thread(message.threadId), event: 'thread:hidden', payload: { threadId: message.threadId, messageId: message.id } });
    return { status: 'reported', hidden: true };
  });
}

type LockedMessage = NonNullable<Awaited<ReturnType<typeof lockMessage>>>;

/** The author learns which message was hidden and why: a mail in the act's transaction, a live notice after it. */
async function tellAuthorOfHiding(tx: Transaction, services: ModerationServices, emit: (event: Event) => void, message: LockedMessage, reason: string | null) {
  if (!message.authorId) return;
  await mailModeration(tx, services, {
    userId: message.authorId,
    kind: reason === null ? 'hiddenByReports' : 'hiddenByModerator',
    threadId: message.threadId,
    messageId: message.id,
    values: { title: message.thread.title, excerpt: excerpt(message.body), reason: reason ?? '' },
    sentAt: message.createdAt,
  });
  emit({
    to: rooms.user(message.authorId),
    event: 'moderation:notice',
    payload: { kind: 'message-hidden', threadId: message.threadId, messageId: message.id, reason: reason ?? reportsHideReason, until: null },
  });
}

/** The start of a message, for a mail that says which one. */
function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

// ─── Hiding and restoring ─────────────────────────────────────────────────

export type HideOutcome = { status: 'hidden' } | { status: 'not-found' } | { status: 'already-hidden' };

/**
 * A moderator hides a message (or confirms a hiding by reports), with a reason. Its reports are
 * resolved: it leaves the queue. The author is told; the pages hear `thread:hidden`.
 */
export async function hideMessage(
  services: ModerationServices,
  input: { messageId: string; threadId?: string; moderatorId: string; reason: string },
): Promise<HideOutcome> {
  return moderate(services, async (tx, emit): Promise<HideOutcome> => {
    const message = await lockMessage(tx, input.messageId, input.threadId);
    if (!message) return { status: 'not-found' };
    if (message.hiddenBy === 'moderator') return { status: 'already-hidden' };
    await tx
      .update(messages)
      .set({
        hiddenAt: sql`coalesce(${messages.hiddenAt}, ${clockNow})`,
        hiddenBy: 'moderator',
        hiddenById: input.moderatorId,
        hiddenReason: input.reason,
        reviewedAt: clockNow,
      })
      .where(eq(messages.id, message.id));
    await recordAudit(tx, {
      action: 'thread.message-hidden',
      actorId: input.moderatorId,
      subject: { type: 'message', id: message.id },
      regionCode: message.thread.regionCode,
      data: { threadId: message.threadId, authorId: message.authorId },
      reason: input.reason,
    });
    await tellAuthorOfHiding(tx, services, emit, message, input.reason);
    if (!message.hiddenAt) emit({ to: rooms.thread(message.threadId), event: 'thread:hidden', payload: { threadId: message.threadId, messageId: message.id } });
    return { status: 'hidden' };
  });
}

export type RestoreOutcome = { status: 'restored' } | { status: 'kept' } | { status: 'not-found' } | { status: 'nothing-to-review' };

/**
 * A moderator restores a hidden message, with a reason (`restored`: the pages get its text back),
 * or keeps a reported visible message as it is (`kept`: its reports are dismissed). Either way it
 * leaves the queue.
 */
export async function restoreMessage(
  services: ModerationServices,
  input: { messageId: string; threadId?: string; moderatorId: string; reason: string },
): Promise<RestoreOutcome> {
  const outcome = await moderate(services, async (tx, emit): Promise<RestoreOutcome> => {
    const message = await lockMessage(tx, input.messageId, input.threadId);
    if (!message) return { status: 'not-found' };
    const audit = {
      actorId: input.moderatorId,
      subject: { type: 'message', id: message.id },
      regionCode: message.thread.regionCode,
      reason: input.reason,
    } as const;
    if (!message.hiddenAt) {
      if ((await pendingReportCount(tx, message)) === 0) return { status: 'nothing-to-review' };
      await tx.update(messages).set({ reviewedAt: clockNow }).where(eq(messages.id, message.id));
      await recordAudit(tx, { ...audit, action: 'thread.reports-dismissed', data: { threadId: message.threadId, authorId: message.authorId } });
      return { status: 'kept' };
    }
    await tx
      .update(messages)
      .set({ hiddenAt: null, hiddenBy: null, hiddenById: null, hiddenReason: null, reviewedAt: clockNow })
      .where(eq(messages.id, message.id));
    await recordAudit(tx, { ...audit, action: 'thread.message-restored', data: { threadId: message.threadId, authorId: message.authorId } });
    if (message.authorId) {
      emit({
        to: rooms.user(message.authorId),
        event: 'moderation:notice',
        payload: { kind: 'message-restored', threadId: message.threadId, messageId: message.id, reason: input.reason, until: null },
      });
    }
    return { status: 'restored' };
  });
  if (outcome.status === 'restored') {
    // Read after the commit, as any page would: the text again, for every reader.
    const message = await findLiveMessage(services.db, input.messageId, { moderator: false });
    if (message) {
      try {
        await services.realtime.publish(rooms.thread(message.threadId), 'thread:restored', { threadId: message.threadId, message });
      } catch (error) {
        services.logger.error({ err: error }, 'realtime: thread:restored not published');
      }
    }
  }
  return outcome;
}

// ─── The thread: lock, slow mode ──────────────────────────────────────────

export type ThreadActOutcome = { status: 'done' } | { status: 'not-found' } | { status: 'already-locked' } | { status: 'not-locked' } | { status: 'not-slow' };

/**
 * An act on the thread's row under its lock, the same lock `postMessage` takes: a post either
 * committed before the act or sees it. Audited; `thread:state` as committed, after the commit.
 */
async function threadAct(
  services: ModerationServices,
  threadId: string,
  act: (
    tx: Transaction,
    thread: { regionCode: string | null; lockedAt: Date | null; slowModeSeconds: number | null; slowModeUntil: Date | null },
  ) => Promise<ThreadActOutcome>,
): Promise<ThreadActOutcome> {
  return moderate(services, async (tx, emit) => {
    const [thread] = await tx
      .select({ regionCode: threads.regionCode, lockedAt: threads.lockedAt, slowModeSeconds: threads.slowModeSeconds, slowModeUntil: threads.slowModeUntil })
      .from(threads)
      .where(eq(threads.id, threadId))
      .for('update');
    if (!thread) return { status: 'not-found' };
    const outcome = await act(tx, thread);
    if (outcome.status === 'done') {
      const facts = await findThreadFacts(tx, threadId);
      emit({ to: rooms.thread(threadId), event: 'thread:state', payload: liveStateOf(facts!) });
    }
    return outcome;
  });
}

export function lockThread(services: ModerationServices, input: { threadId: string; moderatorId: string; reason: string }) {
  return threadAct(services, input.threadId, async (tx, thread) => {
    if (thread.lockedAt) return { status: 'already-locked' };
    await tx.update(threads).set({ lockedAt: clockNow }).where(eq(threads.id, input.threadId));
    const subject = { type: 'thread', id: input.threadId } as const;
    await recordAudit(tx, { action: 'thread.locked', actorId: input.moderatorId, subject, regionCode: thread.regionCode, data: {}, reason: input.reason });
    return { status: 'done' };
  });
}

export function unlockThread(services: ModerationServices, input: { threadId: string; moderatorId: string }) {
  return threadAct(services, input.threadId, async (tx, thread) => {
    if (!thread.lockedAt) return { status: 'not-locked' };
    await tx.update(threads).set({ lockedAt: null }).where(eq(threads.id, input.threadId));
    await recordAudit(tx, {
      action: 'thread.unlocked',
      actorId: input.moderatorId,
      subject: { type: 'thread', id: input.threadId },
      regionCode: thread.regionCode,
      data: {},
    });
    return { status: 'done' };
  });
}

/** One message per person every `seconds`, for `hours` from now (a new setting replaces the current one). */
export function setSlowMode(services: ModerationServices, input: { threadId: string; moderatorId: string; seconds: number; hours: number; now?: Date }) {
  const until = new Date((input.now ?? new Date()).getTime() + input.hours * 3600_000);
  return threadAct(services, input.threadId, async (tx, thread) => {
    await tx.update(threads).set({ slowModeSeconds: input.seconds, slowModeUntil: until }).where(eq(threads.id, input.threadId));
    await recordAudit(tx, {
      action: 'thread.slow-mode-set',
      actorId: input.moderatorId,
      subject: { type: 'thread', id: input.threadId },
      regionCode: thread.regionCode,
      data: { seconds: input.seconds, until: until.toISOString() },
    });
    return { status: 'done' };
  });
}

export function endSlowMode(services: ModerationServices, input: { threadId: string; moderatorId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return threadAct(services, input.threadId, async (tx, thread) => {
    if (thread.slowModeSeconds === null || thread.slowModeUntil === null || thread.slowModeUntil <= now) return { status: 'not-slow' };
    await tx.update(threads).set({ slowModeSeconds: null, slowModeUntil: null }).where(eq(threads.id, input.threadId));
    await recordAudit(tx, {
      action: 'thread.slow-mode-ended',
      actorId: input.moderatorId,
      subject: { type: 'thread', id: input.threadId },
      regionCode: thread.regionCode,
      data: {},
    });
    return { status: 'done' };
  });
}

// ─── Muting ───────────────────────────────────────────────────────────────

export type MuteOutcome = { status: 'muted'; until: Date } | { status: 'not-found' } | { status: 'self' };

/**
 * Mutes an author of the thread in the thread's region (national threads: `regionCode` null) for
 * `hours`: `postMessage` then refuses their messages there (`muted`, until). They are told.
 */
export async function mutePerson(
  services: ModerationServices,
  input: { threadId: string; userId: string; moderatorId: string; hours: number; reason: string; now?: Date },
): Promise<MuteOutcome> {
  if (input.userId === input.moderatorId) return { status: 'self' };
  const until = new Date((input.now ?? new Date()).getTime() + input.hours * 3600_000);
  return moderate(services, async (tx, emit): Promise<MuteOutcome> => {
    const [thread] = await tx.select({ title: threads.title, regionCode: threads.regionCode }).from(threads).where(eq(threads.id, input.threadId));
    // Only an author of the thread: the panel offers them, and nobody is muted from elsewhere.
    const [authored] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.threadId, input.threadId), eq(messages.authorId, input.userId)))
      .limit(1);
    if (!thread || !authored) return { status: 'not-found' };
    await tx.insert(threadMutes).values({ userId: input.userId, regionCode: thread.regionCode, until, reason: input.reason, mutedById: input.moderatorId });
    await recordAudit(tx, {
      action: 'thread.person-muted',
      actorId: input.moderatorId,
      subject: { type: 'user', id: input.userId },
      regionCode: thread.regionCode,
      data: { until: until.toISOString(), threadId: input.threadId },
      reason: input.reason,
    });
    await mailModeration(tx, services, {
      userId: input.userId,
      kind: 'muted',
      threadId: input.threadId,
      values: { title: thread.title, reason: input.reason },
      until,
    });
    emit({
      to: rooms.user(input.userId),
      event: 'moderation:notice',
      payload: { kind: 'muted', threadId: input.threadId, messageId: null, reason: input.reason, until: until.toISOString() },
    });
    return { status: 'muted', until };
  });
}

export type UnmuteOutcome = { status: 'unmuted' } | { status: 'not-muted' };

/** Lifts the person's current mutes in the thread's region. */
export async function liftMute(
  services: ModerationServices,
  input: { threadId: string; userId: string; moderatorId: string; now?: Date },
): Promise<UnmuteOutcome> {
  const now = input.now ?? new Date();
  return moderate(services, async (tx): Promise<UnmuteOutcome> => {
    const [thread] = await tx.select({ regionCode: threads.regionCode }).from(threads).where(eq(threads.id, input.threadId));
    if (!thread) return { status: 'not-muted' };
    const lifted = await tx
      .update(threadMutes)
      .set({ liftedAt: now })
      .where(
        and(
          eq(threadMutes.userId, input.userId),
          isNull(threadMutes.liftedAt),
          gt(threadMutes.until, now),
          thread.regionCode === null ? isNull(threadMutes.regionCode) : eq(threadMutes.regionCode, thread.regionCode),
        ),
      )
      .returning({ id: threadMutes.id });
    if (lifted.length === 0) return { status: 'not-muted' };
    await recordAudit(tx, {
      action: 'thread.person-unmuted',
      actorId: input.moderatorId,
      subject: { type: 'user', id: input.userId },
      regionCode: thread.regionCode,
      data: { threadId: input.threadId },
    });
    return { status: 'unmuted' };
  });
}
