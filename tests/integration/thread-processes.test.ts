import { randomUUID } from 'node:crypto';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { describe, expect, test } from 'vitest';
import { forumTopicPath } from '#app/domain/paths';
import type { ClientToServerEvents, LiveMessage, RealtimePayload, ServerToClientEvents } from '#app/utils/realtime.server';
import { bothListening, postForm, signIn, useTwoServerProcesses, type Running } from '#tests/setup/two-processes';

/**
 * Live threads on two real server processes (the production build) sharing one scratch PostgreSQL
 * database, as behind a load balancer (issue 11, point 5): a message sent on one process reaches a
 * reader on the other exactly once, a reader joining on the other later finds it in its join answer,
 * and a coordinator's hide posted to one process reaches the readers of both. Needs PostgreSQL:
 * CI's second run sets TEST_DATABASE_URL.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.log('thread-processes.test.ts skipped: two server processes sharing thread rooms need PostgreSQL (set TEST_DATABASE_URL).');

type ThreadSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket on one process with a person's session, recording the thread events it gets. */
async function reader(server: Running, cookie: string) {
  const socket: ThreadSocket = connectSocket(server.origin, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { Cookie: cookie, Origin: server.origin },
  });
  const messages: Array<RealtimePayload<'thread:message'>> = [];
  const hidden: Array<RealtimePayload<'thread:hidden'>> = [];
  socket.on('thread:message', (payload) => messages.push(payload));
  socket.on('thread:hidden', (payload) => hidden.push(payload));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const join = (threadId: string, after: number) => socket.timeout(10_000).emitWithAck('thread:join', { threadId, after });
  const send = (threadId: string, text: string, key = randomUUID()) => socket.timeout(10_000).emitWithAck('thread:send', { threadId, text, key });
  return { socket, messages, hidden, join, send };
}

