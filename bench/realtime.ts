/**
 * npm run bench:realtime — live delivery in one thread (issue 11, point 6), on PostgreSQL, against
 * a bare `ws` broadcast server in the same run.
 *
 * 1. A scratch database on the server at BENCH_DATABASE_URL (default the local one), migrated, with
 *    the reference data but not the demo; dropped at the end, also on failure or Ctrl-C.
 * 2. BENCH_CLIENTS (1,000) people, members of 20 validated Occitanie poles, each with a session
 *    written through the app's auth module (one session per client: the per-session socket cap
 *    never applies), and one topic of the Occitanie forum, which they all may read and write in.
 * 3. The production server (`npm run build` first) on that database; every client connects with
 *    socket.io-client (`transports: ['websocket']`, its session cookie) and `thread:join`s the topic.
 * 4. The burst: BENCH_SENDERS (10) of the clients each send BENCH_PER_SENDER (10) messages through
 *    `thread:send`, each with a key of its own; by default each sender sends its next message once
 *    the previous one is acknowledged (10 writers at once, as fast as the server takes them);
 *    BENCH_INTERVAL_MS > 0 paces each sender instead. The text carries the send time; every client
 *    records the arrival of every `thread:message`: latency = arrival − send (one machine, one clock),
 *    throughput = deliveries (messages × clients) per second from the first send to the last arrival.
 *    Each client must get each message exactly once (losses and duplicates are counted, then checked
 *    once more after a pause), and the database must hold each message once. Fresh senders are taken
 *    for each burst (the messages-per-minute limit applies per person) and each burst is preceded by
 *    a warm-up of one message per sender.
 * 5. Baseline: bench/ws-baseline.ts as its own process, 1,000 `ws` clients, the same senders and
 *    messages (a sender's own copy is its acknowledgement); run before and after the app's burst,
 *    the ratio uses the mean. Then the same with a bare socket.io server (the floor of the library the
 *    app is built on; no target, its ratio printed). Then a second app process on the same database,
 *    half the clients moved to it, senders on both: the same figures (no target).
 * The clients all run in this process (its CPU time is printed: it must stay below one core for the
 * figures to be the servers'). Prints a table with each server process's CPU time, and PASS/FAIL for
 * the targets on one process (p99 < 100 ms, throughput ≥ 0.5 × baseline, nothing lost, duplicated or
 * refused); exit 1 on FAIL. BENCH_LOG_LEVEL changes the servers' log level; BENCH_NODE_OPTIONS is
 * handed to the app servers as NODE_OPTIONS (to profile them, as for bench:booking).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '#app/utils/realtime.server';
import { createAuth } from '#app/utils/auth.server';
import { messagesPerMinute } from '#app/utils/rate-limit.server';
import { openDatabase, type DatabaseHandle } from '#db/client';
import { poleMemberships, threads, users } from '#db/schema';
import { seedReferenceData } from '#db/seed/seed';
import { createPole } from '#db/seed/factories';
import { startServerProcess } from '#tests/setup/processes';
import { socketIoFloorClient, startWsBaseline, wsClient } from './ws-baseline';
import { cpuMsOf, percentile } from './measure';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const clientCount = Number(process.env.BENCH_CLIENTS ?? 1000);
const senderCount = Number(process.env.BENCH_SENDERS ?? 10);
const perSender = Number(process.env.BENCH_PER_SENDER ?? 10);
const intervalMs = Number(process.env.BENCH_INTERVAL_MS ?? 0);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';
const targetP99 = 100;
const targetRatio = 0.5;

function fail(message: string): never {
  console.error(`bench:realtime: ${message}`);
  process.exit(1);
}
if (!Number.isInteger(clientCount) || clientCount < 2) fail('BENCH_CLIENTS must be a whole number of at least 2.');
if (!Number.isInteger(senderCount) || senderCount < 2 || senderCount * 6 > clientCount) fail('BENCH_SENDERS must be from 2 to BENCH_CLIENTS / 6.');
if (!Number.isInteger(perSender) || perSender < 1) fail('BENCH_PER_SENDER must be a whole number of at least 1.');
if (perSender > messagesPerMinute) fail(`BENCH_PER_SENDER must be at most ${messagesPerMinute}: the messages-per-minute limit counts per person.`);
if (!(intervalMs >= 0)) fail('BENCH_INTERVAL_MS must be 0 (send when acknowledged) or a number of ms.');
if (!existsSync('build/server/index.js')) fail('build/server/index.js is missing: run `npm run build` first (the bench runs the production server).');

const name = `ptce_bench_realtime_${randomBytes(4).toString('hex')}`;
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
type Running = Awaited<ReturnType<typeof startServerProcess>>;
let handle: DatabaseHandle | undefined;
const servers: Running[] = [];
const clients: Client[] = [];
let baselineServer: Awaited<ReturnType<typeof startWsBaseline>> | undefined;

let cleaning: Promise<void> | undefined;
/** Closes the clients, stops the servers and drops the scratch database, once, whatever happened before. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const client of clients) client.close();
    await baselineServer?.stop();
    await Promise.all(servers.map((server) => server.stop()));
    await handle?.close().catch(() => undefined);
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ─── Counting deliveries ──────────────────────────────────────────────────

/** One burst's books: which client got which message, when. Clients report to the one open now. */
class Tally {
  readonly accepted = new Set<string>();
  readonly refusals: string[] = [];
  readonly counts: Array<Map<string, number>>;
  readonly latencies: number[] = [];
  readonly started = clock();
  deliveries = 0;
  lastArrival = 0;
  constructor(readonly clientCount: number) {
    this.counts = Array.from({ length: clientCount }, () => new Map());
  }
  arrive(client: number, text: string | null | undefined) {
    const at = clock();
    const [tag, key, sentAt] = (text ?? '').split(' ');
    if (tag !== 'bench' || !key) return;
    const counts = this.counts[client]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    this.deliveries += 1;
    this.latencies.push(at - Number(sentAt));
    this.lastArrival = at;
  }
  /** Each client, each accepted message: not once is a loss or a duplicate; a refused one delivered is stray. */
  check() {
    let lost = 0;
    let duplicated = 0;
    let stray = 0;
    for (const counts of this.counts) {
      for (const key of this.accepted) {
        const count = counts.get(key) ?? 0;
        if (count === 0) lost += 1;
        else duplicated += count - 1;
      }
      for (const [key, count] of counts) if (!this.accepted.has(key)) stray += count;
    }
    return { lost, duplicated, stray };
  }
}
let current: Tally | undefined;

