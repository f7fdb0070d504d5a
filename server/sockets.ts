import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppServices } from '#app/context.server';
import { rooms, type RealtimeServer } from '#app/utils/realtime.server';
import { isOwnOrigin } from './origin';
import { createPresence } from './presence';
import { handleThreads, recheckThreadRooms } from './thread-sockets';
import { handleVisitWatching } from './visit-sockets';

/**
 * The largest packet a socket may send: a message of 4,000 characters (up to 16,000 bytes of
 * UTF-8, with its envelope) fits; a bigger one closes that socket only (socket.io's own limit).
 */
export const maxSocketPayloadBytes = 32 * 1024;
/** Sockets one session may hold open at once, over every process: tabs, with room to spare. */
export const maxSocketsPerSession = 10;

/**
 * socket.io on the app's HTTP server. It admits only handshakes that carry a valid session
 * cookie from a page of this site, puts each socket in its person's and its session's rooms,
 * answers what the browser asks (watching a visit's seats: visit-sockets.ts), and hands the
 * server to the realtime service, which publishes through it (decision 012).
 */
export function attachSockets(httpServer: HttpServer, services: AppServices) {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: maxSocketPayloadBytes,
    // A browser always names the page's origin on a WebSocket; clients outside a browser name none.
    // A foreign or malformed origin (`null`, not a URL) is refused, never thrown on.
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      callback(null, origin === undefined || isOwnOrigin(origin, { appUrl: services.env.appUrl, host: request.headers.host }));
    },
  });

  const presence = createPresence(io, { clustered: services.realtime.transport === 'postgres' });
  /** Handshakes of a session being admitted in this process, counted until their socket is in the session's room. */
  const admitting = new Map<string, number>();

  io.use(async (socket, next) => {
    let counted: string | null = null;
    try {
      const session = await services.auth.getSessionFromCookieHeader(socket.handshake.headers.cookie);
      if (!session) return next(new Error('unauthorized'));
      counted = session.id;
      admitting.set(session.id, (admitting.get(session.id) ?? 0) + 1);
      // Over every process; this process's own count if another does not answer in time.
      const open = await presence.sessionSockets(session.id);
      if (open + admitting.get(session.id)! > maxSocketsPerSession) return next(new Error('too-many-sockets'));
      socket.data = { userId: session.user.id, sessionId: session.id, name: session.user.name };
      next();
    } catch (error) {
      services.logger.error({ err: error }, 'socket handshake failed');
      next(new Error('unavailable'));
    } finally {
      // The admitted socket joins the session's room synchronously on connection, right after next().
      if (counted !== null) {
        const left = admitting.get(counted)! - 1;
        if (left > 0) admitting.set(counted, left);
        else admitting.delete(counted);
      }
    }
  });

  io.on('connection', (socket) => {
    // One room per person (notifications reach every tab), one per session (ending it closes its sockets).
    const { userId, sessionId } = socket.data;
    void socket.join([rooms.user(userId), rooms.session(sessionId)]);
    handleVisitWatching(socket, services);
    handleThreads(socket, presence, services);
    // A session ended between the handshake and the join was disconnected before this socket was in
    // its room: check it once more now that any later ending will reach the socket.
    services.auth
      .getSessionFromCookieHeader(socket.handshake.headers.cookie)
      .then((session) => {
        if (session?.id !== sessionId) socket.disconnect(true);
      })
      .catch((error: unknown) => {
        services.logger.error({ err: error }, 'socket session check failed');
        socket.disconnect(true);
      });
  });

  // A right to read that ends (a member removed, a booking cancelled) re-checks sockets on every process.
  services.realtime.attach(io, { recheck: (target) => recheckThreadRooms(io, presence, services, target) });
  return io;
}
