import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Server } from 'socket.io';
import { z } from 'zod';
import type { Logger } from './logger.server';

/**
 * Events pushed to browsers, from any loader, action or job, on any process (decision 012).
 *
 * `realtime.publish(rooms, event, payload)` goes through the process's socket.io server once the
 * HTTP server has attached it (server/sockets.ts). With PostgreSQL, socket.io uses
 * @socket.io/postgres-adapter, so a publish reaches the sockets of every process sharing the
 * database, each socket once. A process without a socket.io server (a loader test, a job worker)
 * still reaches the others: it sends the adapter's own NOTIFY message, as
 * @socket.io/postgres-emitter would. PGlite serves one process, so there nothing is left to reach.
 * Every publish is also handed to this process's listeners (`onPublish`), which tests use.
 */

// ─── Rooms ────────────────────────────────────────────────────────────────

/**
 * Every socket of a person (all their tabs and devices), of one session, following one
 * conversation, or watching one learning visit's seats (`visit:watch`, server/visit-sockets.ts).
 */
export type RealtimeRoom = `user:${string}` | `session:${string}` | `thread:${string}` | `visit:${string}`;
// `thread:<id>`: the sockets on a live thread's page, joined after `thread:read` is checked (server/thread-sockets.ts).

export const rooms = {
  user: (userId: string) => `user:${userId}` as const,
  session: (sessionId: string) => `session:${sessionId}` as const,
  thread: (threadId: string) => `thread:${threadId}` as const,
  visit: (visitId: string) => `visit:${visitId}` as const,
};

// ─── Events ───────────────────────────────────────────────────────────────

const uuid = z.string().uuid();

/** A message of a live thread as a page shows it (decision 019): a hidden one without its text, unless sent to moderators. */
const liveMessage = z
  .object({
    id: uuid,
    threadId: uuid,
    seq: z.number().int().positive(),
    authorId: uuid.nullable(),
    authorName: z.string().max(300).nullable(),
    poleName: z.string().max(300).nullable(),
    body: z.string().max(4000).nullable(),
    hidden: z.boolean(),
    createdAt: z.string().datetime(),
    /** The people the message names (`@Name`), for the page to mark them. */
    mentions: z.array(z.object({ id: uuid, name: z.string().max(300) }).strict()).max(50),
  })
  .strict();
export type LiveMessage = z.infer<typeof liveMessage>;

const person = z.object({ id: uuid, name: z.string().max(300) }).strict();
/** A thread's state as moderation leaves it: locked, slow mode (seconds and end). */
const threadState = z
  .object({ threadId: uuid, locked: z.boolean(), slowModeSeconds: z.number().int().positive().nullable(), slowModeUntil: z.string().datetime().nullable() })
  .strict();
export type LiveThreadState = z.infer<typeof threadState>;

/**
 * What the server may send, each with the schema its payload must pass. Payloads carry ids and
 * short labels: the browser fetches the rest through the pages, with their permission checks.
 */
export const realtimeEvents = {
  /** A message arrived in a conversation of one of the person's poles. */
  'message:new': z
    .object({
      threadId: uuid,
      fromPole: z.object({ id: uuid, name: z.string().min(1).max(300) }).strict(),
      authorId: uuid,
      sentAt: z.string().datetime(),
    })
    .strict(),
  /** A visit's seats as committed after an act on them: counts only, never a name (anyone may watch). */
  'visit:seats': z
    .object({
      visitId: uuid,
      seats: z.number().int().nonnegative(),
      taken: z.number().int().nonnegative(),
      free: z.number().int().nonnegative(),
      waiting: z.number().int().nonnegative(),
    })
    .strict(),
  /** A message stored in a live thread, to its room (only sockets whose person may read it join). */
  'thread:message': z.object({ threadId: uuid, message: liveMessage }).strict(),
  /** A message hidden by moderation: pages show « message masqué par la modération » (moderators keep the text). */
  'thread:hidden': z.object({ threadId: uuid, messageId: uuid }).strict(),
  /** A hidden message restored, with its text again. */
  'thread:restored': z.object({ threadId: uuid, message: liveMessage }).strict(),
  /** Locked or unlocked, slow mode set or ended. */
  'thread:state': threadState,
  /** Who is on the thread's page now: people who arrived and people who left (by id). */
  'thread:presence': z.object({ threadId: uuid, joined: z.array(person).max(1000), left: z.array(uuid).max(1000) }).strict(),
  /** Someone is typing (sent to the room but the typist's own sockets). */
  'thread:typing': z.object({ threadId: uuid, person }).strict(),
  /** A person was named in a message (to their user room). */
  'mention:new': z.object({ threadId: uuid, messageId: uuid, title: z.string().max(300), by: z.string().max(300) }).strict(),
  /** Moderation told a person something about them (to their user room): a message hidden, a mute. */
  'moderation:notice': z
    .object({
      kind: z.enum(['message-hidden', 'message-restored', 'muted']),
      threadId: uuid.nullable(),
      messageId: uuid.nullable(),
      reason: z.string().max(500),
      until: z.string().datetime().nullable(),
    })
    .strict(),
} satisfies Record<string, z.ZodTypeAny>;