// ─── Clients ──────────────────────────────────────────────────────────────

type Client = { send(key: string, text: string): Promise<string | null>; close(): void };

/** An app client: socket.io over WebSocket with the person's session cookie, in the topic's room. */
async function appClient(origin: string, cookie: string, index: number, threadId: string): Promise<Client> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(origin, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
    extraHeaders: { Cookie: cookie, Origin: origin },
  });
  socket.on('thread:message', (payload) => current?.arrive(index, payload.message.body));
  socket.onAny(() => (lastEventAt = Date.now()));
  socket.on('disconnect', (reason) => {
    disconnects.set(reason, (disconnects.get(reason) ?? 0) + 1);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const joined = await socket.timeout(60_000).emitWithAck('thread:join', { threadId, after: 0 });
  if (!joined.ok) throw new Error(`thread:join refused: ${joined.error}`);
  return {
    async send(key, text) {
      try {
        const answer = await socket.timeout(30_000).emitWithAck('thread:send', { threadId, text, key });
        return answer.ok ? null : answer.error;
      } catch {
        return 'timeout';
      }
    },
    close: () => {
      socket.off('disconnect');
      socket.disconnect();
    },
  };
}

let lastEventAt = Date.now();
/** Why app sockets closed when the bench did not close them (any is a failure). */
const disconnects = new Map<string, number>();
/** Waits until no event has reached any client for `quietMs` (presence after a wave of joins). */
async function settle(quietMs = 1500, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() - lastEventAt < quietMs && Date.now() < deadline) await sleep(200);
}

