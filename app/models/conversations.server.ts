import { and, asc, count, desc, eq, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Jobs } from '#app/jobs/queue.server';
import type { Logger } from '#app/utils/logger.server';
import type { Database, Executor, Transaction } from '#db/client';
import { messages, offers, poleMemberships, poles, requests, threads, twinnings, users } from '#db/schema';
import { contactableOfferStates, contactableRequestStates } from '#app/domain/market/rules';
import { postMessageIn, type PostOutcome } from './threads.server';
import { compareByName } from './poles.server';

/**
 * Conversations between two poles about an offer or a request: finding or opening the thread, and
 * the lists and pages of one's conversations. Messages are posted as in every live thread
 * (threads.server.ts, decision 019), which also asks for the digest mails of the other pole's admins.
 */

export type SubjectKind = 'offer' | 'request';
export type SubjectRef = { kind: SubjectKind; id: string };
/** What sending needs from the app's services (the route passes its `context`). */
export type NotifyServices = { jobs: Pick<Jobs, 'send'>; logger: Logger; env: { appUrl: URL } };

export const conversationsPerPage = 20;
const excerptLength = 160;

const poleColumns = { id: poles.id, name: poles.name, slug: poles.slug, regionCode: poles.regionCode };

// ─── Starting a conversation ──────────────────────────────────────────────

/** A published offer, or an open or in-progress request, with its pole; null for anything else. */
export async function findContactSubject(db: Executor, ref: SubjectRef) {
  const [row] =
    ref.kind === 'offer'
      ? await db
          .select({ id: offers.id, title: offers.title, pole: poleColumns })
          .from(offers)
          .innerJoin(poles, eq(poles.id, offers.poleId))
          .where(and(eq(offers.id, ref.id), inArray(offers.state, contactableOfferStates)))
      : await db
          .select({ id: requests.id, title: requests.title, pole: poleColumns })
          .from(requests)
          .innerJoin(poles, eq(poles.id, requests.poleId))
          .where(and(eq(requests.id, ref.id), inArray(requests.state, contactableRequestStates)));
  return row ? { kind: ref.kind, ...row } : null;
}

/** The poles the person belongs to, as `conversation:start` needs them, sorted by name. */
async function polesOf(db: Executor, userId: string) {
  const rows = await db
    .select({ ...poleColumns, verifiedAt: poles.verifiedAt })
    .from(poleMemberships)
    .innerJoin(poles, eq(poles.id, poleMemberships.poleId))
    .where(eq(poleMemberships.userId, userId));
  return rows.map(({ verifiedAt, ...pole }) => ({ ...pole, verified: verifiedAt !== null })).sort(compareByName);
}

const subjectColumn = (kind: SubjectKind) => (kind === 'offer' ? threads.offerId : threads.requestId);

/**
 * The contact page: the subject, the person's poles (the route keeps those allowed to write),
 * and the conversations their poles already have about it. Null when the subject cannot be contacted.
 */
export async function loadContactForm(db: Executor, input: { subject: SubjectRef; userId: string }) {
  const subject = await findContactSubject(db, input.subject);
  if (!subject) return null;
  const memberPoles = await polesOf(db, input.userId);
  const existing = memberPoles.length
    ? await db
        .select({ id: threads.id, poleId: threads.initiatorPoleId })
        .from(threads)
        .where(
          and(
            eq(subjectColumn(subject.kind), subject.id),
            inArray(
              threads.initiatorPoleId,
              memberPoles.map((pole) => pole.id),
            ),
          ),
        )
    : [];
  const existingThreads = existing.map((thread) => ({ id: thread.id, poleName: memberPoles.find((pole) => pole.id === thread.poleId)?.name ?? '' }));
  return { subject, memberPoles, existingThreads };
}