export type RealtimeEvent = keyof typeof realtimeEvents;
export type RealtimePayload<E extends RealtimeEvent> = z.infer<(typeof realtimeEvents)[E]>;

/** socket.io's typing of what the server emits (the browser client shares it). */
export type ServerToClientEvents = { [E in RealtimeEvent]: (payload: RealtimePayload<E>) => void };

/**
 * What a browser may ask (server/visit-sockets.ts validates every payload: these types are the
 * client's promise, not the server's trust). `visit:watch` answers the counts as they are once the
 * socket is in the room, so nothing committed between the page's load and the join is missed.
 */
export type VisitWatchAnswer = { ok: true; availability: RealtimePayload<'visit:seats'> } | { ok: false; error: VisitWatchError };
/** `invalid`: a malformed or unknown visit (the same answer); `too-many`: the socket's cap is reached. */
export type VisitWatchError = 'invalid' | 'too-many' | 'unavailable';
export type ClientToServerEvents = {
  'visit:watch': (request: { visitId: string }, answer: (answer: VisitWatchAnswer) => void) => void;
  'visit:unwatch': (request: { visitId: string }, answer?: (answer: { ok: boolean }) => void) => void;
  /** Joins a live thread's room and answers every message after `after` (the last seq the page shows). */
  'thread:join': (request: { threadId: string; after: number }, answer: (answer: ThreadJoinAnswer) => void) => void;
  'thread:leave': (request: { threadId: string }, answer?: (answer: { ok: boolean }) => void) => void;
  /** Sends a message; `key` (a UUID the browser makes once per message) makes a retry store nothing twice. */
  'thread:send': (request: { threadId: string; text: string; key: string; poleId?: string }, answer: (answer: ThreadSendAnswer) => void) => void;
  'thread:typing': (request: { threadId: string }) => void;
  /** The person has seen the thread up to `seq`: answers their unread total. */
  'thread:read': (request: { threadId: string; seq: number }, answer?: (answer: { ok: true; unread: number } | ThreadRefusal) => void) => void;
};

/**
 * Why a thread event is refused: `not-found` for a thread the person may not read (as for one that
 * does not exist), `invalid` for a malformed payload; `locked`, `muted` (until), `slow` and
 * `rate-limited` (retry after, in seconds) for a writer who sees the thread.
 */
export type ThreadRefusal =
  | { ok: false; error: 'not-found' | 'invalid' | 'unavailable' | 'too-many' | 'locked' }
  | { ok: false; error: 'muted'; until: string }
  | { ok: false; error: 'slow' | 'rate-limited'; retryAfter: number };
export type ThreadJoinAnswer =
  { ok: true; messages: LiveMessage[]; state: LiveThreadState; present: Array<{ id: string; name: string }>; moderator: boolean } | ThreadRefusal;
export type ThreadSendAnswer = { ok: true; message: LiveMessage } | ThreadRefusal;

/** What the handshake stores on each socket. */
export type SocketData = { userId: string; sessionId: string; name: string };

/**
 * Whose thread rooms to re-check when a right to read may have ended (decision 019): a person's
 * sockets (removed from a pole), every socket in a thread's room, or in a visit's thread's room (a
 * booking cancelled or declined). Each process re-runs `thread:read` for its own sockets there.
 */