/** Opens `count` clients, `concurrency` handshakes at a time. */
async function openClients(count: number, open: (index: number) => Promise<Client>, concurrency = 50): Promise<Client[]> {
  const opened: Client[] = new Array<Client>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        opened[index] = await open(index);
      }
    }),
  );
  return opened;
}

// ─── A burst ──────────────────────────────────────────────────────────────

let nextSender = 0;
/** Senders nobody used yet: the messages-per-minute limit counts per person. */
function freshSenders(pool: readonly Client[], count: number): Client[] {
  const taken = Array.from({ length: count }, (_, index) => pool[nextSender + index]!);
  nextSender += count;
  return taken;
}

type Figures = {
  p50: number;
  p99: number;
  rate: number;
  messages: number;
  lost: number;
  duplicated: number;
  stray: number;
  refused: string[];
  wallMs: number;
  /** The servers' CPU time over the burst (null off Linux), and this process's (the clients'). */
  cpuMs: number | null;
  clientCpuMs: number;
};

/** Each sender sends its messages; waits for every delivery (or 10 s without one), then 500 ms more for duplicates. */
async function burst(senders: readonly Client[], count: number, pids: ReadonlyArray<number | undefined>): Promise<Figures> {
  const tally = new Tally(clientCount);
  current = tally;
  const cpuBefore = pids.map(cpuMsOf);
  const clientCpuBefore = process.cpuUsage();
  await Promise.all(
    senders.map(async (sender) => {
      const acks: Array<Promise<void>> = [];
      for (let index = 0; index < count; index += 1) {
        const key = randomUUID();
        const acked = sender.send(key, `bench ${key} ${clock().toFixed(3)}`).then((error) => {
          if (error) tally.refusals.push(error);
          else tally.accepted.add(key);
        });
        acks.push(acked);
        if (intervalMs > 0) await sleep(Math.max(0, tally.started + (index + 1) * intervalMs - clock()));
        else await acked;
      }
      await Promise.all(acks);
    }),
  );
  let seen = -1;
  let progressAt = Date.now();
  while (tally.deliveries < tally.accepted.size * clientCount && Date.now() - progressAt < 10_000) {
    if (tally.deliveries !== seen) [seen, progressAt] = [tally.deliveries, Date.now()];
    await sleep(20);
  }
  const cpuAfter = pids.map(cpuMsOf);
  const cpuMs = [...cpuBefore, ...cpuAfter].includes(null) ? null : cpuAfter.reduce((sum: number, value, index) => sum + value! - cpuBefore[index]!, 0);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  await sleep(500);
  current = undefined;
  const wallMs = tally.lastArrival - tally.started;
  const latencies = [...tally.latencies].sort((a, b) => a - b);
  const { lost, duplicated, stray } = tally.check();
  const unique = tally.accepted.size * clientCount - lost;
  return {
    ...{ p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), lost, duplicated, stray, cpuMs, wallMs },
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
    ...{ rate: unique / (wallMs / 1000), messages: tally.accepted.size, refused: tally.refusals },
  };
}

/** A warm-up (one message per sender) then the measured burst, each with senders of its own. */
async function measure(pool: readonly Client[], pids: ReadonlyArray<number | undefined>) {
  await burst(freshSenders(pool, senderCount), 1, pids);
  return burst(freshSenders(pool, senderCount), perSender, pids);
}

/** The bare `ws` server (or the bare socket.io floor) as its own process, 1,000 clients on it, one measured burst. */
async function baselineRun(options: { socketIo?: boolean } = {}): Promise<Figures> {
  const server = await startWsBaseline(options);
  baselineServer = server;
  const client = options.socketIo ? socketIoFloorClient : wsClient;
  const pool = await openClients(clientCount, (index) => client(server.address, (text) => current?.arrive(index, text)));
  nextSender = 0;
  try {
    return await measure(pool, [server.pid]);
  } finally {
    for (const opened of pool) opened.close();
    await server.stop();
    baselineServer = undefined;
  }
}

