import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ServerBuild } from '@remix-run/node';
import { afterAll } from 'vitest';
import { createApp } from '../../server/app';
import { setupTestContext } from './context';

const buildFile = path.resolve('build/server/index.js');

/**
 * The whole HTTP stack (headers, origin check, Remix, socket.io) in this process, on the
 * production build and a fresh test database, listening on a free port.
 */
export async function startTestServer(options: { env?: Record<string, string> } = {}) {
  if (!existsSync(buildFile)) throw new Error('build/server/index.js is missing: run `npm run build` before the server tests.');
  const build = (await import(buildFile)) as ServerBuild;
  const setup = await setupTestContext({ env: { NODE_ENV: 'production', ...options.env } });
  const { httpServer, io } = createApp(setup.services, { build, clientDir: path.resolve('build/client') });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  afterAll(async () => {
    io.close();
    httpServer.closeAllConnections();
  });
  return { ...setup, origin, io, httpServer };
}

/**
 * A browser without JavaScript on a test server: `page` GETs an address (redirects followed);
 * `submit` posts a form with the Origin header, then follows the redirect with the flash cookie.
 */
export function plainBrowser(origin: string) {
  async function page(address: string, cookie = '') {
    const response = await fetch(`${origin}${address}`, { headers: { Cookie: cookie } });
    return { status: response.status, html: await response.text() };
  }
  async function submit(address: string, cookie: string, form: Record<string, string> | Array<[string, string]>) {
    const response = await fetch(`${origin}${address}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    if (response.status !== 302) return { status: response.status, html: await response.text() };
    const flash = response.headers.getSetCookie().map((value) => value.split(';')[0]!);
    return page(response.headers.get('Location')!, [cookie, ...flash].join('; '));
  }
  return { page, submit };
}
