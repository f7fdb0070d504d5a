import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppServices } from '#app/context.server';
import { rooms, type RealtimeServer } from '#app/utils/realtime.server';
import { isOwnOrigin } from './origin';
import { handleVisitWatching } from './visit-sockets';

/**
 * socket.io on the app's HTTP server. It admits only handshakes that carry a valid session
 * cookie from a page of this site, puts each socket in its person's and its session's rooms,
 * answers what the browser asks (watching a visit's seats: visit-sockets.ts), and hands the
 * server to the realtime service, which publishes through it (decision 012).
 */
export function attachSockets(httpServer: HttpServer, services: AppServices) {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // A browser always names the page's origin on a WebSocket; clients outside a browser name none.
    // A foreign or malformed origin (`null`, not a URL) is refused, never thrown on.
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      callback(null, origin === undefined || isOwnOrigin(origin, { appUrl: services.env.appUrl, host: request.headers.host }));
    },
  });

  io.use(async (socket, next) => {
    try {
      const session = await services.auth.getSessionFromCookieHeader(socket.handshake.headers.cookie);
      if (!session) return next(new Error('unauthorized'));
      socket.data = { userId: session.user.id, sessionId: session.id, name: session.user.name };
      next();
    } catch (error) {
      services.logger.error({ err: error }, 'socket handshake failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    // One room per person (notifications reach every tab), one per session (ending it closes its sockets).
    const { userId, sessionId } = socket.data;
    void socket.join([rooms.user(userId), rooms.session(sessionId)]);
    handleVisitWatching(socket, services);
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

  services.realtime.attach(io);
  return io;
}
