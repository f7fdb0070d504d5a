import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connectSocket } from 'socket.io-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, describe, expect, test } from 'vitest';
import { parseEnv } from '#app/utils/env.server';
import { spawnServer, startServerProcess } from '#tests/setup/processes';

const dataDir = mkdtempSync(path.join(tmpdir(), 'ptce-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A server process on the run's own embedded database directory. */
const startServer = (env: Record<string, string>) => spawnServer({ DATA_DIR: dataDir, ...env });

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

/** A production server process on a free port, once it answers /healthz. */
const startReadyServer = () => startServerProcess({ DATA_DIR: dataDir, SEED_DEMO: '1' });

/** Resident memory of a process, and its peak since it started, in MiB (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Sends a request head (and optionally part of a body) on a raw socket; resolves with the status line's code. */
function rawRequest(port: number, head: string, body?: { bytes: number; chunked?: boolean }): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += String(chunk);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        resolve(Number(status[1]));
        socket.destroy();
      }
    });
    socket.on('error', () => resolve('closed'));
    socket.on('close', () => resolve('closed'));
    socket.write(head);
    if (!body) return;
    // Writes as fast as the server takes it, until the answer comes or the server closes.
    const data = Buffer.alloc(1024 * 1024, 0x61);
    const chunk = body.chunked ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data;
    let sent = 0;
    const pump = () => {
      while (sent < body.bytes && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
}

describe('a running server under hostile requests', () => {
  test('malformed Origins on socket.io polling and upgrade are refused, and the process keeps serving', async () => {
    const server = await startReadyServer();
    try {
      for (const origin of ['null', 'pas une url', 'http://', 'https://evil.example']) {
        const polling = await fetch(`${server.origin}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } });
        expect(polling.status).toBe(403);
        const upgrade = await rawRequest(
          server.port,
          [
            'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
            `Host: 127.0.0.1:${server.port}`,
            'Connection: Upgrade',
            'Upgrade: websocket',
            'Sec-WebSocket-Version: 13',
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
            `Origin: ${origin}`,
            '',
            '',
          ].join('\r\n'),
        );
        expect(upgrade === 'closed' || upgrade === 403 || upgrade === 400).toBe(true);
      }
      expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
      expect(server.child.exitCode).toBeNull();
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 150_000);

  test('four 100 MB posts at once barely move the memory, and are refused', async () => {
    const server = await startReadyServer();
    try {
      // Warm up the paths involved, so their first use does not count as growth.
      await fetch(`${server.origin}/connexion`, {
        method: 'POST',
        headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'email=x',
      });
      const before = memoryOf(server.child.pid!);
      const hundredMegabytes = 100 * 1024 * 1024;
      const head = (path: string, type: string, length: string) =>
        [`POST ${path} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`, `Origin: ${server.origin}`, `Content-Type: ${type}`, length, '', ''].join('\r\n');
      const statuses = await Promise.all([
        rawRequest(server.port, head('/connexion', 'application/x-www-form-urlencoded', `Content-Length: ${hundredMegabytes}`), { bytes: hundredMegabytes }),
        rawRequest(server.port, head('/mot-de-passe-oublie', 'application/x-www-form-urlencoded', 'Transfer-Encoding: chunked'), {
          bytes: hundredMegabytes,
          chunked: true,
        }),
        rawRequest(server.port, head('/poles/figeacteurs/modifier', 'multipart/form-data; boundary=x', `Content-Length: ${hundredMegabytes}`), {
          bytes: hundredMegabytes,
        }),
        rawRequest(server.port, head('/poles', 'application/x-www-form-urlencoded', `Content-Length: ${hundredMegabytes}`), { bytes: hundredMegabytes }),
      ]);
      const after = memoryOf(server.child.pid!);
      console.log(
        `memory of the server: ${before.rss.toFixed(1)} MiB before, ${after.rss.toFixed(1)} MiB after, peak ${before.peak.toFixed(1)} → ${after.peak.toFixed(1)} MiB`,
      );
      expect(statuses).toEqual([413, 411, 413, 413]);
      expect(after.peak - before.peak).toBeLessThan(16);
      expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 150_000);
});

describe('graceful shutdown', () => {
  test('SIGTERM under a 50-connection load: no new requests, requests in flight finish, exit 0 within 10 s', async () => {
    const server = await startReadyServer();
    const { origin } = server;
    // A signed-in live socket must not hold the shutdown.
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

    // 50 keep-alive clients asking for pages without pause, each on its own connection.
    const agent = new Agent({ connections: 50, pipelining: 1 });
    let stopped = false;
    let stopping = false;
    const statuses: number[] = [];
    const clients = Array.from({ length: 50 }, async () => {
      while (!stopped) {
        try {
          const response = await undiciFetch(`${origin}/connexion`, { dispatcher: agent });
          await response.arrayBuffer();
          statuses.push(response.status);
        } catch (error) {
          if (!stopping) throw error;
          return; // refused or closed once the server stops: expected
        }
      }
    });
    // A request in flight when the signal comes: its head is sent now, its body after the signal.
    const body = 'lng=en&redirectTo=%2F';
    const inFlight = connect(server.port, '127.0.0.1');
    let answer = '';
    inFlight.on('data', (chunk) => (answer += String(chunk)));
    inFlight.on('error', () => {});
    inFlight.write(
      [
        `POST /langue HTTP/1.1`,
        `Host: 127.0.0.1:${server.port}`,
        `Origin: ${origin}`,
        'Content-Type: application/x-www-form-urlencoded',
        `Content-Length: ${body.length}`,
        '',
        '',
      ].join('\r\n') + body.slice(0, 5),
    );
    // The load is on once every client has been answered at least once (on average).
    const loadDeadline = Date.now() + 30_000;
    while (statuses.length < 50 && Date.now() < loadDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const servedBefore = statuses.length;

    const started = Date.now();
    stopping = true;
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    inFlight.write(body.slice(5));
    const code = await server.exited;
    const elapsed = Date.now() - started;
    stopped = true;
    await Promise.all(clients);
    await agent.close();
    console.log(`shutdown under load: ${servedBefore} pages served before SIGTERM, exit ${code} after ${elapsed} ms`);
    expect(code).toBe(0);
    expect(elapsed).toBeLessThan(10_000);
    expect(servedBefore).toBeGreaterThanOrEqual(50);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 302/);
    await disconnected;
  }, 150_000);
});
