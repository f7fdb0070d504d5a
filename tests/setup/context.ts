import { afterAll } from 'vitest';
import { createServices, type AppContext } from '#app/context.server';
import { parseEnv } from '#app/utils/env.server';
import { createLogger } from '#app/utils/logger.server';
import { seedDatabase } from '#db/seed/seed';
import { createTestDatabase } from './database';

export const testOrigin = 'http://localhost:3000';

/**
 * The app's services on a fresh database seeded with the reference data and the demo accounts,
 * closed when the test file ends. Loaders and actions are called with `context`.
 */
export async function setupTestContext(options: { demo?: boolean; env?: Record<string, string> } = {}) {
  const demo = options.demo ?? true;
  // The demo seed comes ready-made (a copy of the run's template); anything else is seeded here.
  const database = await createTestDatabase({ seeded: demo });
  afterAll(() => database.close());
  if (!demo) await seedDatabase(database.db, { demo });
  const env = parseEnv({ NODE_ENV: 'test', APP_URL: testOrigin, ...options.env });
  // Warnings and errors are kept for tests that check what reaches the log.
  const logs: Array<{ level: number; msg: string; err?: { message: string } }> = [];
  const logger = createLogger('warn', { write: (line: string) => void logs.push(JSON.parse(line)) });
  const services = createServices({ database, env, logger });
  // Hooks run last-registered first: the realtime service's pool closes before its database.
  afterAll(() => services.realtime.close());
  const context: AppContext = { ...services, cspNonce: 'test-nonce', clientIp: '127.0.0.1' };

  /** A session cookie (as a request header) for an existing account. */
  async function cookieFor(email: string): Promise<string> {
    const user = await services.db.query.users.findFirst({ where: (users, { eq }) => eq(users.email, email) });
    if (!user) throw new Error(`no user ${email}`);
    const setCookie = await services.auth.createSessionCookie(user.id, 'vitest');
    return setCookie.split(';')[0]!;
  }

  return { context, services, database, cookieFor, logs };
}

/** A request as the browser would send it: form bodies, same-site Origin, optional cookie. */
export function makeRequest(
  path: string,
  options: { method?: string; form?: Record<string, string | string[]>; cookie?: string; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set('Cookie', options.cookie);
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
    headers.set('Origin', testOrigin);
  }
  return new Request(new URL(path, testOrigin), { method: options.method ?? (options.form ? 'POST' : 'GET'), headers, body });
}

/** The `args` a Remix loader/action receives. */
export function routeArgs(context: AppContext, request: Request, params: Record<string, string> = {}) {
  return { request, context, params };
}
