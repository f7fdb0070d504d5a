import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppServices } from '#app/context.server';

export type SocketData = { userId: string; sessionId: string };

/**
 * socket.io on the app's HTTP server. For now it admits only handshakes that carry a valid
 * session cookie from a page of this site; live threads will add their events here.
 */
export function attachSockets(httpServer: HttpServer, services: AppServices) {
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      const host = request.headers.host;
      const allowed = !origin || origin === services.env.appUrl.origin || (host !== undefined && new URL(origin).host === host);
      callback(null, allowed);
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
