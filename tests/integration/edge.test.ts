import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { action as switchLanguage } from '#app/routes/langue';
import { hashToken } from '#app/utils/crypto.server';
import { formBodyLimitBytes, readForm } from '#app/utils/form.server';
import { loggableUrl } from '#app/utils/logger.server';
import { safeRedirectPath } from '#app/utils/redirect';
import { poleLogos, poles } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { pngBytes } from '#tests/setup/multipart';
import { startTestServer } from '#tests/setup/server';

/** What the edge of the HTTP stack refuses, how it says so, and what reaches the log. */

const { origin, services, cookieFor, logs } = await startTestServer();

const form = (body: BodyInit, type = 'application/x-www-form-urlencoded') => ({
  method: 'POST',
  body,
  headers: { Origin: origin, 'Content-Type': type },
  redirect: 'manual' as const,
});

describe('the error page shows the real status, in French', () => {
  test.each([
    ['a path that is not UTF-8', '/poles/%C3%28/membres', undefined, 400, 'Demande invalide'],
    ['a NUL in the query string', '/poles?q=ab%00cd', undefined, 400, 'Demande invalide'],
    ['a data request with a bad path', '/poles/%FF.data', undefined, 400, 'Demande invalide'],
    ['a post to a page without a form', '/poles', form('q=x'), 405, 'Action impossible sur cette page'],
    ['a JSON body', '/connexion', form('{"email":"x"}', 'application/json'), 415, 'Format non accepté'],
    ['a body over 1 MiB', '/connexion', form(`email=${'x'.repeat(formBodyLimitBytes)}`), 413, 'Envoi trop volumineux'],
    ['a NUL in a form field', '/connexion', form('email=a%00b%40c.fr&password=x'), 400, 'Demande invalide'],
    ['an unknown page', '/nulle-part', undefined, 404, 'Page introuvable'],
  ] as const)('%s', async (_label, path, init, status, title) => {
    const response = await fetch(`${origin}${path}`, init);
    expect(response.status).toBe(status);
    const html = await response.text();
    expect(html).toContain(`Erreur ${status}`);
    expect(html).toContain(title);
    expect(html).toContain('lang="fr"');
  });

  test('a body streamed without a length is refused with 411 before it is read', async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('email=a'));
        controller.close();
      },
    });
    const response = await fetch(`${origin}/connexion`, { ...form(stream), duplex: 'half' } as RequestInit);
    expect(response.status).toBe(411);
  });

  test('a post to a page without a form is a warning in the log, not an unhandled error', async () => {
    const before = logs.length;
    await fetch(`${origin}/poles`, form('q=x'));
    const entries = logs.slice(before);
    expect(entries.some((entry) => entry.level === 40 && entry.msg === 'request refused')).toBe(true);
    expect(entries.filter((entry) => entry.level >= 50)).toEqual([]);
  });
});