/** A pole as `conversation:start` needs it, or null for an unknown id. */
export async function findActingPole(db: Executor, poleId: string) {
  const [row] = await db
    .select({ ...poleColumns, verifiedAt: poles.verifiedAt })
    .from(poles)
    .where(eq(poles.id, poleId));
  if (!row) return null;
  const { verifiedAt, ...pole } = row;
  return { ...pole, verified: verifiedAt !== null };
}

type MessageInput = { authorId: string; body: string };

export type StartOutcome =
  | { status: 'sent'; threadId: string; messageId: string; recipientPoleName: string }
  | { status: 'unavailable' }
  | ({ threadId: string } & Exclude<PostOutcome, { status: 'sent' } | { status: 'not-found' }>);

/**
 * Finds or creates the thread of (subject, initiating pole) and adds the message, in one
 * transaction. Two first contacts at once both insert with ON CONFLICT DO NOTHING: the unique
 * index lets one thread through, the other waits for it and then appends to it. The message goes
 * through the live threads' posting (decision 019): a locked thread, a mute or slow mode refuse it.
 */
export async function startConversation(
  db: Database,
  services: NotifyServices,
  input: MessageInput & { subject: SubjectRef; fromPoleId: string },
): Promise<StartOutcome> {
  return db.transaction(async (tx): Promise<StartOutcome> => {
    const subject = await findContactSubject(tx, input.subject);
    if (!subject) return { status: 'unavailable' };
    const column = subjectColumn(subject.kind);
    await tx
      .insert(threads)
      .values({
        subjectType: subject.kind,
        offerId: subject.kind === 'offer' ? subject.id : null,
        requestId: subject.kind === 'request' ? subject.id : null,
        initiatorPoleId: input.fromPoleId,
        recipientPoleId: subject.pole.id,
        regionCode: subject.pole.regionCode,
        title: subject.title,
        createdById: input.authorId,
      })
      .onConflictDoNothing({ target: [column, threads.initiatorPoleId] });
    const [thread] = await tx
      .select({ id: threads.id })
      .from(threads)
      .where(and(eq(column, subject.id), eq(threads.initiatorPoleId, input.fromPoleId)));
    if (!thread) throw new Error('the conversation was neither created nor found');
    const outcome = await postInConversation(tx, services, { threadId: thread.id, poleId: input.fromPoleId, ...input });
    if (outcome.status === 'not-found') throw new Error('the conversation vanished inside its own transaction');
    if (outcome.status !== 'sent') return { ...outcome, threadId: thread.id };
    return { status: 'sent', threadId: thread.id, messageId: outcome.message.id, recipientPoleName: subject.pole.name };
  });
}

// ─── Posting in a conversation from elsewhere ─────────────────────────────

/** What permissions need to know of a conversation, with its title, or null for an unknown id. */
export async function findConversationRef(db: Executor, threadId: string) {
  const [row] = await db
    .select({
      id: threads.id,
      title: threads.title,
      initiatorPoleId: threads.initiatorPoleId,
      recipientPoleId: threads.recipientPoleId,
      lockedAt: threads.lockedAt,
    })
    .from(threads)
    .where(eq(threads.id, threadId));
  return row ?? null;
}

/**
 * A message for one of the two poles, inside the caller's transaction (a visit proposed from the
 * conversation posts its announcement with it): the live threads' posting, under the thread's lock.
 */
export function postInConversation(
  tx: Transaction,
  services: Pick<NotifyServices, 'jobs'>,
  input: MessageInput & { threadId: string; poleId: string },
): Promise<PostOutcome> {
  return postMessageIn(tx, services, {
    threadId: input.threadId,
    authorId: input.authorId,
    poleId: input.poleId,
    body: input.body,
    clientKey: null,
    exemptFromSlowMode: false,
  });
}

// ─── Reading ──────────────────────────────────────────────────────────────

const initiatorPole = alias(poles, 'initiator_pole');
const recipientPole = alias(poles, 'recipient_pole');

