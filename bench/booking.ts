/**
 * npm run bench:booking [seats] — bookings fired all at once over HTTP at one learning visit
 * (issue 10, point 4), on PostgreSQL, against a bare loop of the same INSERTs in the same run.
 *
 * 1. A scratch database on the server at BENCH_DATABASE_URL (default the local one), migrated, with
 *    the reference data (regions, sectors, topics, the real poles: what the server's own start-up
 *    seed writes) but not the demo. Dropped at the end, also on failure or Ctrl-C.
 * 2. A host pole with its admin; a visit of `seats` seats (first argument or BENCH_SEATS, default
 *    100), confirmed at once; BENCH_REQUESTS (500) validated guest poles, each with one admin and a
 *    session written through the app's auth module (no password: no argon2 for 500 people).
 * 3. Baseline: a bare loop, one booking after the other on one connection, of the INSERTs a booking
 *    makes (its visit_bookings row and its visit_participants row, in one transaction, one commit
 *    each as bookVisit does), through postgres.js. Sequential, because every booking of one visit
 *    runs under that visit's lock (decision 017): the loop is what that one queue could reach with
 *    no HTTP, no checks, no lock and no mail. Run before the server starts and after it stops, each
 *    time on a visit of its own; the ratio uses the mean of the two.
 * 4. The production server (`npm run build` first) as its own process on a free port and on that
 *    database, as in production (pg-boss worker, socket.io, logs at info); a warm-up of
 *    BENCH_WARMUP (50) bookings on another visit; then every guest POSTs `intent=book` with one
 *    participant at once, one connection each, with the Origin header and its session cookie. An
 *    answer is an error unless it is a redirect to the visit's page. No rate limit applies: the
 *    limiters guard sign-in, reset links and invitations, not bookings. Then, as a floor, the same
 *    guests post the cheapest authenticated form the app answers (the language switch: session, one
 *    UPDATE, redirect) at once: what this server answers with nothing of a booking in it.
 * 5. Checks from the database (seats taken = seats, the rest waiting, one booking per request, the
 *    confirmed ones first by position) and from the note each answer carries (exactly `seats`
 *    « confirmed », and each waiting pole told its rank by position, 1 to the rest, once each).
 * Prints a table (with the server process's CPU time per booking, on Linux) and PASS/FAIL against
 * the targets (ratio ≥ 0.5, 0 overbooked, 0 errors); exit 1 on FAIL. BENCH_LOG_LEVEL changes the
 * server's log level; BENCH_NODE_OPTIONS is handed to the server process as NODE_OPTIONS (e.g.
 * `--import ./profiler.mjs` to profile it; `--cpu-prof` is not allowed there).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { Agent, request } from 'undici';
import { visitPath } from '#app/domain/paths';
import { createAuth } from '#app/utils/auth.server';
import { generateToken, hashToken } from '#app/utils/crypto.server';
import { createFlashMessages } from '#app/utils/flash.server';
import { openDatabase, type DatabaseHandle } from '#db/client';
import { outbox, visitBookings } from '#db/schema';
import { seedReferenceData } from '#db/seed/seed';
import { startServerProcess } from '#tests/setup/processes';
import { createGuestPole, createGuestPoles, createVisit } from '#tests/setup/visit-factories';
import { cpuMsOf, percentile, perSecond } from './measure';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seats = Number(process.argv[2] ?? process.env.BENCH_SEATS ?? 100);
const requestCount = Number(process.env.BENCH_REQUESTS ?? 500);
const warmupCount = Number(process.env.BENCH_WARMUP ?? 50);
const targetRatio = 0.5;

if (!Number.isInteger(seats) || seats < 1 || seats > 500) fail('seats must be a whole number from 1 to 500 (a visit has at most 500 seats).');
if (!Number.isInteger(requestCount) || requestCount < 1) fail('BENCH_REQUESTS must be a whole number of at least 1.');
if (!Number.isInteger(warmupCount) || warmupCount < 0 || warmupCount > requestCount) fail('BENCH_WARMUP must be from 0 to BENCH_REQUESTS.');
if (!existsSync('build/server/index.js')) fail('build/server/index.js is missing: run `npm run build` first (the bench runs the production server).');

function fail(message: string): never {
  console.error(`bench:booking: ${message}`);
  process.exit(1);
}

const name = `ptce_bench_booking_${randomBytes(4).toString('hex')}`;
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
let handle: DatabaseHandle | undefined;
let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
const dispatcher = new Agent({ connections: requestCount, pipelining: 1, keepAliveTimeout: 30_000 });

let cleaning: Promise<void> | undefined;
/** Stops the server and drops the scratch database, once, whatever happened before. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await server?.stop();
    await dispatcher.close().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

type Guest = Awaited<ReturnType<typeof createGuestPole>> & { cookie: string };
type Answer = { guest: Guest; status: number | 'network'; location: string | null; flash: string | null; ms: number };

/** Every guest posts a form at once, one connection each: by default it books `visitId` (one participant). */
async function fire(
  origin: string,
  visitId: string,
  guests: readonly Guest[],
  form: { path: string; fields: (guest: Guest, index: number) => Record<string, string> } = {
    path: visitPath(visitId),
    fields: (guest, index) => ({ intent: 'book', poleId: guest.pole.id, participants: `Participant ${index + 1}` }),
  },
): Promise<{ answers: Answer[]; wallMs: number }> {
  const started = performance.now();
  const answers = await Promise.all(
    guests.map(async (guest, index): Promise<Answer> => {
      const sent = performance.now();
      try {
        const response = await request(`${origin}${form.path}`, {
          method: 'POST',
          dispatcher,
          headers: { origin, cookie: guest.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form.fields(guest, index)).toString(),
        });
        await response.body.dump();
        const cookies = [response.headers['set-cookie'] ?? []].flat();
        const flash = cookies.find((cookie) => cookie.startsWith('ptce_flash='))?.split(';')[0] ?? null;
        const location = typeof response.headers.location === 'string' ? response.headers.location : null;
        return { guest, status: response.statusCode, location, flash, ms: performance.now() - sent };
      } catch {
        return { guest, status: 'network', location: null, flash: null, ms: performance.now() - sent };
      }
    }),
  );
  return { answers, wallMs: performance.now() - started };
}