describe('redirects', () => {
  test('a redirectTo outside Latin-1 is encoded, and the sign-in succeeds', async () => {
    const response = await fetch(`${origin}/connexion?redirectTo=${encodeURIComponent('/poles?q=œuvre')}`, {
      ...form(new URLSearchParams({ email: 'membre@demo.ptce.fr', password: 'erasmus-ptce-demo', redirectTo: '/poles?q=œuvre' })),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/poles?q=%C5%93uvre');
  });

  test.each([
    ['/poles?q=œuvre', '/poles?q=%C5%93uvre'],
    ['/poles/économie', '/poles/%C3%A9conomie'],
    ['/offres?q=%C5%93uvre', '/offres?q=%C5%93uvre'],
    ['/a#section', '/a#section'],
  ])('safeRedirectPath(%s) is %s', (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });
});

describe('readForm, the one way actions read a form', () => {
  const post = (body: BodyInit | null, headers: Record<string, string>) =>
    new Request('http://localhost/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (error instanceof Response ? error.status : error),
    );

  test('reads a url-encoded form', async () => {
    const formData = await readForm(post('a=1&a=2&b=%C3%A9', { 'Content-Type': 'application/x-www-form-urlencoded' }));
    expect(formData.getAll('a')).toEqual(['1', '2']);
    expect(formData.get('b')).toBe('é');
  });

  test('stops reading a body past the limit, declared or not', async () => {
    let pulled = 0;
    const endless = new ReadableStream({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
      },
    });
    expect(await refusal(readForm(post(endless, { 'Content-Type': 'application/x-www-form-urlencoded' })))).toBe(413);
    expect(pulled).toBeLessThan(formBodyLimitBytes + 512 * 1024);
    expect(
      await refusal(readForm(post('a=1', { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(formBodyLimitBytes + 1) }))),
    ).toBe(413);
  });

  test.each([
    ['a NUL in a value', 'a=x%00y', 'application/x-www-form-urlencoded', 400],
    ['a NUL in a name', 'a%00=1', 'application/x-www-form-urlencoded', 400],
    ['JSON', '{"a":1}', 'application/json', 415],
    ['text with no type', 'hello', '', 415],
    ['a malformed multipart body', '--b\r\nno headers', 'multipart/form-data; boundary=b', 400],
  ])('refuses %s', async (_label, body, type, status) => {
    expect(await refusal(readForm(post(body, type ? { 'Content-Type': type } : {})))).toBe(status);
  });

  test('refuses a NUL in a multipart field', async () => {
    const body = new FormData();
    body.append('title', 'a\u0000b');
    expect(await refusal(readForm(new Request('http://localhost/x', { method: 'POST', body })))).toBe(400);
  });

  test('an empty post without a type is an empty form', async () => {
    expect([...(await readForm(post(null, {})))]).toEqual([]);
  });
});

describe('logs hold no secrets', () => {
  test('a failing query is logged without its parameters: no session-id hash, no searched words', async () => {
    const cookie = await cookieFor('membre@demo.ptce.fr');
    const token = cookie.split('=')[1]!;
    const before = logs.length;
    await services.db.execute(sql`alter table sessions rename to sessions_broken`);
    try {
      expect((await fetch(`${origin}/`, { headers: { Cookie: cookie } })).status).toBe(500);
    } finally {
      await services.db.execute(sql`alter table sessions_broken rename to sessions`);
    }
    await services.db.execute(sql`alter table offer_topics rename to offer_topics_broken`);
    try {
      expect((await fetch(`${origin}/offres?q=motsecretunique`)).status).toBe(500);
    } finally {
      await services.db.execute(sql`alter table offer_topics_broken rename to offer_topics`);
    }
    const lines = logs.slice(before).map((entry) => JSON.stringify(entry));
    const failures = lines.filter((line) => line.includes('"level":50'));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    // The failures are there, with the query text for whoever debugs them…
    expect(failures.some((line) => line.includes('sessions'))).toBe(true);
    // …but none of the values that went with the query.
    for (const line of lines) {
      expect(line).not.toContain(hashToken(token));
      expect(line).not.toContain(token);
      expect(line).not.toContain('motsecretunique');
    }
  });

  test.each([
    ['/reinitialiser/abcdef0123', '/reinitialiser/…'],
    ['/invitation/abcdef0123?x=1', '/invitation/…?x=…'],
    ['/offres?q=mon%20texte&page=2', '/offres?q=…&page=…'],
    ['/poles/figeacteurs', '/poles/figeacteurs'],
  ])('the address %s is logged as %s', (url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
  });
});

describe('headers', () => {
  test('a logo says nosniff once', async () => {
    const [pole] = await services.db
      .select({ id: poles.id })
      .from(poles)
      .where(sql`${poles.slug} = 'figeacteurs'`);
    await services.db.insert(poleLogos).values({ poleId: pole!.id, contentType: 'image/png', bytes: Buffer.from(pngBytes) });
    const response = await fetch(`${origin}/poles/figeacteurs/logo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('the language cookie is Secure when the site is served over https', async () => {
    const https = await setupTestContext({ env: { APP_URL: 'https://erasmus.example' } });
    const request = () => makeRequest('/langue', { form: { lng: 'en', redirectTo: '/' } });
    const secure = (await switchLanguage(routeArgs(https.context, request()))) as Response;
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure/);
    const plain = (await switchLanguage(routeArgs({ ...https.context, env: { ...https.context.env, secureCookies: false } }, request()))) as Response;
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
  });
});
