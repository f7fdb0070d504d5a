/**
 * npm run bench:jobs — the job runner (pg-boss through app/jobs/queue.server.ts) on PostgreSQL.
 *
 * On a scratch database of the server at BENCH_DATABASE_URL (default the local one):
 * 1. enqueue: 10,000 `jobs.send` (8 at a time, as actions would), against a baseline of the
 *    same 10,000 rows as plain INSERTs into a table of the same shape, same concurrency;
 * 2. drain: the worker runs the 10,000 queued jobs → jobs/s;
 * 3. on time: 10,000 more jobs due at a steady rate over 40 s (250/s) while the worker runs →
 *    delay from due time to start, p50/p99.
 * Each job records its run; the bench fails unless every job ran exactly once.
 * BENCH_JOBS changes the count; BENCH_WORKERS and BENCH_BATCH the worker's shape (2 × 50).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { createJobs } from '#app/jobs/queue.server';
import { createLogger } from '#app/utils/logger.server';
import { openDatabase } from '#db/client';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const count = Number(process.env.BENCH_JOBS ?? 10_000);
const workers = Number(process.env.BENCH_WORKERS ?? 2);
const batchSize = Number(process.env.BENCH_BATCH ?? 50);
const concurrency = 8;
const spreadMs = Number(process.env.BENCH_SPREAD_SECONDS ?? 40) * 1000;

const name = `ptce_bench_jobs_${randomBytes(4).toString('hex')}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const handle = await openDatabase({ url: url.href });
const raw = postgres(url.href, { max: concurrency, onnotice: () => {} });

type Run = { phase: string; n: number; due: number };
const runs = new Map<string, { count: number; delayMs: number }>();
const logger = createLogger('warn');
const jobs = createJobs({ database: handle, logger });
jobs.define<Run>('bench.job', {
  pollingIntervalSeconds: 0.5,
  workers,
  batchSize,
  async handler(data) {
    const key = `${data.phase}:${data.n}`;
    const seen = runs.get(key);
    runs.set(key, { count: (seen?.count ?? 0) + 1, delayMs: Date.now() - data.due });
  },
});

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
async function inParallel(total: number, work: (index: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await work(next++);
    }),
  );
}
async function until(check: () => boolean, timeoutMs: number) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the jobs');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const ranOnce = (phase: string) => {
  const phaseRuns = [...runs].filter(([key]) => key.startsWith(`${phase}:`));
  const twice = phaseRuns.filter(([, run]) => run.count !== 1);
  if (phaseRuns.length !== count || twice.length > 0) throw new Error(`${phase}: ${phaseRuns.length} of ${count} jobs ran, ${twice.length} more than once`);
  return phaseRuns.map(([, run]) => run.delayMs);
};

try {
  console.log(`PostgreSQL ${serverUrl} (scratch database ${name}); ${count} jobs, worker ${workers} × batch ${batchSize}`);
  // Installs pg-boss's schema and queue only: the worker starts after the enqueue.
  await jobs.start({ workers: false });

  // The baseline: a table shaped like a job (uuid, name, jsonb, dates), plain INSERTs.
  await raw.unsafe(
    `create table plain_jobs (id uuid primary key default gen_random_uuid(), name text not null, data jsonb, state text not null default 'created', start_after timestamptz not null default now(), created_on timestamptz not null default now())`,
  );
  let started = performance.now();
  await inParallel(count, (n) =>
    raw.unsafe('insert into plain_jobs (name, data) values ($1, $2::jsonb)', ['bench.job', JSON.stringify({ phase: 'baseline', n, due: Date.now() })]),
  );
  const insertMs = performance.now() - started;

  started = performance.now();
  await inParallel(count, (n) => jobs.send('bench.job', { phase: 'drain', n, due: Date.now() }));
  const sendMs = performance.now() - started;
  console.log(
    `enqueue: jobs.send ${Math.round(count / (sendMs / 1000))} jobs/s (${(sendMs / 1000).toFixed(1)} s); plain INSERT ${Math.round(count / (insertMs / 1000))} rows/s (${(insertMs / 1000).toFixed(1)} s); send/INSERT time ${(sendMs / insertMs).toFixed(2)}×`,
  );

  // Drain: the worker takes the whole backlog.
  await jobs.stop({ timeoutMs: 1000 });
  const drainStart = performance.now();
  await jobs.start();
  await until(() => runs.size >= count, 600_000);
  const drainMs = performance.now() - drainStart;
  ranOnce('drain');
  console.log(`drain: ${count} queued jobs run in ${(drainMs / 1000).toFixed(1)} s: ${Math.round(count / (drainMs / 1000))} jobs/s`);

  // On time: jobs due at a steady rate while the worker runs (inserted in one batch ahead of time).
  const firstDue = Date.now() + 3000;
  const batch = Array.from({ length: count }, (_, n) => {
    const due = firstDue + Math.floor((n * spreadMs) / count);
    return { name: 'bench.job', data: { phase: 'timed', n, due }, startAfter: new Date(due).toISOString() };
  });
  await jobs.boss!.insert(batch);
  await until(() => runs.size >= 2 * count, spreadMs + 600_000);
  const delays = ranOnce('timed');
  console.log(
    `on time: ${count} jobs due over ${spreadMs / 1000} s (${Math.round(count / (spreadMs / 1000))}/s): delay from due time to start p50 ${percentile(delays, 50)} ms, p99 ${percentile(delays, 99)} ms, max ${Math.max(...delays)} ms`,
  );
  const [states] = await raw.unsafe(
    `select count(*) filter (where state = 'completed')::int as completed, count(*)::int as total from pgboss.job where name = 'bench.job'`,
  );
  if (states!.completed !== 2 * count || states!.total !== 2 * count) throw new Error(`pg-boss holds ${states!.total} jobs, ${states!.completed} completed`);
  console.log(`every job ran exactly once (${2 * count} completed in pg-boss, none twice)`);
} finally {
  await jobs.stop({ timeoutMs: 2000 }).catch(() => undefined);
  await raw.end();
  await handle.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
