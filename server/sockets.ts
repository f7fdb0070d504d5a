import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppServices } from '#app/context.server';
import { isOwnOrigin } from './origin';

export type SocketData = { userId: string; sessionId: string };

/**
 * socket.io on the app's HTTP server. For now it admits only handshakes that carry a valid
 * session cookie from a page of this site; live threads will add their events here.
 */
export function attachSockets(httpServer: HttpServer, services: AppServices) {
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
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
      socket.data = { userId: session.user.id, sessionId: session.id };
      next();
    } catch (error) {
      services.logger.error({ err: error }, 'socket handshake failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    // One room per person: notifications and forced disconnects reach every tab.
    void socket.join(`user:${socket.data.userId}`);
  });

  return io;
}