export type RecheckTarget = { user: string } | { thread: string } | { visit: string };
/** What the processes of the cluster tell each other (socket.io's `serverSideEmit`). */
export type ServerSideEvents = {
  'thread:recheck': (target: RecheckTarget) => void;
  /** Presence over the cluster (server/presence.ts): the people a process has in a thread's room, by name. */
  'presence:people': (threadId: string, answer: (people: Array<{ id: string; name: string }>) => void) => void;
  /** Whether a process has a socket of the person in the thread's room. */
  'presence:has': (threadId: string, userId: string, answer: (present: boolean) => void) => void;
  /** How many sockets of the session a process holds (the per-session cap). */
  'presence:session': (sessionId: string, answer: (count: number) => void) => void;
};
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

/**
 * A NOTIFY payload is limited to 8000 bytes: events stay under 4000, but for a thread's message
 * (up to 4,000 characters, so up to 16,000 bytes of UTF-8), which the adapter then passes through
 * its attachment table.
 */
const maxPayloadBytes = 4000;
const maxMessagePayloadBytes = 20_000;
const largeEvents: ReadonlySet<string> = new Set(['thread:message', 'thread:restored']);

// ─── The service ──────────────────────────────────────────────────────────

export type Published = { rooms: RealtimeRoom[]; event: RealtimeEvent; payload: unknown };
/** Whose sockets to disconnect: one session's, or all of a person's but those of one session. */
export type DisconnectTarget = { session: string } | { user: string; exceptSession?: string };

export type Realtime = {
  /** `postgres`: shared by every process on the database; `in-process`: this process only (PGlite). */
  readonly transport: 'postgres' | 'in-process';
  /**
   * Sends the event to every socket in any of the rooms, once per socket. Call it after the
   * transaction that caused it has committed. Throws on a payload its schema refuses (a bug);
   * a transport failure is logged, never thrown (the act itself has succeeded).
   */
  publish<E extends RealtimeEvent>(to: RealtimeRoom | readonly RealtimeRoom[], event: E, payload: RealtimePayload<E>): Promise<void>;
  /** Closes the sockets of ended sessions, on every process (signing out, password change or reset). */
  disconnect(target: DisconnectTarget): Promise<void>;
  /**
   * Re-checks the thread rooms of the target's sockets on every process (a right to read ended):
   * a socket whose person may no longer read a thread leaves its room. Call it after the commit.
   * This process's sockets are re-checked before it resolves; a failure is logged, never thrown.
   */
  recheck(target: RecheckTarget): Promise<void>;
  /** Calls the listener with every event this process publishes; returns the unsubscribe function. */
  onPublish(listener: (published: Published) => void): () => void;
  /**
   * Called once by the HTTP server: publishing then goes through this socket.io server, and
   * `recheck` runs `hooks.recheck` here and on the other processes (server/thread-sockets.ts).
   */
  attach(io: RealtimeServer, hooks?: { recheck?: (target: RecheckTarget) => Promise<void> }): void;
  /** Closes the adapter and the PostgreSQL pool (at shutdown, after the sockets). */
  close(): Promise<void>;
};

// The adapter's wire format (socket.io-adapter's ClusterAdapter), for publishing without a server.
const adapterChannel = 'socket.io#/';
const emitterUid = 'emitter';
const messageType = { broadcast: 3, disconnectSockets: 6, serverSideEmit: 9 } as const;
const eventPacket = 2;

