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

export const rooms = {
  user: (userId: string) => `user:${userId}` as const,
  session: (sessionId: string) => `session:${sessionId}` as const,
  thread: (threadId: string) => `thread:${threadId}` as const,
  visit: (visitId: string) => `visit:${visitId}` as const,
};

// ─── Events ───────────────────────────────────────────────────────────────

const uuid = z.string().uuid();

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
};

/** What the handshake stores on each socket. */
export type SocketData = { userId: string; sessionId: string };
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** A NOTIFY payload is limited to 8000 bytes; an event never needs the adapter's attachment table. */
const maxPayloadBytes = 4000;

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
  /** Calls the listener with every event this process publishes; returns the unsubscribe function. */
  onPublish(listener: (published: Published) => void): () => void;
  /** Called once by the HTTP server: publishing then goes through this socket.io server. */
  attach(io: RealtimeServer): void;
  /** Closes the adapter and the PostgreSQL pool (at shutdown, after the sockets). */
  close(): Promise<void>;
};

// The adapter's wire format (socket.io-adapter's ClusterAdapter), for publishing without a server.
const adapterChannel = 'socket.io#/';
const emitterUid = 'emitter';
const messageType = { broadcast: 3, disconnectSockets: 6 } as const;
const eventPacket = 2;

export function createRealtime(options: { databaseUrl?: string; logger: Logger }): Realtime {
  const { databaseUrl, logger } = options;
  const listeners = new Set<(published: Published) => void>();
  let io: RealtimeServer | undefined;
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
      if (Buffer.byteLength(JSON.stringify(checked)) > maxPayloadBytes) throw new Error(`realtime: the ${event} payload is over ${maxPayloadBytes} bytes`);
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

    onPublish(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    attach(server) {
      io = server;
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
      if (pool) {
        await attachmentsTable;
        const ending = pool;
        pool = undefined;
        await ending.end();
      }
    },
  };
}
