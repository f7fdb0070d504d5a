import { sql } from 'drizzle-orm';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { describe, expect, test } from 'vitest';
import type { AddressInfo } from 'node:net';
import { poles } from '#db/schema';
import { createApp } from '../../server/app';
import { startTestServer } from '#tests/setup/server';

const { origin, cookieFor, services, logs } = await startTestServer();

function connect(cookie?: string): Promise<{ socket: Socket; error?: Error }> {
  const socket = connectSocket(origin, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: cookie ? { Cookie: cookie, Origin: origin } : { Origin: origin },
  });
  return new Promise((resolve) => {
    socket.on('connect', () => resolve({ socket }));
    socket.on('connect_error', (error) => resolve({ socket, error }));
  });
}

describe('HTTP server', () => {
  test('GET /healthz answers ok with the database kind', async () => {
    const response = await fetch(`${origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: services.dbKind });
  });

  test('GET /healthz answers 503 when the database does not answer', async () => {
    const { httpServer, io } = createApp({ ...services, checkDatabase: async () => false }, { build: () => Promise.reject(new Error('not used')) });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: services.dbKind });
    } finally {
      io.close();
    }
  });

  test('pages carry security headers and a per-request CSP nonce used by every script', async () => {
    const first = await fetch(`${origin}/`, { headers: { 'Accept-Encoding': 'gzip' } });
    const second = await fetch(`${origin}/`);
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  });

  test('no page carries the NUL bytes React 18 can leak at its buffer boundaries', async () => {
    const slugs = await services.db.select({ slug: poles.slug }).from(poles);
    const withNul: string[] = [];
    for (const { slug } of slugs) {
      const body = new Uint8Array(await (await fetch(`${origin}/poles/${slug}`)).arrayBuffer());
      if (body.includes(0)) withNul.push(slug);
    }
    expect(withNul).toEqual([]);
  });

  test('an unknown URL gets the French 404 page', async () => {
    const response = await fetch(`${origin}/cette-page-n-existe-pas`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('Page introuvable');
    expect(html).toContain('lang="fr"');
  });

  test('a state change without an Origin, or from a foreign one, is refused with 403', async () => {
    const body = new URLSearchParams({ lng: 'en', redirectTo: '/' });
    const missing = await fetch(`${origin}/langue`, { method: 'POST', body, redirect: 'manual' });
    expect(missing.status).toBe(403);
    const foreign = await fetch(`${origin}/langue`, { method: 'POST', body, headers: { Origin: 'https://evil.example' }, redirect: 'manual' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('Requête refusée');
    const own = await fetch(`${origin}/langue`, { method: 'POST', body, headers: { Origin: origin }, redirect: 'manual' });
    expect(own.status).toBe(302);
    expect(own.headers.get('set-cookie')).toContain('lng=');
  });

  test('the language switch turns the site to English', async () => {
    const response = await fetch(`${origin}/?lng=en`);
    const html = await response.text();
    expect(html).toContain('lang="en"');
    expect(html).toContain('Skip to content');
  });

  test('/dev/outbox is never served in production', async () => {
    const response = await fetch(`${origin}/dev/outbox`);
    expect(response.status).toBe(404);
  });

  test('a server error shows the French 500 page without details, and is logged', async () => {
    // Break the database under the running app: the directory's query now fails.
    await services.db.execute(sql`alter table pole_sectors rename to pole_sectors_broken`);
    try {
      const response = await fetch(`${origin}/poles`);
      expect(response.status).toBe(500);
      const html = await response.text();
      expect(html).toContain('Une erreur est survenue');
      expect(html).not.toMatch(/pole_sectors|at .*\.(ts|js):\d+/);
      expect(logs.some((entry) => entry.level >= 50 && /pole_sectors/.test(JSON.stringify(entry)))).toBe(true);
    } finally {
      await services.db.execute(sql`alter table pole_sectors_broken rename to pole_sectors`);
    }
  });
});

describe('socket.io handshake', () => {
  test('is refused without a session cookie', async () => {
    const { socket, error } = await connect();
    expect(error?.message).toBe('unauthorized');
    socket.close();
  });

  test('is refused with a forged cookie', async () => {
    const { socket, error } = await connect('ptce_session=forged-token-value');
    expect(error?.message).toBe('unauthorized');
    socket.close();
  });

  test('is accepted with a valid session cookie', async () => {
    const { socket, error } = await connect(await cookieFor('membre@demo.ptce.fr'));
    expect(error).toBeUndefined();
    expect(socket.connected).toBe(true);
    socket.close();
  });
});
