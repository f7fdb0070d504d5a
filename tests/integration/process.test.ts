import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, describe, expect, test } from 'vitest';
import { parseEnv } from '#app/utils/env.server';

const tsx = path.resolve('node_modules/.bin/tsx');
const dataDir = mkdtempSync(path.join(tmpdir(), 'ptce-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startServer(env: Record<string, string>) {
  const child = spawn(tsx, ['server/index.ts'], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('configuration', () => {
  test('parses and derives the settings', () => {
    const env = parseEnv({ PORT: '8080', APP_URL: 'https://erasmus.example', SEED_DEMO: '0' });
    expect(env.port).toBe(8080);
    expect(env.secureCookies).toBe(true);
    expect(env.seedDemo).toBe(false);
    expect(parseEnv({}).seedDemo).toBe(true);
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h/db' }).seedDemo).toBe(false);
  });

  test.each([
    ['PORT', 'abc', 'Configuration invalide : PORT doit être un entier entre 1 et 65535 (reçu « abc »)'],
    ['DATABASE_URL', 'mysql://x', 'Configuration invalide : DATABASE_URL doit être une URL postgres://utilisateur@hôte:port/base (reçu « mysql://x »)'],
    ['SEED_DEMO', 'yes', 'Configuration invalide : SEED_DEMO doit être 0 ou 1 (reçu « yes »)'],
  ])('a bad %s is named with what is expected', (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(message);
  });

  test('a bad value stops start-up with one clear line', async () => {
    const server = startServer({ PORT: 'abc' });
    expect(await server.exited).toBe(1);
    expect(server.stderr().trim().split('\n')).toEqual(['Configuration invalide : PORT doit être un entier entre 1 et 65535 (reçu « abc »)']);
  });
});

describe('graceful shutdown', () => {
  test('SIGTERM closes the server, its sockets and the database within a few seconds', async () => {
    const port = await freePort();
    const server = startServer({ PORT: String(port), SEED_DEMO: '1' });
    const origin = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 40_000;
    for (;;) {
      const ready = await fetch(`${origin}/healthz`).then((response) => response.ok).catch(() => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`server did not start: ${server.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // A signed-in live socket and an open keep-alive HTTP connection must not hold the shutdown.
    const signIn = await fetch(`${origin}/connexion`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'membre@demo.ptce.fr', password: 'erasmus-ptce-demo' }),
      redirect: 'manual',
    });
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const socket = connectSocket(origin, { transports: ['websocket'], reconnection: false, extraHeaders: { Cookie: cookie, Origin: origin } });
    await new Promise((resolve, reject) => {
      socket.on('connect', () => resolve(undefined));
      socket.on('connect_error', reject);
    });
    const disconnected = new Promise((resolve) => socket.on('disconnect', resolve));
    await fetch(`${origin}/healthz`, { keepalive: true });

    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    await disconnected;
  }, 60_000);
});