const threadColumns = {
  id: threads.id,
  title: threads.title,
  subjectType: threads.subjectType,
  offerId: threads.offerId,
  requestId: threads.requestId,
  lockedAt: threads.lockedAt,
  lastMessageAt: threads.lastMessageAt,
  initiatorPoleId: threads.initiatorPoleId,
  recipientPoleId: threads.recipientPoleId,
  initiator: { id: initiatorPole.id, name: initiatorPole.name, slug: initiatorPole.slug },
  recipient: { id: recipientPole.id, name: recipientPole.name, slug: recipientPole.slug },
  /** The twinning whose conversation this is (subject 'pairing'), else null. */
  twinningId: twinnings.id,
};

function selectThreads(db: Executor) {
  return db
    .select(threadColumns)
    .from(threads)
    .innerJoin(initiatorPole, eq(initiatorPole.id, threads.initiatorPoleId))
    .innerJoin(recipientPole, eq(recipientPole.id, threads.recipientPoleId))
    .leftJoin(twinnings, eq(twinnings.threadId, threads.id));
}

const excerpt = (body: string, length: number) => (body.length > length ? `${body.slice(0, length).trimEnd()}…` : body);

/** The conversations of the person's poles, newest activity first, one page at a time. */
export async function listConversations(db: Executor, input: { userId: string; page: number }) {
  const memberOf = db.select({ id: poleMemberships.poleId }).from(poleMemberships).where(eq(poleMemberships.userId, input.userId));
  const mine = or(inArray(threads.initiatorPoleId, memberOf), inArray(threads.recipientPoleId, memberOf));
  const [counted] = await db.select({ total: count() }).from(threads).where(mine);
  const total = counted?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / conversationsPerPage));
  const page = Math.min(input.page, pageCount);
  const rows = await selectThreads(db)
    .where(mine)
    .orderBy(desc(threads.lastMessageAt), desc(threads.id))
    .limit(conversationsPerPage)
    .offset((page - 1) * conversationsPerPage);

  const ids = rows.map((row) => row.id);
  const [counts, lastMessages] = ids.length
    ? await Promise.all([
        db.select({ threadId: messages.threadId, total: count() }).from(messages).where(inArray(messages.threadId, ids)).groupBy(messages.threadId),
        db
          .selectDistinctOn([messages.threadId], {
            threadId: messages.threadId,
            body: messages.body,
            hiddenAt: messages.hiddenAt,
            createdAt: messages.createdAt,
          })
          .from(messages)
          .where(inArray(messages.threadId, ids))
          .orderBy(messages.threadId, desc(messages.createdAt), desc(messages.id)),
      ])
    : [[], []];
  const conversations = rows.map((row) => {
    const last = lastMessages.find((message) => message.threadId === row.id);
    return {
      ...row,
      messageCount: counts.find((counted) => counted.threadId === row.id)?.total ?? 0,
      lastMessage: last
        ? { excerpt: last.hiddenAt ? null : excerpt(last.body, excerptLength), hidden: last.hiddenAt !== null, createdAt: last.createdAt }
        : null,
    };
  });
  return { conversations, total, page, pageCount };
}

/** One conversation and its messages in order; a hidden message's text never leaves the server. */
export async function getConversation(db: Executor, threadId: string) {
  const [thread] = await selectThreads(db).where(eq(threads.id, threadId));
  if (!thread) return null;
  const rows = await db
    .select({
      id: messages.id,
      body: messages.body,
      hiddenAt: messages.hiddenAt,
      createdAt: messages.createdAt,
      authorName: users.name,
      poleName: poles.name,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .leftJoin(poles, eq(poles.id, messages.authorPoleId))
    .where(eq(messages.threadId, threadId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const conversationMessages = rows.map(({ hiddenAt, body, ...message }) => ({ ...message, hidden: hiddenAt !== null, body: hiddenAt ? null : body }));
  return { thread, messages: conversationMessages };
}