export function createRealtime(options: { databaseUrl?: string; logger: Logger }): Realtime {
  const { databaseUrl, logger } = options;
  const listeners = new Set<(published: Published) => void>();
  let io: RealtimeServer | undefined;
  let recheckHere: ((target: RecheckTarget) => Promise<void>) | undefined;
  let pool: pg.Pool | undefined;
  let attachmentsTable: Promise<void> | undefined;

  const errorHandler = (error: unknown) => logger.warn({ err: error }, 'realtime: PostgreSQL adapter error');

  /** One small pool per process, opened on first use: a loader test that never publishes opens nothing. */
  function getPool(): pg.Pool {
    if (!databaseUrl) throw new Error('no PostgreSQL behind the realtime service');
    if (!pool) {
      // One connection stays on LISTEN; the others send NOTIFY (heartbeats every 5 s, events).
      pool = new pg.Pool({ connectionString: databaseUrl, max: 4, idleTimeoutMillis: 30_000 });
      // An idle connection cut by the server must not crash the process; the adapter reconnects.
      pool.on('error', errorHandler);
    }
    return pool;
  }

  /** The adapter's table for payloads over NOTIFY's limit; not a drizzle table (the adapter owns it). */
  function ensureAttachmentsTable(): Promise<void> {
    attachmentsTable ??= (async () => {
      const client = await getPool().connect();
      try {
        // Two processes starting together must not both try to create it.
        await client.query('begin');
        await client.query(`select pg_advisory_xact_lock(hashtext('socket_io_attachments'))`);
        await client.query('create table if not exists socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)');
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    })().catch((error: unknown) => logger.error({ err: error }, 'realtime: could not create socket_io_attachments'));
    return attachmentsTable;
  }

  async function notify(message: object) {
    try {
      await getPool().query('select pg_notify($1, $2)', [adapterChannel, JSON.stringify({ uid: emitterUid, nsp: '/', ...message })]);
    } catch (error) {
      logger.error({ err: error }, 'realtime: NOTIFY failed');
    }
  }

  return {
    transport: databaseUrl ? 'postgres' : 'in-process',

    async publish(to, event, payload) {
      const targets = [...new Set(typeof to === 'string' ? [to] : to)];
      const checked = realtimeEvents[event].parse(payload) as RealtimePayload<typeof event>;
      const limit = largeEvents.has(event) ? maxMessagePayloadBytes : maxPayloadBytes;
      if (Buffer.byteLength(JSON.stringify(checked)) > limit) throw new Error(`realtime: the ${event} payload is over ${limit} bytes`);
      for (const listener of listeners) listener({ rooms: targets, event, payload: checked });
      if (targets.length === 0) return;
      if (io) {
        // Generic over the event name, which socket.io's typed emit cannot follow.
        const broadcast = io.to(targets) as unknown as { emit(event: string, payload: unknown): boolean };
        broadcast.emit(event, checked);
        return;
      }
      if (!databaseUrl) return;
      await notify({
        type: messageType.broadcast,
        data: { packet: { type: eventPacket, data: [event, checked], nsp: '/' }, opts: { rooms: targets, except: [], flags: {} } },
      });
    },

    async disconnect(target) {
      const inRooms = ['session' in target ? rooms.session(target.session) : rooms.user(target.user)];
      const except = 'user' in target && target.exceptSession ? [rooms.session(target.exceptSession)] : [];
      if (io) {
        io.in(inRooms).except(except).disconnectSockets(true);
        return;
      }
      if (!databaseUrl) return;
      await notify({ type: messageType.disconnectSockets, data: { opts: { rooms: inRooms, except, flags: {} }, close: true } });
    },

    async recheck(target) {
      try {
        if (io) {
          // The other processes (the adapter sends nothing to this one), then this one's sockets.
          if (databaseUrl) io.of('/').serverSideEmit('thread:recheck', target);
          await recheckHere?.(target);
          return;
        }
        if (!databaseUrl) return;
        await notify({ type: messageType.serverSideEmit, data: { packet: ['thread:recheck', target] } });
      } catch (error) {
        logger.error({ err: error }, 'realtime: recheck failed');
      }
    },

    onPublish(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    attach(server, hooks = {}) {
      io = server;
      recheckHere = hooks.recheck;
      if (recheckHere) {
        const handler = recheckHere;
        // Sent by the other processes (or by a process without a socket.io server).
        server.of('/').on('thread:recheck', (target) => {
          handler(target).catch((error: unknown) => logger.error({ err: error }, 'realtime: recheck failed'));
        });
      }
      if (!databaseUrl) return;
      void ensureAttachmentsTable();
      server.adapter(createAdapter(getPool(), { errorHandler }));
    },

    async close() {
      if (io && databaseUrl) {
        // Leaves the cluster: releases the LISTEN connection and stops the heartbeat and clean-up timers.
        await io.of('/').adapter.close();
      }
      io = undefined;
      recheckHere = undefined;
      if (pool) {
        await attachmentsTable;
        const ending = pool;
        pool = undefined;
        await ending.end();
      }
    },
  };
}