/** The server's error lines (pino level 50 and up, or anything that is not a log line), the first few. */
function serverErrors(output: string): string {
  const lines = output.split('\n').filter((line) => line.trim() !== '' && !/^\{"level":[1-4]\d,/.test(line));
  return (
    lines
      .slice(0, 8)
      .map((line) => line.slice(0, 2000))
      .join('\n') || '(none logged)'
  );
}

const isRedirectTo = (answer: Answer, visitId: string) => (answer.status === 302 || answer.status === 303) && answer.location === visitPath(visitId);

/** The bare loop: each booking's two INSERTs in a transaction of its own, one after the other. */
async function baseline(visitId: string, guests: readonly Guest[]): Promise<number> {
  const raw = postgres(url.href, { max: 1, onnotice: () => {} });
  try {
    await raw`select 1`;
    const started = performance.now();
    for (const [index, guest] of guests.entries()) {
      const confirmed = index < seats;
      await raw.begin(async (tx) => {
        const [booking] = await tx`
          insert into visit_bookings (visit_id, pole_id, booked_by_id, state, seats, confirmed_at, leave_token_hash)
          values (${visitId}, ${guest.pole.id}, ${guest.admin.id}, ${confirmed ? 'confirmed' : 'waiting'}, 1,
                  ${confirmed ? new Date() : null}, ${confirmed ? null : hashToken(generateToken())})
          returning id, position`;
        await tx`insert into visit_participants (booking_id, name) values (${booking!.id}, ${`Participant ${index + 1}`})`;
      });
    }
    return performance.now() - started;
  } finally {
    await raw.end();
  }
}

/** Waits until no mail is queued: the warm-up's mails are sent before the measured burst. */
async function outboxDrained(db: DatabaseHandle['db'], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db
      .select({ queued: sql<number>`count(*)::int` })
      .from(outbox)
      .where(eq(outbox.status, 'queued'));
    if (row!.queued === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** What the database and the answers say of the measured visit; each entry of `problems` fails the run. */
async function verify(db: DatabaseHandle['db'], visitId: string, answers: readonly Answer[], sessionSecret: string) {
  const rows = await db
    .select({ poleId: visitBookings.poleId, state: visitBookings.state, seats: visitBookings.seats, position: visitBookings.position })
    .from(visitBookings)
    .where(eq(visitBookings.visitId, visitId))
    .orderBy(visitBookings.position);
  const holding = rows.filter((row) => row.state === 'confirmed' || row.state === 'pending');
  const taken = holding.reduce((total, row) => total + row.seats, 0);
  const waiting = rows.filter((row) => row.state === 'waiting');
  const problems: string[] = [];
  const expectedTaken = Math.min(seats, requestCount);
  if (taken !== expectedTaken) problems.push(`${taken} seats taken, ${expectedTaken} expected`);
  if (waiting.length !== requestCount - expectedTaken) problems.push(`${waiting.length} waiting, ${requestCount - expectedTaken} expected`);
  if (rows.length !== requestCount || new Set(rows.map((row) => row.poleId)).size !== rows.length) {
    problems.push(`${rows.length} bookings for ${new Set(rows.map((row) => row.poleId)).size} poles, one per request expected`);
  }
  if (new Set(rows.map((row) => row.position)).size !== rows.length) problems.push('two bookings share a position');
  if (rows.slice(0, holding.length).some((row) => row.state === 'waiting')) problems.push('a waiting booking arrived before a confirmed one');

  // The note each answer carries, read as the next page would: « confirmed », or « waiting, rank n ».
  const flash = createFlashMessages({ secret: sessionSecret, secure: false });
  const rankByPosition = new Map(waiting.map((row, index) => [row.poleId, index + 1]));
  let confirmedNotes = 0;
  const ranksTold: number[] = [];
  for (const answer of answers) {
    if (!answer.flash) continue;
    const { flash: note } = await flash.take(new Request('http://bench/', { headers: { cookie: answer.flash } }));
    if (note?.message === 'visits.notices.confirmed') confirmedNotes += 1;
    else if (note?.message === 'visits.notices.waiting') {
      const told = Number(note.values?.position);
      ranksTold.push(told);
      if (told !== rankByPosition.get(answer.guest.pole.id))
        problems.push(`a pole was told rank ${told}, its rank by position is ${rankByPosition.get(answer.guest.pole.id)}`);
    } else problems.push(`unexpected note ${note?.message ?? 'none'}`);
  }
  if (confirmedNotes !== expectedTaken) problems.push(`${confirmedNotes} answers said « confirmed », ${expectedTaken} expected`);
  const ranks = [...ranksTold].sort((a, b) => a - b);
  if (ranks.length !== waiting.length || ranks.some((rank, index) => rank !== index + 1)) {
    problems.push(`ranks told to waiting poles are not 1..${waiting.length} once each`);
  }
  return { taken, waiting: waiting.length, overbooked: Math.max(0, taken - seats), problems };
}

try {
  console.log(`PostgreSQL ${url.host}, scratch database ${name}; ${requestCount} bookings at once for ${seats} seats`);
  await admin.unsafe(`create database "${name}"`);
  handle = await openDatabase({ url: url.href });
  await handle.migrate();
  await seedReferenceData(handle.db);
  const db = handle.db;
  const host = await createGuestPole(db);
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  const visitOf = (title: string, visitSeats: number) =>
    createVisit(db, { hostPoleId: host.pole.id, seats: visitSeats, bookingMode: 'instant', title, startsAt: inDays(30), bookingDeadline: inDays(20) });
  const visit = await visitOf('Visite du banc d’essai', seats);
  const baselineVisits = [await visitOf('Visite de la boucle de référence', seats), await visitOf('Visite de la boucle de référence (2)', seats)] as const;
  const warmupVisit = await visitOf('Visite d’échauffement', 500);
  const auth = createAuth(db, { secureCookies: false });
  const guests: Guest[] = [];
  for (const guest of await createGuestPoles(db, requestCount)) {
    guests.push({ ...guest, cookie: (await auth.createSessionCookie(guest.admin.id, 'bench:booking')).split(';')[0]! });
  }

  // The loop runs once before the server starts and once after it stops, on two visits: the ratio
  // takes their mean, so a passing load on the machine weighs on both sides alike.
  const baselineMs = [await baseline(baselineVisits[0].id, guests)];

  const sessionSecret = randomBytes(32).toString('base64url');
  const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
  server = await startServerProcess({
    DATABASE_URL: url.href,
    SESSION_SECRET: sessionSecret,
    SEED_DEMO: '0',
    LOG_LEVEL: logLevel,
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  });
  if (warmupCount > 0) {
    const warmup = await fire(server.origin, warmupVisit.id, guests.slice(0, warmupCount));
    const failed = warmup.answers.filter((answer) => !isRedirectTo(answer, warmupVisit.id));
    if (failed.length > 0)
      throw new Error(`warm-up: ${failed.length} of ${warmupCount} bookings failed (first: ${failed[0]!.status})\n${serverErrors(server.output())}`);
    await outboxDrained(db, 30_000);
  }

  const cpuBefore = cpuMsOf(server.child.pid);
  const { answers, wallMs } = await fire(server.origin, visit.id, guests);
  const cpuMs = cpuBefore === null ? null : cpuMsOf(server.child.pid)! - cpuBefore;
  // The floor: the same guests at once on the cheapest authenticated form the app answers (the
  // language switch: session, one UPDATE, a redirect). No booking can be faster than this.
  const floor = await fire(server.origin, visit.id, guests, { path: '/langue', fields: () => ({ lng: 'fr', redirectTo: visitPath(visit.id) }) });
  const floorErrors = floor.answers.filter((answer) => !isRedirectTo(answer, visit.id)).length;
  const serverOutput = server.output();
  await server.stop();
  baselineMs.push(await baseline(baselineVisits[1].id, guests));

  const errors = answers.filter((answer) => !isRedirectTo(answer, visit.id));
  const times = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const rate = perSecond(requestCount, wallMs);
  const baselineRates = baselineMs.map((ms) => perSecond(requestCount, ms));
  const baselineRate = (baselineRates[0]! + baselineRates[1]!) / 2;
  const ratio = rate / baselineRate;
  const outcome = await verify(db, visit.id, answers, sessionSecret);
  for (const baselineVisit of baselineVisits) {
    const [written] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(visitBookings)
      .where(eq(visitBookings.visitId, baselineVisit.id));
    if (written!.count !== requestCount) outcome.problems.push(`the baseline wrote ${written!.count} bookings, ${requestCount} expected`);
  }

  const byStatus = new Map<string, number>();
  for (const answer of errors) {
    const key = `${answer.status}${answer.location ? ` → ${answer.location}` : ''}`;
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
  }
  const rows: Array<[string, string]> = [
    ['requests', String(requestCount)],
    ['concurrency', `${requestCount} (all at once, one connection each)`],
    ['seats', String(seats)],
    ['taken', String(outcome.taken)],
    ['waiting', String(outcome.waiting)],
    ['errors', `${errors.length}${byStatus.size > 0 ? ` (${[...byStatus].map(([status, count]) => `${status}: ${count}`).join(', ')})` : ''}`],
    ['overbooked', String(outcome.overbooked)],
    ['throughput', `${rate.toFixed(0)} bookings/s (${(wallMs / 1000).toFixed(2)} s for ${requestCount})`],
    ['latency p50', `${percentile(times, 0.5).toFixed(0)} ms`],
    ['latency p99', `${percentile(times, 0.99).toFixed(0)} ms`],
    ...(cpuMs === null
      ? []
      : [['server CPU', `${(cpuMs / requestCount).toFixed(1)} ms per booking (${(cpuMs / wallMs).toFixed(2)} cores busy)`] as [string, string]]),
    [
      'baseline',
      `${baselineRate.toFixed(0)} bookings/s (mean of ${baselineRates.map((value) => value.toFixed(0)).join(' and ')}; bare sequential loop, 2 INSERTs + commit each)`,
    ],
    ['ratio', `${ratio.toFixed(2)} (booking / baseline)`],
    [
      'floor',
      `${perSecond(requestCount, floor.wallMs).toFixed(0)} posts/s (${floorErrors} errors; the language switch at once: session, 1 UPDATE, redirect), ` +
        `ratio ${(perSecond(requestCount, floor.wallMs) / baselineRate).toFixed(2)} of the baseline; booking / floor ${(rate / perSecond(requestCount, floor.wallMs)).toFixed(2)}`,
    ],
  ];
  console.log(`\nserver logs at ${logLevel}; warm-up: ${warmupCount} bookings on another visit\n`);
  for (const [label, value] of rows) console.log(`${label.padEnd(12)} ${value}`);

  const checks: Array<[string, boolean]> = [
    [`ratio ≥ ${targetRatio}`, ratio >= targetRatio],
    ['0 overbooked', outcome.overbooked === 0],
    ['0 errors', errors.length === 0],
    ['database and answers agree', outcome.problems.length === 0],
  ];
  console.log('');
  for (const [label, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  for (const problem of outcome.problems.slice(0, 10)) console.log(`     ${problem}`);
  if (errors.length > 0) console.log(`\nthe server's errors:\n${serverErrors(serverOutput)}`);
  const passed = checks.every(([, ok]) => ok);
  console.log(`\n${passed ? 'PASS' : 'FAIL'}`);
  process.exitCode = passed ? 0 : 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