function serverErrors(output: string): string {
  const lines = output.split('\n').filter((line) => line.trim() !== '' && !/^\{"level":[1-4]\d,/.test(line));
  return lines.slice(0, 8).join('\n').slice(0, 4000) || '(none logged)';
}

// ─── The run ──────────────────────────────────────────────────────────────

try {
  console.log(`PostgreSQL ${url.host}, scratch database ${name}; ${clientCount} clients, ${senderCount} senders × ${perSender} messages`);
  await admin.unsafe(`create database "${name}"`);
  handle = await openDatabase({ url: url.href });
  await handle.migrate();
  await seedReferenceData(handle.db);
  const db = handle.db;
  const poles: Array<{ id: string }> = [];
  for (let index = 0; index < 20; index += 1) poles.push(await createPole(db, { regionCode: '76', verifiedAt: new Date() }));
  const people = await db
    .insert(users)
    .values(Array.from({ length: clientCount }, (_, index) => ({ email: `banc-${index}@bench.ptce.fr`, name: `Personne ${index}`, passwordHash: '-' })))
    .returning({ id: users.id });
  await db
    .insert(poleMemberships)
    .values(people.map((person, index) => ({ userId: person.id, poleId: poles[index % poles.length]!.id, role: 'member' as const })));
  const [topic] = await db
    .insert(threads)
    .values({ subjectType: 'forum', regionCode: '76', title: 'Sujet du banc d’essai', createdById: people[0]!.id })
    .returning();
  const auth = createAuth(db, { secureCookies: false });
  const cookies: string[] = [];
  for (const person of people) cookies.push((await auth.createSessionCookie(person.id, 'bench:realtime')).split(';')[0]!);

  const baselines = [await baselineRun()];

  const env = {
    ...{ DATABASE_URL: url.href, SESSION_SECRET: randomBytes(32).toString('base64url'), SEED_DEMO: '0', LOG_LEVEL: logLevel },
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  };
  const a = await startServerProcess(env);
  servers.push(a);
  const joinStarted = performance.now();
  clients.push(...(await openClients(clientCount, (index) => appClient(a.origin, cookies[index]!, index, topic!.id))));
  await settle();
  const joinSeconds = (performance.now() - joinStarted) / 1000;
  nextSender = 0;
  const one = await measure(clients, [a.child.pid]);

  baselines.push(await baselineRun());
  const floor = await baselineRun({ socketIo: true });

  // Two processes: a second server on the same database; every other client moves to it.
  const b = await startServerProcess(env);
  servers.push(b);
  const sql = postgres(url.href, { max: 1, onnotice: () => {} });
  for (let tries = 0; ; tries += 1) {
    const [row] = await sql<Array<{ n: number }>>`select count(*)::int as n from pg_stat_activity where datname = ${name} and query = 'LISTEN "socket.io#/"'`;
    if (row!.n >= 2) break;
    if (tries > 100) throw new Error('the two processes never both listened');
    await sleep(200);
  }
  const moved = await openClients(Math.floor(clientCount / 2), (half) => {
    const index = half * 2 + 1;
    clients[index]!.close();
    return appClient(b.origin, cookies[index]!, index, topic!.id);
  });
  moved.forEach((client, half) => (clients[half * 2 + 1] = client));
  await settle();
  // Senders nobody used yet, alternating between the processes (even clients on A, odd ones on B).
  nextSender = 2 * senderCount;
  const two = await measure(clients, [a.child.pid, b.child.pid]);
  const [stored] = await sql<Array<{ all: number; keys: number }>>`
    select count(*)::int as all, count(distinct (author_id, client_key))::int as keys from messages where thread_id = ${topic!.id}`;
  await sql.end();
  const serverOutput = servers.map((server) => server.output()).join('\n');

  const baselineRate = (baselines[0]!.rate + baselines[1]!.rate) / 2;
  const ratio = one.rate / baselineRate;
  const line = (label: string, figures: Figures, processes: number) => {
    const cpu =
      figures.cpuMs === null
        ? 'n/a'
        : `${(figures.cpuMs / (figures.messages || 1)).toFixed(1)} ms/msg, ${(figures.cpuMs / figures.wallMs / processes).toFixed(2)} cores each`;
    const faults = `${figures.lost}/${figures.duplicated}/${figures.stray}/${figures.refused.length}`;
    const clientsBusy = (figures.clientCpuMs / figures.wallMs).toFixed(2);
    console.log(
      `${label.padEnd(22)} ${figures.p50.toFixed(1).padStart(8)} ${figures.p99.toFixed(1).padStart(8)} ${figures.rate.toFixed(0).padStart(10)} ${String(figures.messages).padStart(5)} ${faults.padStart(22)} ${clientsBusy.padStart(8)}   ${cpu}`,
    );
  };
  console.log(
    `\n${clientCount} clients joined in ${joinSeconds.toFixed(1)} s; ${intervalMs > 0 ? `each sender paced every ${intervalMs} ms` : 'each sender sends when acknowledged'}`,
  );
  console.log(
    `${'run'.padEnd(22)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'deliv./s'.padStart(10)} ${'msgs'.padStart(5)} ${'lost/dup/stray/refused'.padStart(22)} ${'clients'.padStart(8)}   servers' CPU`,
  );
  line('ws baseline (before)', baselines[0]!, 1);
  line('app, 1 process', one, 1);
  line('ws baseline (after)', baselines[1]!, 1);
  line('socket.io floor', floor, 1);
  line('app, 2 processes', two, 2);
  console.log(`\nratio ${ratio.toFixed(2)} (app, 1 process / mean of the baselines ${baselineRate.toFixed(0)} deliveries/s)`);
  console.log(
    `socket.io floor: ${(floor.rate / baselineRate).toFixed(2)} of the baseline (a bare socket.io server, same clients and senders); app / floor ${(one.rate / floor.rate).toFixed(2)}`,
  );
  console.log(`clients: cores busy in this process (all ${clientCount} clients run here; near 1.00 means the figures are the clients')`);
  console.log(`stored: ${stored!.all} messages in the topic, ${stored!.keys} distinct keys`);

  const clean = (figures: Figures) => figures.lost + figures.duplicated + figures.stray + figures.refused.length === 0;
  const checks: Array<[string, boolean]> = [
    [`p99 < ${targetP99} ms (1 process)`, one.p99 < targetP99],
    [`throughput ≥ ${targetRatio} × baseline (1 process)`, ratio >= targetRatio],
    ['each message to each client exactly once, nothing refused (every run)', [one, two, floor, ...baselines].every(clean)],
    ['each message stored once', stored!.all === stored!.keys],
    [`no socket closed by the server (${[...disconnects].map(([reason, count]) => `${reason}: ${count}`).join(', ') || 'none'})`, disconnects.size === 0],
  ];
  console.log('');
  for (const [label, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  const refused = [...one.refused, ...two.refused];
  if (refused.length > 0) console.log(`     refusals: ${[...new Set(refused)].join(', ')} (the messages-per-minute limit counts ${perSender} per sender)`);
  if (!checks.every(([, ok]) => ok)) console.log(`\nthe servers' errors:\n${serverErrors(serverOutput)}`);
  const passed = checks.every(([, ok]) => ok);
  console.log(`\n${passed ? 'PASS' : 'FAIL'}`);
  process.exitCode = passed ? 0 : 1;
} catch (error) {
  console.error(error);
  for (const server of servers) console.error(serverErrors(server.output()));
  process.exitCode = 1;
} finally {
  await cleanUp();
}
