import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { AppServices } from '#app/context.server';
import { messagesPerPage, messageText } from '#app/domain/threads/messages';
import { findThreadFacts, liveStateOf, threadMessages, visitThreadId, type ThreadFacts } from '#app/models/threads.server';
import { markRead, threadLastSeq, unreadTotal } from '#app/models/thread-reads.server';
import { allowed, loadActorForSession, type Actor } from '#app/utils/permissions.server';
import {
  rooms,
  type ClientToServerEvents,
  type RealtimeServer,
  type RecheckTarget,
  type ServerSideEvents,
  type ServerToClientEvents,
  type SocketData,
  type ThreadJoinAnswer,
  type ThreadRefusal,
  type ThreadSendAnswer,
} from '#app/utils/realtime.server';
import { sendThreadMessage } from '#app/utils/thread-posting.server';
import type { Presence } from './presence';

/**
 * Live threads over the socket (decision 019). Every payload is parsed with a strict schema (a
 * malformed one is answered `invalid`, never thrown on), and every event loads the person's roles
 * afresh from the socket's session: a right that ended yesterday, or a second ago, counts. A socket
 * joins a thread's room only once `thread:read` is granted, and leaves it when that right ends
 * (`recheckThreadRooms`, run on every process by `realtime.recheck`).
 */

/** How many threads one socket follows at once: a page follows one, so 20 is generous. */
export const maxFollowedThreads = 20;
/** A socket's typing signal is passed on at most once per thread every 2 seconds. */
export const typingIntervalMs = 2000;

type ThreadSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;
type Services = Pick<AppServices, 'db' | 'jobs' | 'realtime' | 'logger' | 'limiters'>;

const uuid = z.string().uuid();
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const joinRequest = z.object({ threadId: uuid, after: seq }).strict();
const threadRequest = z.object({ threadId: uuid }).strict();
const sendRequest = z.object({ threadId: uuid, text: messageText, key: uuid, poleId: uuid.optional() }).strict();
const readRequest = z.object({ threadId: uuid, seq }).strict();

const invalid = { ok: false, error: 'invalid' } as const;
const notFound = { ok: false, error: 'not-found' } as const;
const unavailable = { ok: false, error: 'unavailable' } as const;

/** The client's acknowledgement callback, or a no-op when it sent none (or something else). */
function replyTo<Answer>(ack: unknown): (answer: Answer) => void {
  return typeof ack === 'function' ? (answer: Answer) => void (ack as (answer: Answer) => void)(answer) : () => {};
}

const threadPrefix = rooms.thread('');
const threadRoomsOf = (socket: { rooms: Set<string> }) => [...socket.rooms].filter((room) => room.startsWith(threadPrefix));

/** Leaves a thread's room; tells the room the person left once none of their sockets is there. */
async function leaveThread(presence: Presence, socket: ThreadSocket, threadId: string): Promise<void> {
  const room = rooms.thread(threadId);
  if (!socket.rooms.has(room)) return;
  await socket.leave(room);
  await announceLeft(presence, threadId, socket.data.userId);
}

async function announceLeft(presence: Presence, threadId: string, userId: string) {
  if (!(await presence.has(threadId, userId))) presence.left(threadId, userId);
}

