import path from 'node:path';
import type { ServerBuild } from '@remix-run/node';
import { describe, expect, test } from 'vitest';
import { formBodyLimitBytes } from '#app/utils/form.server';
import { offers, requests } from '#db/schema';
import { startTestServer } from '#tests/setup/server';

/**
 * Every route of the build, as a careless client and as an attacker would call it: NUL characters,
 * 1 MB strings, bad percent-encodings, arrays for scalars, wrong content types, foreign origins.
 * Nothing may answer 5xx, nothing may reach the log as an error, and the server keeps serving.
 * The routes come from the build itself, so a new page is covered the day it is added.
 */

const { origin, services, cookieFor, logs } = await startTestServer();
const build = (await import(path.resolve('build/server/index.js'))) as ServerBuild;

const [offer] = await services.db.select({ id: offers.id }).from(offers).limit(1);
const [request] = await services.db.select({ id: requests.id }).from(requests).limit(1);

/** A real value for each parameter, so that the request reaches the route's own code. */
function sampleValue(routeId: string, parameter: string): string {
  if (parameter === 'slug') return 'figeacteurs';
  if (parameter === 'token') return 'jeton-inconnu';
  if (routeId.includes('offres')) return offer!.id;
  if (routeId.includes('demandes')) return request!.id;
  return '00000000-0000-4000-8000-000000000000';
}

type Route = { id: string; path: string; parameters: string[] };

const routes: Route[] = Object.entries(build.routes)
  .filter(([id]) => id !== 'root')
  .map(([id, route]) => {
    const pattern = `/${route.path ?? ''}`.replace('/*', '/une-page-inconnue');
    const parameters = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!);
    const filled = pattern.replace(/:(\w+)/g, (_, name: string) => sampleValue(id, name));
    return { id, path: filled, parameters };
  });

/** Field names the app's forms use, each filled with the hostile value. */
const fieldNames = [
  'intent',
  'title',
  'summary',
  'description',
  'message',
  'body',
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'confirmPassword',
  'name',
  'redirectTo',
  'lng',
  'poleId',
  'state',
  'topics',
  'sectors',
  'reason',
  'role',
  'website',
  'town',
  'format',
  'reach',
  'urgency',
  'sessionId',
  'maturity',
  // Pairing: the desk, the cohort, the weights, the twinning page, the asks, the profile's capacity.
  'region',
  'mentorPoleId',
  'menteePoleId',
  'requestId',
  'askId',
  'fromPoleId',
  'withPoleId',
  'goalId',
  'done',
  'dueOn',
  'notes',
  'rating',
  'goalsReached',
  'learned',
  'keep',
  'mentoringCapacity',
  'mentoringTopics',
  'languages',
  'distance',
  'load',
  'evaluations',
];

function form(value: string | string[]): URLSearchParams {
  const body = new URLSearchParams();
  for (const name of fieldNames) for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  return body;
}

type Attempt = { label: string; url: string; init?: RequestInit; expected?: number[] };

