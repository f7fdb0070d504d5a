import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '#app/utils/realtime.server';

/**
 * The tab's one socket.io connection, shared by every live part of its pages (a visit's seats now,
 * conversations next). It is created on first use, and socket.io-client is loaded then, in a chunk
 * of its own: a page without a live part never downloads it. The session cookie authenticates it
 * (server/sockets.ts); a visitor without a session gets no socket, and no live part asks for one.
 *
 * After a network loss socket.io reconnects by itself, but the server has forgotten the rooms of
 * the socket that dropped: `follow` joins again on every connection. A socket the server closed
 * (its session ended) or refused stays closed until a live part asks for it again.
 */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: Promise<LiveSocket> | null = null;

export function liveSocket(): Promise<LiveSocket> {
  if (!shared) {
    const loading = import('socket.io-client').then(({ io }) => io({ withCredentials: true }) as LiveSocket);
    // A chunk that failed to load (offline) is tried again by the next caller.
    loading.catch(() => {
      if (shared === loading) shared = null;
    });
    shared = loading;
  }
  return shared;
}

/** How many parts of the tab follow each key: only the last to stop leaves the room. */
const followers = new Map<string, number>();

/**
 * Follows something on the server for as long as the caller needs it: `join` now when connected
 * and again after every reconnection; `leave` when the last follower of `key` stops. Returns the
 * function that stops following.
 */
export function follow(socket: LiveSocket, key: string, handlers: { join: () => void; leave: () => void }): () => void {
  followers.set(key, (followers.get(key) ?? 0) + 1);
  socket.on('connect', handlers.join);
  if (socket.connected) handlers.join();
  else if (!socket.active) socket.connect();
  return () => {
    socket.off('connect', handlers.join);
    const left = (followers.get(key) ?? 1) - 1;
    if (left > 0) {
      followers.set(key, left);
      return;
    }
    followers.delete(key);
    if (socket.connected) handlers.leave();
  };
}