/** Long enough for a duplicate (a second NOTIFY, a local echo) to show up. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe.skipIf(!serverUrl)('live threads on two server processes sharing one PostgreSQL', () => {
  const running = useTwoServerProcesses(serverUrl!, 'ptce_threads');

  test('sent on A, received once on B and found by a later join on B; hidden through B, gone live from A and B', async () => {
    const { a, b, sql } = running;
    await bothListening(running);
    // A topic of the Occitanie forum: both Occitanie poles' members read it, coord.occitanie moderates it.
    const [creator] = await sql<Array<{ id: string }>>`select id from users where email = 'figeacteurs@demo.ptce.fr'`;
    const [topic] = await sql<Array<{ id: string }>>`
      insert into threads (subject_type, region_code, title, created_by_id)
      values ('forum', '76', 'Mutualiser un local de stockage', ${creator!.id}) returning id`;
    const threadId = topic!.id;

    // emergent@ writes on A; figeacteurs@ reads on B.
    const sender = await reader(a, await signIn(a, 'emergent@demo.ptce.fr'));
    const listener = await reader(b, await signIn(b, 'figeacteurs@demo.ptce.fr'));
    const sockets = [sender.socket, listener.socket];
    try {
      expect(await sender.join(threadId, 0)).toMatchObject({ ok: true, messages: [] });
      // Who is here counts the people on the other process too (asked by name, not by shipping sockets).
      const joinedOnB = await listener.join(threadId, 0);
      expect(joinedOnB).toMatchObject({ ok: true, messages: [] });
      const [emergentName, figeacName] = await Promise.all(
        ['emergent@demo.ptce.fr', 'figeacteurs@demo.ptce.fr'].map(
          async (email) => (await sql<Array<{ name: string }>>`select name from users where email = ${email}`)[0]!.name,
        ),
      );
      expect((joinedOnB as { present: Array<{ name: string }> }).present.map((person) => person.name).sort()).toEqual([emergentName, figeacName].sort());
      // No socket was ever shipped to another process with its handshake (its session cookie).
      expect((await sql`select count(*)::int as n from socket_io_attachments where convert_from(payload, 'SQL_ASCII') like '%ptce_session%'`)[0]!.n).toBe(0);

      const key = randomUUID();
      const sent = await sender.send(threadId, 'Bonjour à tous, qui partagerait un local de stockage près de Figeac ?', key);
      expect(sent, a.output().slice(-3000)).toMatchObject({ ok: true, message: { threadId, hidden: false } });
      const message = (sent as { message: LiveMessage }).message;

      await expect.poll(() => listener.messages.length, { timeout: 10_000 }).toBe(1);
      // A retry of the same send (same key) on A stores nothing and broadcasts nothing new.
      expect(await sender.send(threadId, 'Bonjour à tous, qui partagerait un local de stockage près de Figeac ?', key)).toMatchObject({
        ok: true,
        message: { id: message.id },
      });
      await pause();
      expect(listener.messages).toEqual([{ threadId, message }]);
      expect(sender.messages.filter((payload) => payload.message.id === message.id).length).toBeLessThanOrEqual(1);
      expect((await sql`select count(*)::int as n from messages where thread_id = ${threadId}`)[0]!.n).toBe(1);

      // A member of Figeacteurs opens the page on B after the message: its join answers it.
      const late = await reader(b, await signIn(b, 'membre@demo.ptce.fr'));
      sockets.push(late.socket);
      const lateJoin = await late.join(threadId, 0);
      expect(lateJoin).toMatchObject({ ok: true });
      expect((lateJoin as { messages: LiveMessage[] }).messages.map((entry) => entry.id)).toEqual([message.id]);
      // Joining after the message's seq answers nothing more (what the page showed is not sent twice).
      expect(await late.join(threadId, message.seq)).toMatchObject({ ok: true, messages: [] });

      // The other way too: sent on B, received once on A.
      const reply = await listener.send(threadId, 'Nous avons de la place à Figeac, parlons-en.');
      expect(reply).toMatchObject({ ok: true });
      const replyId = (reply as { message: LiveMessage }).message.id;
      await expect.poll(() => sender.messages.filter((payload) => payload.message.id === replyId).length, { timeout: 10_000 }).toBe(1);

      // coord.occitanie hides the first message through B's topic page (the form without JavaScript).
      const coordinator = await signIn(b, 'coord.occitanie@demo.ptce.fr');
      const hide = await postForm(
        b,
        forumTopicPath('76', threadId),
        { intent: 'hide', messageId: message.id, reason: 'Hors sujet pour ce forum.' },
        coordinator,
      );
      expect([302, 303], `${hide.status} ${b.output().slice(-3000)}`).toContain(hide.status);
      const [stored] = await sql<Array<{ hiddenBy: string | null; hiddenAt: Date | null }>>`
        select hidden_by as "hiddenBy", hidden_at as "hiddenAt" from messages where id = ${message.id}`;
      expect(stored).toMatchObject({ hiddenBy: 'moderator', hiddenAt: expect.any(Date) });

      // It disappears live from the page on A (and from the readers on B), once each.
      await expect.poll(() => sender.hidden.length, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => listener.hidden.length, { timeout: 10_000 }).toBe(1);
      await pause();
      expect(sender.hidden).toEqual([{ threadId, messageId: message.id }]);
      expect(listener.hidden).toEqual([{ threadId, messageId: message.id }]);
      expect(late.hidden).toEqual([{ threadId, messageId: message.id }]);
      // A reader joining afterwards gets it masked: no text.
      const again = await late.join(threadId, 0);
      expect((again as { messages: LiveMessage[] }).messages.find((entry) => entry.id === message.id)).toMatchObject({ hidden: true, body: null });
    } finally {
      for (const socket of sockets) socket.close();
    }

    // Both leave cleanly.
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    expect(a.output() + b.output()).not.toMatch(/"level":(50|60)/);
  }, 90_000);
});
