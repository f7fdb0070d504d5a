import type { AppServices } from '#app/context.server';
import type { Mentionable } from '#app/domain/threads/text';
import { findLiveMessage, findThreadFacts, postMessage, type ThreadFacts } from '#app/models/threads.server';
import { hasMessageWithKey, newMessageAudience, polesToSpeakFor } from '#app/models/thread-people.server';
import { allowed, type Actor } from './permissions.server';
import { givePointsBack, takePoints, type Counter, type TooManyAttempts } from './rate-limit.server';
import { rooms, type LiveMessage, type ThreadRefusal } from './realtime.server';

/**
 * The one way a message enters a live thread (decision 019), for the plain form and the socket
 * alike: the person must read the thread and may post in it, speaks for one of their poles that
 * takes part, within the per-minute limit; the model stores it under the thread's lock (locked,
 * muted, slow mode, idempotency key); then, once committed, it is broadcast with its id and seq.
 *
 * A person who may not post answers `not-found`, even one who reads the thread (a coordinator in
 * a conversation between poles): the page shows them no form, so only a forged request gets here,
 * and it learns nothing more than a wrong id would.
 */

export type SendInput = {
  actor: Actor;
  threadId: string;
  /** Already checked by `messageText` (trimmed, 1 to 4,000 characters). */
  text: string;
  /** The browser's idempotency key (a UUID): a retried send stores nothing twice. */
  key: string | null;
  /** The pole the person speaks for; null: the first of theirs that takes part, by name. */
  poleId: string | null;
};
export type SendOutcome = { ok: true; message: LiveMessage } | ThreadRefusal;
export type SendServices = Pick<AppServices, 'db' | 'jobs' | 'realtime' | 'logger' | 'limiters'>;
type PublishServices = Pick<AppServices, 'db' | 'realtime' | 'logger'>;

const notFound = { ok: false, error: 'not-found' } as const;

export async function sendThreadMessage(services: SendServices, input: SendInput): Promise<SendOutcome> {
  const { db } = services;
  const { actor } = input;
  const thread = await findThreadFacts(db, input.threadId);
  if (!thread || !allowed(actor, { action: 'thread:read', thread: thread.access })) return notFound;
  if (!allowed(actor, { action: 'thread:post', thread: thread.access })) return notFound;

  const choices = await polesToSpeakFor(db, actor, thread);
  if (input.poleId !== null && !choices.some((pole) => pole.id === input.poleId)) return { ok: false, error: 'invalid' };
  const poleId = input.poleId ?? choices[0]?.id ?? null;

  const counters: Counter[] = [[services.limiters.messages, actor.userId]];
  let blocked: TooManyAttempts | null;
  try {
    blocked = await takePoints(counters);
  } catch (error) {
    services.logger.error({ err: error }, 'thread message: rate limiter failed');
    return { ok: false, error: 'unavailable' };
  }
  if (blocked) {
    // A retry of a message already stored answers it, whatever the limiter says (and counts nothing).
    if (input.key && (await hasMessageWithKey(db, { authorId: actor.userId, key: input.key }))) {
      const outcome = await postMessage(db, services, { ...postInput(input, poleId), exemptFromSlowMode: true });
      return outcome.status === 'sent' ? { ok: true, message: outcome.message } : notFound;
    }
    return { ok: false, error: 'rate-limited', retryAfter: blocked.retryAfterSeconds };
  }

  const outcome = await postMessage(db, services, {
    ...postInput(input, poleId),
    exemptFromSlowMode: allowed(actor, { action: 'thread:moderate', thread }),
  }).catch(async (error: unknown) => {
    await givePointsBack(counters).catch(() => {});
    throw error;
  });
  // Only a message stored now counts: a refusal or a concurrent retry of the same key gives it back.
  if (outcome.status !== 'sent' || !outcome.created) await givePointsBack(counters).catch(() => {});

  switch (outcome.status) {
    case 'not-found':
      return notFound;
    case 'locked':
      return { ok: false, error: 'locked' };
    case 'muted':
      return { ok: false, error: 'muted', until: outcome.until.toISOString() };
    case 'slow':
      return { ok: false, error: 'slow', retryAfter: outcome.retryAfter };
    case 'sent':
      if (outcome.created) await publishSent(services, { thread, authorId: actor.userId, poleId, message: outcome.message, mentioned: outcome.mentioned });
      return { ok: true, message: outcome.message };
  }
}

function postInput(input: SendInput, poleId: string | null) {
  return { threadId: input.threadId, authorId: input.actor.userId, poleId, body: input.text, clientKey: input.key };
}

/**
 * After the commit: the message to the thread's room; `message:new` to the people of the poles
 * taking part but the author (their header's count; a forum's readers have the room); `mention:new`
 * to each person named. A failure is logged: the message is stored and the pages show it.
 */
async function publishSent(
  services: PublishServices,
  input: { thread: ThreadFacts; authorId: string; poleId: string | null; message: LiveMessage; mentioned: Mentionable[] },
) {
  const { realtime, logger, db } = services;
  const { thread, message } = input;
  try {
    await realtime.publish(rooms.thread(thread.id), 'thread:message', { threadId: thread.id, message });
  } catch (error) {
    logger.error({ err: error }, 'realtime: thread:message not published');
  }
  if (thread.access.kind === 'poles' && input.poleId && thread.access.poleIds.length > 0) {
    try {
      const { fromPole, audience } = await newMessageAudience(db, { poleId: input.poleId, poleIds: thread.access.poleIds, exceptUserId: input.authorId });
      if (fromPole && audience.length > 0) {
        await realtime.publish(
          audience.map(({ userId }) => rooms.user(userId)),
          'message:new',
          { threadId: thread.id, fromPole, authorId: input.authorId, sentAt: message.createdAt },
        );
      }
    } catch (error) {
      logger.error({ err: error }, 'realtime: message:new not published');
    }
  }
  for (const person of input.mentioned) {
    try {
      await realtime.publish(rooms.user(person.id), 'mention:new', {
        threadId: thread.id,
        messageId: message.id,
        title: thread.title.slice(0, 300),
        by: (message.authorName ?? '').slice(0, 300),
      });
    } catch (error) {
      logger.error({ err: error }, 'realtime: mention:new not published');
    }
  }
}

/**
 * The same broadcast for a message stored by another path, after its commit: the first message of
 * a conversation, a visit announced in a conversation. A failure is logged, never thrown.
 */
export async function publishStoredMessage(services: PublishServices, input: { threadId: string; messageId: string; poleId: string | null }) {
  try {
    const [thread, message] = await Promise.all([
      findThreadFacts(services.db, input.threadId),
      findLiveMessage(services.db, input.messageId, { moderator: false }),
    ]);
    if (!thread || !message?.authorId) return;
    await publishSent(services, { thread, authorId: message.authorId, poleId: input.poleId, message, mentioned: message.mentions });
  } catch (error) {
    services.logger.error({ err: error }, 'realtime: a stored message was not published');
  }
}
