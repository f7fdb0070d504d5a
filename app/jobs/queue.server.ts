import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import type { Logger } from '#app/utils/logger.server';
import { pgliteClientOf, type DatabaseHandle, type Executor } from '#db/client';

/**
 * Background jobs on pg-boss (decision 011), stored in the app's own database (schema `pgboss`):
 * on PostgreSQL through pg-boss's own connections, on PGlite through its `db` option (the one
 * embedded instance, see `pgliteExecutor`). Handlers are defined once per process, before
 * `start()`; a recurring job is a handler with a cron `schedule` (pg-boss sends it once per
 * schedule across every process sharing the database).
 */

export type QueueOptions = {
  /** Tries after the first one; then the job stays in pg-boss's `failed` state. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled at each retry when `retryBackoff` is set. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** A try running longer than this is failed (and retried). */
  expireInSeconds?: number;
};

export type SendOptions = {
  /** Seconds from now, or a date: the job is not started before. */
  startAfter?: number | Date;
  /** With `singletonSeconds`: at most one job per key and time slot of that many seconds. */
  singletonKey?: string;
  singletonSeconds?: number;
  /** When the slot is taken, put the job in the next slot instead of dropping it (debounce). */
  singletonNextSlot?: boolean;
  /**
   * The transaction the job belongs to: it exists only if that transaction commits (the insert
   * runs on the transaction's connection instead of pg-boss's).
   */
  tx?: Executor;
} & QueueOptions;

export type JobContext = { id: string; name: string; jobs: Jobs };
export type JobHandler<Data> = (data: Data, job: JobContext) => Promise<void>;

export type JobDefinition<Data> = {
  handler: JobHandler<Data>;
  queue?: QueueOptions;
  /** Cron expression (UTC) for a recurring job, whose data is `{}`. */
  schedule?: string;
  /** How often an idle worker looks for jobs (pg-boss polls; 2 s by default). */
  pollingIntervalSeconds?: number;
  /** Workers of this process for the queue (1 by default), each taking up to `batchSize` jobs at a time (10). */
  workers?: number;
  batchSize?: number;
};

export type Jobs = {
  define<Data extends object>(name: string, definition: JobDefinition<Data>): void;
  /** Queues a job; null when a singleton slot already holds one. */
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  /** Installs or updates pg-boss's schema and the queues; with `workers` (default) runs handlers and schedules. */
  start(options?: { workers?: boolean }): Promise<void>;
  /** Stops taking jobs and waits (up to `timeoutMs`) for the running ones to finish. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Runs one job's handler in this process, now (tests and scripts; no queue involved). */
  run(name: string, data: object): Promise<void>;
  /** The pg-boss instance once started (benchmarks, tests reading job states). */
  readonly boss: PgBoss | null;
  /**
   * Jobs sent before `start()`: tests run without a runner, so what an action asked for is kept
   * here (and never stored) for the test to look at. The server starts the runner before it listens.
   */
  readonly unsent: Array<{ name: string; data: object; options: SendOptions }>;
};

/** pg-boss's SQL through the one PGlite instance of the process. */
export function pgliteExecutor(client: PGlite) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      // Migrations and maintenance are parameterless scripts of several statements, which only
      // `exec` runs; their callers read the rows of every statement.
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.flatMap((result) => result.rows), rowCount: results.reduce((sum, result) => sum + (result.affectedRows ?? 0), 0) };
      }
      const result = await client.query(text, values);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

/**
 * pg-boss's SQL on the connection of a drizzle transaction (either driver), so the job commits or
 * rolls back with it. The SQL goes to the driver as written: pg-boss reuses a placeholder in
 * several places (`right($5, 1) = 'Z'` then `CAST($5 as timestamptz)`), which only works when
 * it stays one parameter. drizzle keeps the driver's transaction object as `session.client`.
 */