function attemptsFor(route: Route): Attempt[] {
  const post = (label: string, body: BodyInit, headers: Record<string, string> = {}, expected?: number[]): Attempt => ({
    label,
    url: route.path,
    init: { method: 'POST', body, headers: { Origin: origin, ...headers } },
    expected,
  });
  const attempts: Attempt[] = [
    { label: 'NUL in the query string', url: `${route.path}?q=ab%00cd&page=1`, expected: [400] },
    { label: 'NUL in a query name', url: `${route.path}?a%00b=1`, expected: [400] },
    { label: 'bad encoding in the query string', url: `${route.path}?q=%FF%FE&page=%C3%28` },
    { label: 'arrays for scalars in the query string', url: `${route.path}?page=1&page=2&q=a&q=b&region=x&region=y` },
    { label: 'a long query string', url: `${route.path}?q=${'é'.repeat(1500)}` },
    { label: 'a path with a trailing bad encoding', url: `${route.path}/%FF`, expected: [400] },
  ];
  for (const parameter of route.parameters) {
    const value = sampleValue(route.id, parameter);
    attempts.push(
      { label: `NUL in :${parameter}`, url: route.path.replace(value, `ab%00cd`), expected: [400] },
      { label: `bad encoding in :${parameter}`, url: route.path.replace(value, '%FF%FE'), expected: [400] },
      { label: `bad UTF-8 in :${parameter}`, url: route.path.replace(value, '%C3%28'), expected: [400] },
      { label: `a long :${parameter}`, url: route.path.replace(value, 'x'.repeat(4000)) },
      { label: `a .data request with a bad :${parameter}`, url: `${route.path.replace(value, '%FF')}.data`, expected: [400] },
    );
  }
  attempts.push(
    post('a form with NUL in every field', form('ab\u0000cd'), { 'Content-Type': 'application/x-www-form-urlencoded' }),
    post('a form with a NUL in a field name', 'ti%00tle=x', { 'Content-Type': 'application/x-www-form-urlencoded' }),
    post('a form of 1 MB strings', form('x'.repeat(Math.floor(formBodyLimitBytes / fieldNames.length / 2))), {
      'Content-Type': 'application/x-www-form-urlencoded',
    }),
    post('arrays for scalars', form(['a', 'b', 'c']), { 'Content-Type': 'application/x-www-form-urlencoded' }),
    post('a body over the form limit', 'x='.concat('y'.repeat(formBodyLimitBytes + 10)), { 'Content-Type': 'application/x-www-form-urlencoded' }, [413]),
    post('a JSON body', JSON.stringify({ title: 'x' }), { 'Content-Type': 'application/json' }, [415]),
    post('a text body', 'hello', { 'Content-Type': 'text/plain' }, [415]),
    post('a malformed multipart body', '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end', { 'Content-Type': 'multipart/form-data; boundary=b' }),
    post('multipart without a boundary', 'x', { 'Content-Type': 'multipart/form-data' }),
    post('bad percent-encoding in the form', 'title=%FF%FE&message=%C3%28', { 'Content-Type': 'application/x-www-form-urlencoded' }),
    {
      label: 'Origin: null',
      url: route.path,
      init: { method: 'POST', body: 'x=1', headers: { Origin: 'null', 'Content-Type': 'application/x-www-form-urlencoded' } },
      expected: [403],
    },
    {
      label: 'an Origin that is not a URL',
      url: route.path,
      init: { method: 'POST', body: 'x=1', headers: { Origin: 'pas une url', 'Content-Type': 'application/x-www-form-urlencoded' } },
      expected: [403],
    },
    {
      label: 'a foreign Origin',
      url: route.path,
      init: { method: 'POST', body: 'x=1', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' } },
      expected: [403],
    },
    { label: 'PUT', url: route.path, init: { method: 'PUT', body: 'x=1', headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' } } },
    { label: 'DELETE without a body', url: route.path, init: { method: 'DELETE', headers: { Origin: origin } } },
  );
  return attempts;
}

// A visitor, and the two people who reach deepest into the actions (marketplace, coordination).
const people = { visitor: null, 'pole admin': 'figeacteurs@demo.ptce.fr', coordinator: 'coord.occitanie@demo.ptce.fr' };

describe.each(Object.entries(people))('hostile input as %s', (_who, email) => {
  test.each(routes.map((route) => [route.id, route] as const))('%s answers no 5xx', async (_id, route) => {
    const failures: string[] = [];
    const errorsBefore = logs.filter((entry) => entry.level >= 50).length;
    let cookie = email ? await cookieFor(email) : undefined;
    for (const attempt of attemptsFor(route)) {
      // A hostile post to /deconnexion signs out: the next attempt gets a fresh session.
      if (email && route.id === 'routes/deconnexion') cookie = await cookieFor(email);
      const headers = new Headers(attempt.init?.headers);
      if (cookie) headers.set('Cookie', cookie);
      const response = await fetch(`${origin}${attempt.url}`, { ...attempt.init, headers, redirect: 'manual' }).catch((error: Error) => {
        throw new Error(`${attempt.label}: ${error.message} (${String((error.cause as Error | undefined)?.message)})`);
      });
      await response.arrayBuffer();
      const allowed = attempt.expected ? attempt.expected.includes(response.status) : response.status < 500;
      if (!allowed || response.status >= 500) failures.push(`${attempt.label}: ${response.status}`);
    }
    expect(failures).toEqual([]);
    const errors = logs.filter((entry) => entry.level >= 50).slice(errorsBefore);
    expect(errors.map((entry) => `${entry.msg}: ${entry.err?.message}`)).toEqual([]);
  });
});

test('the server still answers after all of it', async () => {
  const response = await fetch(`${origin}/healthz`);
  expect(response.status).toBe(200);
});
