import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, expect } from 'vitest';
import { demoPassword } from '#db/seed/seed';
import { startServerProcess } from './processes';

/**
 * Two real server processes (the production build) sharing one scratch PostgreSQL database, as
 * behind a load balancer, for a test file's `describe` (registers its beforeAll and afterAll).
 * Needs PostgreSQL: pass TEST_DATABASE_URL's value (CI's second run sets it).
 */

export type Running = Awaited<ReturnType<typeof startServerProcess>>;

/** One of the two app processes, on the shared scratch database (same session secret). */
const startServer = (databaseUrl: string) =>
  startServerProcess({ DATABASE_URL: databaseUrl, SEED_DEMO: '1', SESSION_SECRET: 'un-secret-partage-par-les-deux-processus-de-test' });

export function postForm(server: Running, path: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${server.origin}${path}`, {
    method: 'POST',
    headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

/** Signs in through the page, as a browser would; returns the session cookie. */
export async function signIn(server: Running, email: string): Promise<string> {
  const response = await postForm(server, '/connexion', { email, password: demoPassword });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('ptce_session='));
  if (response.status !== 302 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(';')[0]!;
}

export function useTwoServerProcesses(serverUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const running = {} as { a: Running; b: Running; sql: postgres.Sql; name: string };
  running.name = name;

  beforeAll(async () => {
    if (!existsSync('build/server/index.js')) throw new Error('build/server/index.js is missing: run `npm run build` first.');
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    running.sql = postgres(url.href, { max: 1, onnotice: () => {} });
    // One after the other: the first migrates and seeds the demo, the second finds it done.
    running.a = await startServer(url.href);
    running.b = await startServer(url.href);
  }, 200_000);

  afterAll(async () => {
    await running.sql?.end();
    await Promise.all([running.a?.stop(), running.b?.stop()]);
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }, 60_000);

  return running;
}

/**
 * Each process's adapter holds one connection on LISTEN: wait for both, so nothing is sent before
 * the other process can hear it (that connection's last statement stays the LISTEN while it waits).
 */
export async function bothListening(running: { sql: postgres.Sql; name: string }) {
  await expect
    .poll(
      async () =>
        (await running.sql`select count(*)::int as listening from pg_stat_activity where datname = ${running.name} and query = 'LISTEN "socket.io#/"'`)[0]!
          .listening,
      { timeout: 20_000 },
    )
    .toBe(2);
}
