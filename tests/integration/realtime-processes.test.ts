import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RealtimePayload } from '#app/utils/realtime.server';
import { startServerProcess } from '#tests/setup/processes';

/**
 * Two real server processes (the production build) sharing one scratch PostgreSQL database, as
 * behind a load balancer: what one publishes reaches the sockets of the other through
 * @socket.io/postgres-adapter, each socket once, and a session ended on one closes its sockets on
 * the other. Needs PostgreSQL: CI's second run sets TEST_DATABASE_URL.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.log('realtime-processes.test.ts skipped: two server processes sharing rooms need PostgreSQL (set TEST_DATABASE_URL).');

const demoPassword = 'erasmus-ptce-demo';

type Running = Awaited<ReturnType<typeof startServerProcess>>;

/** One of the two app processes, on the shared scratch database. */
const startServer = (databaseUrl: string) =>
  startServerProcess({ DATABASE_URL: databaseUrl, SEED_DEMO: '1', SESSION_SECRET: 'un-secret-partage-par-les-deux-processus-de-test' });

function post(server: Running, path: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${server.origin}${path}`, {
    method: 'POST',
    headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

/** Signs in through the page, as a browser would; returns the session cookie. */
async function signIn(server: Running, email: string): Promise<string> {
  const response = await post(server, '/connexion', { email, password: demoPassword });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('ptce_session='));
  if (response.status !== 302 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(';')[0]!;
}

describe.skipIf(!serverUrl)('two server processes on one PostgreSQL', () => {
  const name = `ptce_realtime_${randomBytes(6).toString('hex')}`;
  let databaseUrl: string;
  let sql: postgres.Sql;
  let a: Running;
  let b: Running;

  beforeAll(async () => {
    if (!existsSync('build/server/index.js')) throw new Error('build/server/index.js is missing: run `npm run build` first.');
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    databaseUrl = url.href;
    sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    // One after the other: the first migrates and seeds the demo, the second finds it done.
    a = await startServer(databaseUrl);
    b = await startServer(databaseUrl);
  }, 200_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }, 60_000);

  test('a message sent on process A reaches a socket on process B exactly once; signing out on A closes it on B', async () => {
    // Each process's adapter holds one connection on LISTEN: wait for both, so nothing is sent
    // before B can hear it (that connection's last statement stays the LISTEN while it waits).
    await expect
      .poll(
        async () =>
          (await sql`select count(*)::int as listening from pg_stat_activity where datname = ${name} and query = 'LISTEN "socket.io#/"'`)[0]!.listening,
        { timeout: 20_000 },
      )
      .toBe(2);
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
      const sent = await post(
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
      expect((await post(a, '/deconnexion', {}, listenerCookie)).status).toBe(302);
      expect(await Promise.race([disconnected, new Promise((resolve) => setTimeout(() => resolve('still connected'), 10_000))])).toBe('io server disconnect');
    } finally {
      socket.close();
    }

    // Both leave cleanly: the adapter's pool is closed with the rest.
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    expect(a.output() + b.output()).not.toMatch(/error/i);
  }, 60_000);
});
