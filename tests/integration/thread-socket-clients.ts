import { randomUUID } from 'node:crypto';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { AppServices } from '#app/context.server';
import { postMessage } from '#app/models/threads.server';
import type { LiveMessage } from '#app/utils/realtime.server';

/** socket.io clients for the live thread tests, on a test server (`startTestServer`). */

export type Client = { socket: Socket; heard: Array<{ event: string; args: unknown[] }> };
/** What the server answers or sends, loosely: each test checks the shape it expects. */
export type Answer = {
  ok: boolean;
  error?: string;
  retryAfter?: number;
  messages: LiveMessage[];
  message: LiveMessage;
  present: Array<{ id: string; name: string }>;
};
export type Heard = { threadId: string; message: LiveMessage; left: string[] };

export function threadClients(origin: string, services: Pick<AppServices, 'db' | 'jobs' | 'auth'>) {
  const { db } = services;

  /** A connected socket that keeps everything it hears; refused handshakes reject with the server's error. */
  function open(cookie: string | undefined, headers: Record<string, string> = {}): Promise<Client> {
    const socket = connectSocket(origin, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    });
    const heard: Client['heard'] = [];
    socket.onAny((event: string, ...args: unknown[]) => heard.push({ event, args }));
    return new Promise((resolve, reject) => {
      socket.on('connect', () => resolve({ socket, heard }));
      socket.on('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  const sessionOf = async (userId: string) => (await services.auth.createSessionCookie(userId, 'vitest')).split(';')[0]!;
  const connectAs = async (userId: string) => open(await sessionOf(userId));
  const ask = (client: Client, event: string, payload: unknown): Promise<Answer> => client.socket.timeout(4000).emitWithAck(event, payload);
  const join = (client: Client, threadId: string, after = 0) => ask(client, 'thread:join', { threadId, after });
  const say = (client: Client, threadId: string, text: string, key: string = randomUUID()) => ask(client, 'thread:send', { threadId, text, key });
  const heardOf = (client: Client, event: string) => client.heard.filter((entry) => entry.event === event).map((entry) => entry.args[0] as Heard);
  const pause = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
  const closeAll = (...clients: Client[]) => clients.forEach((client) => client.socket.close());

  /** A message stored by the model (as another page would), not broadcast. */
  async function write(threadId: string, authorId: string, body: string) {
    const outcome = await postMessage(db, services, { threadId, authorId, poleId: null, body, clientKey: null, exemptFromSlowMode: false });
    if (outcome.status !== 'sent') throw new Error(outcome.status);
    return outcome.message;
  }

  return { open, sessionOf, connectAs, ask, join, say, heardOf, pause, closeAll, write };
}