export function handleThreads(socket: ThreadSocket, presence: Presence, services: Services) {
  const { db, logger } = services;
  /** Joins under way: counted against the cap before any await, so joins sent together cannot all pass it. */
  const joining = new Set<string>();
  const lastTyping = new Map<string, number>();

  /** The person's roles now; a session that ended gets its socket closed. */
  async function freshActor(): Promise<Actor | null> {
    const actor = await loadActorForSession(db, socket.data.sessionId);
    if (!actor) setImmediate(() => socket.disconnect(true));
    return actor;
  }

  /** The thread if the person reads it now, else null (the same `not-found` for a missing one). */
  async function readable(actor: Actor, threadId: string): Promise<ThreadFacts | null> {
    const thread = await findThreadFacts(db, threadId);
    return thread && allowed(actor, { action: 'thread:read', thread: thread.access }) ? thread : null;
  }

  /** Runs a handler; an unexpected failure is logged and answered `unavailable`. */
  function guarded<Answer>(name: string, work: (request: unknown, answer: (answer: Answer | ThreadRefusal) => void) => Promise<void>) {
    return async (request: unknown, ack?: unknown) => {
      const answer = replyTo<Answer | ThreadRefusal>(ack);
      try {
        await work(request, answer);
      } catch (error) {
        logger.error({ err: error }, `${name} failed`);
        answer(unavailable);
      }
    };
  }

  socket.on(
    'thread:join',
    guarded<ThreadJoinAnswer>('thread:join', async (request, answer) => {
      const parsed = joinRequest.safeParse(request);
      if (!parsed.success) return answer(invalid);
      const { threadId, after } = parsed.data;
      const room = rooms.thread(threadId);
      const already = socket.rooms.has(room) || joining.has(threadId);
      if (!already && threadRoomsOf(socket).length + joining.size >= maxFollowedThreads) return answer({ ok: false, error: 'too-many' });
      if (!already) joining.add(threadId);
      try {
        const actor = await freshActor();
        if (!actor) return answer(notFound);
        const thread = await readable(actor, threadId);
        if (!thread) return answer(notFound);
        const me = { id: socket.data.userId, name: socket.data.name.slice(0, 300) };
        // Another tab of mine already here means I was present.
        const wasPresent = await presence.has(threadId, me.id);
        // Joined before reading: a message committed after this read is broadcast to the room.
        await socket.join(room);
        const moderator = allowed(actor, { action: 'thread:moderate', thread });
        const [messages, present] = await Promise.all([threadMessages(db, { threadId, after, limit: messagesPerPage, moderator }), presence.people(threadId)]);
        answer({ ok: true, messages, state: liveStateOf(thread), present, moderator });
        if (!wasPresent) presence.joined(threadId, me);
      } finally {
        joining.delete(threadId);
      }
    }),
  );

  socket.on(
    'thread:leave',
    guarded<{ ok: boolean }>('thread:leave', async (request, answer) => {
      const parsed = threadRequest.safeParse(request);
      if (!parsed.success) return answer({ ok: false });
      await leaveThread(presence, socket, parsed.data.threadId);
      answer({ ok: true });
    }),
  );

  socket.on(
    'thread:send',
    guarded<ThreadSendAnswer>('thread:send', async (request, answer) => {
      const parsed = sendRequest.safeParse(request);
      if (!parsed.success) return answer(invalid);
      const actor = await freshActor();
      if (!actor) return answer(notFound);
      const { threadId, text, key, poleId } = parsed.data;
      answer(await sendThreadMessage(services, { actor, threadId, text, key, poleId: poleId ?? null }));
    }),
  );

  socket.on(
    'thread:typing',
    guarded<never>('thread:typing', async (request) => {
      const parsed = threadRequest.safeParse(request);
      if (!parsed.success) return;
      const { threadId } = parsed.data;
      const room = rooms.thread(threadId);
      // Only from a thread's page (its room), and at most every 2 seconds: checked before any query.
      if (!socket.rooms.has(room)) return;
      const now = Date.now();
      if (now - (lastTyping.get(threadId) ?? 0) < typingIntervalMs) return;
      lastTyping.set(threadId, now);
      const actor = await freshActor();
      if (!actor) return;
      const thread = await findThreadFacts(db, threadId);
      if (!thread || !allowed(actor, { action: 'thread:post', thread: thread.access })) return;
      const { userId, name } = socket.data;
      socket
        .to(room)
        .except(rooms.user(userId))
        .emit('thread:typing', { threadId, person: { id: userId, name: name.slice(0, 300) } });
    }),
  );

  socket.on(
    'thread:read',
    guarded<{ ok: true; unread: number }>('thread:read', async (request, answer) => {
      const parsed = readRequest.safeParse(request);
      if (!parsed.success) return answer(invalid);
      const actor = await freshActor();
      if (!actor) return answer(notFound);
      const { threadId } = parsed.data;
      if (!(await readable(actor, threadId))) return answer(notFound);
      // A mark never goes past the thread's last message: a forged seq cannot mark tomorrow's read.
      const upTo = Math.min(parsed.data.seq, await threadLastSeq(db, threadId));
      await markRead(db, { userId: actor.userId, threadId, seq: upTo });
      answer({ ok: true, unread: await unreadTotal(db, actor.userId) });
    }),
  );

  // Leaving with the page (or the network): the rooms are gone by `disconnect`, so keep them here.
  let roomsAtClose: string[] = [];
  socket.on('disconnecting', () => {
    roomsAtClose = threadRoomsOf(socket);
  });
  socket.on('disconnect', () => {
    for (const room of roomsAtClose) {
      announceLeft(presence, room.slice(threadPrefix.length), socket.data.userId).catch((error: unknown) =>
        logger.error({ err: error }, 'thread presence not announced'),
      );
    }
  });
}

const recheckTarget = z.union([z.object({ user: uuid }).strict(), z.object({ thread: uuid }).strict(), z.object({ visit: uuid }).strict()]);

/**
 * This process's part of `realtime.recheck` (a right to read may have ended): each local socket of
 * the target re-runs `thread:read` for the thread rooms it is in, with its person's roles read
 * now, and leaves those it may no longer read (nothing is sent to it there afterwards).
 */
export async function recheckThreadRooms(io: RealtimeServer, presence: Presence, services: Pick<AppServices, 'db'>, target: RecheckTarget): Promise<void> {
  const parsed = recheckTarget.safeParse(target);
  if (!parsed.success) return;
  const wanted = parsed.data;
  const namespace = io.of('/');
  // Most acts on a visit's seats find no socket on any thread here: nothing to read then.
  if (!('user' in wanted) && ![...namespace.adapter.rooms.keys()].some((room) => room.startsWith(threadPrefix))) return;
  const threadId = 'thread' in wanted ? wanted.thread : 'visit' in wanted ? await visitThreadId(services.db, wanted.visit) : null;
  const room = 'user' in wanted ? rooms.user(wanted.user) : threadId ? rooms.thread(threadId) : null;
  if (!room) return;
  const sockets = [...(namespace.adapter.rooms.get(room) ?? [])].flatMap((id) => namespace.sockets.get(id) ?? []);
  const actors = new Map<string, Promise<Actor | null>>();
  const threads = new Map<string, Promise<ThreadFacts | null>>();
  for (const socket of sockets) {
    const followed = threadRoomsOf(socket).filter((followedRoom) => threadId === null || followedRoom === rooms.thread(threadId));
    if (followed.length === 0) continue;
    const { sessionId } = socket.data;
    if (!actors.has(sessionId)) actors.set(sessionId, loadActorForSession(services.db, sessionId));
    const actor = await actors.get(sessionId)!;
    if (!actor) {
      socket.disconnect(true);
      continue;
    }
    for (const followedRoom of followed) {
      const id = followedRoom.slice(threadPrefix.length);
      if (!threads.has(id)) threads.set(id, findThreadFacts(services.db, id));
      const thread = await threads.get(id)!;
      if (!thread || !allowed(actor, { action: 'thread:read', thread: thread.access })) await leaveThread(presence, socket, id);
    }
  }
}