export function transactionExecutor(tx: Executor) {
  const client = (tx as unknown as { session: { client: TransactionClient } }).session.client;
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if ('unsafe' in client) {
        // Values as node-postgres sends them (pg-boss's own driver): numbers as text (`startAfter`
        // in seconds goes where text is expected), objects as JSON.
        const asNodePostgres = (value: unknown) =>
          value === undefined || value === null
            ? null
            : typeof value === 'number'
              ? String(value)
              : typeof value === 'object' && !(value instanceof Date)
                ? JSON.stringify(value)
                : value;
        const rows = await client.unsafe(text, values.map(asNodePostgres));
        return { rows: [...rows], rowCount: rows.length };
      }
      const result = await client.query(text, values);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

type TransactionClient =
  | { unsafe(text: string, values: unknown[]): Promise<Array<Record<string, unknown>>> }
  | { query(text: string, values: unknown[]): Promise<{ rows: Array<Record<string, unknown>>; affectedRows?: number }> };

export function createJobs(options: { database: DatabaseHandle; logger: Logger }): Jobs {
  const { database, logger } = options;
  const definitions = new Map<string, JobDefinition<object>>();
  const unsent: Jobs['unsent'] = [];
  let boss: PgBoss | null = null;
  let starting: Promise<void> | null = null;

  function newBoss(workers: boolean) {
    // Without workers (a script that only sends) pg-boss neither maintains nor schedules.
    const common = { schema: 'pgboss', application_name: 'ptce-jobs', migrate: true, supervise: workers, schedule: workers };
    const client = pgliteClientOf(database.db);
    if (client) return new PgBoss({ ...common, db: pgliteExecutor(client) });
    if (!database.url) throw new Error('jobs: the PostgreSQL database has no URL');
    return new PgBoss({ ...common, connectionString: database.url, max: 4 });
  }

  async function startBoss(workers: boolean) {
    const instance = newBoss(workers);
    instance.on('error', (error: unknown) => logger.error({ err: error }, 'job queue error'));
    await instance.start();
    for (const [name, definition] of definitions) {
      await ensureQueue(instance, name, definition.queue ?? {});
    }
    boss = instance;
    if (!workers) return;
    for (const [name, definition] of definitions) {
      // pg-boss 10 waits its polling interval after each fetch, unless the worker is notified.
      const workOptions = { pollingIntervalSeconds: definition.pollingIntervalSeconds ?? 2, batchSize: definition.batchSize ?? 10 };
      for (let worker = 0; worker < (definition.workers ?? 1); worker += 1) {
        const self: { id?: string } = {};
        self.id = await instance.work<object>(name, workOptions, async (batch) => {
          // A full batch says more are waiting: the next fetch comes at once, not after the interval.
          if (batch.length === workOptions.batchSize && self.id) instance.notifyWorker(self.id);
          if (batch.length === 1) return runHandler(name, definition, batch[0]!.id, batch[0]!.data);
          // pg-boss fails or completes a batch as a whole: each job that throws is failed on its own
          // (retried alone); the others complete with the batch.
          for (const job of batch) {
            await runHandler(name, definition, job.id, job.data).catch((error: unknown) =>
              instance.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) }),
            );
          }
        });
      }
      if (definition.schedule) await instance.schedule(name, definition.schedule, {}, { tz: 'UTC' });
      else await instance.unschedule(name).catch(() => undefined);
    }
  }

  async function runHandler(name: string, definition: JobDefinition<object>, id: string, data: object) {
    try {
      await definition.handler(data, { id, name, jobs });
    } catch (error) {
      // pg-boss retries it (back-off per queue) and keeps it `failed` after the last try.
      logger.warn({ err: error, job: name, jobId: id }, 'job failed');
      throw error;
    }
  }

  const jobs: Jobs = {
    define(name, definition) {
      if (boss) throw new Error(`jobs: ${name} defined after start`);
      definitions.set(name, definition as JobDefinition<object>);
    },
    async send(name, data, sendOptions = {}) {
      if (!definitions.has(name)) throw new Error(`jobs: no handler for ${name}`);
      if (!boss) {
        unsent.push({ name, data, options: sendOptions });
        return null;
      }
      const { tx, ...rest } = sendOptions;
      return boss.send(name, data, { ...rest, ...(tx ? { db: transactionExecutor(tx) } : {}) });
    },
    start({ workers = true } = {}) {
      starting ??= startBoss(workers);
      return starting;
    },
    async stop({ timeoutMs = 5000 } = {}) {
      if (starting) await starting.catch(() => undefined);
      const running = boss;
      boss = null;
      starting = null;
      await running?.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
    async run(name, data) {
      const definition = definitions.get(name);
      if (!definition) throw new Error(`jobs: no handler for ${name}`);
      await definition.handler(data, { id: 'direct', name, jobs });
    },
    get boss() {
      return boss;
    },
    unsent,
  };
  return jobs;
}

/** Creates the queue, or brings its retry options up to date (several processes may race: both are fine). */
async function ensureQueue(boss: PgBoss, name: string, options: QueueOptions) {
  const queueOptions = { name, policy: 'standard' as const, ...options };
  if (await boss.getQueue(name)) {
    await boss.updateQueue(name, queueOptions);
    return;
  }
  try {
    await boss.createQueue(name, queueOptions);
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error;
  }
}
