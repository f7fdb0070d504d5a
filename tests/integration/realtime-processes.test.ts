import { io as connectSocket, type Socket } from 'socket.io-client';
import { describe, expect, test } from 'vitest';
import type { RealtimePayload } from '#app/utils/realtime.server';
import { bothListening, postForm, signIn, useTwoServerProcesses } from '#tests/setup/two-processes';

/**
 * Two real server processes (the production build) sharing one scratch PostgreSQL database, as
 * behind a load balancer: what one publishes reaches the sockets of the other through
 * @socket.io/postgres-adapter, each socket once, and a session ended on one closes its sockets on
 * the other. Needs PostgreSQL: CI's second run sets TEST_DATABASE_URL.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.log('realtime-processes.test.ts skipped: two server processes sharing rooms need PostgreSQL (set TEST_DATABASE_URL).');

describe.skipIf(!serverUrl)('two server processes on one PostgreSQL', () => {
  const running = useTwoServerProcesses(serverUrl!, 'ptce_realtime');

  test('a message sent on process A reaches a socket on process B exactly once; signing out on A closes it on B', async () => {
    const { a, b, sql } = running;
    await bothListening(running);
    // Figeacteurs' admin listens on B.
    const listenerCookie = await signIn(b, 'figeacteurs@demo.ptce.fr');
    const socket: Socket = connectSocket(b.origin, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { Cookie: listenerCookie, Origin: b.origin },
    });
    const received: Array<RealtimePayload<'message:new'>> = [];
    socket.on('message:new', (payload: RealtimePayload<'message:new'>) => received.push(payload));
    const disconnected = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });

    try {
      // The emerging pole's admin, on A, contacts Figeacteurs about one of its published offers.
      const [offer] = await sql<Array<{ id: string }>>`
        select offers.id from offers join poles on poles.id = offers.pole_id
        where poles.slug = 'figeacteurs' and offers.state = 'published' order by offers.id limit 1`;
      const [causses] = await sql<Array<{ id: string; name: string }>>`select id, name from poles where slug = 'causses-cevennes-demo'`;
      expect(offer && causses).toBeTruthy();
      const senderCookie = await signIn(a, 'emergent@demo.ptce.fr');
      const sent = await postForm(
        a,
        `/conversations/nouvelle?offre=${offer!.id}`,
        { poleId: causses!.id, message: 'Bonjour, pourrions-nous venir voir votre organisation au printemps ?' },
        senderCookie,
      );
      expect(sent.status, a.output().slice(-3000)).toBe(302);
      const threadId = sent.headers.get('location')!.replace('/conversations/', '');

      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
      // Long enough for a duplicate (a second NOTIFY, a local echo) to show up.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ threadId, fromPole: { id: causses!.id, name: causses!.name } });

      // The listener's session ends on A: its socket on B closes.
      expect((await postForm(a, '/deconnexion', {}, listenerCookie)).status).toBe(302);
      expect(await Promise.race([disconnected, new Promise((resolve) => setTimeout(() => resolve('still connected'), 10_000))])).toBe('io server disconnect');
    } finally {
      socket.close();
    }

    // Both leave cleanly: the adapter's pool is closed with the rest.
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    expect(a.output() + b.output()).not.toMatch(/error/i);
  }, 60_000);
});
