import type { Database, DatabaseHandle, DatabaseKind } from '#db/client';
import { createAuth, type Auth } from './utils/auth.server';
import type { Env } from './utils/env.server';
import { createFlashMessages, type FlashMessages } from './utils/flash.server';
import type { Logger } from './utils/logger.server';
import { defineJobs } from './jobs/index.server';
import { createJobs, type Jobs } from './jobs/queue.server';
import { createMailer, type Mailer } from './utils/mail.server';
import { createLimiters, type Limiters } from './utils/rate-limit.server';
import { createRealtime, type Realtime } from './utils/realtime.server';

/** Everything a loader, action or socket handler needs, created once per process. */
export type AppServices = {
  db: Database;
  dbKind: DatabaseKind;
  /** True when the database answers (used by /healthz). */
  checkDatabase: () => Promise<boolean>;
  env: Env;
  logger: Logger;
  auth: Auth;
  /** Mail goes through the outbox: `mailer.queue(tx, mail)` in the act's transaction (decision 011). */
  mailer: Mailer;
  /** Background jobs (pg-boss): `jobs.send(name, data, { tx })`; the server starts the runner (decision 011). */
  jobs: Jobs;
  limiters: Limiters;
  flash: FlashMessages;
  /** Events pushed to browsers on every process: `realtime.publish(room, event, payload)` (decision 012). */
  realtime: Realtime;
};

/**
 * Per request: the services plus what Express knows of the request. `refusedStatus` is set only
 * when the edge refused the request (server/request-guard.ts) and the root renders that error page.
 */
export type AppContext = AppServices & { cspNonce: string; clientIp: string; refusedStatus?: number };

declare module '@remix-run/server-runtime' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}

export function createServices({ database, env, logger }: { database: DatabaseHandle; env: Env; logger: Logger }): AppServices {
  const db = database.db;
  const jobs = createJobs({ database, logger });
  const services: AppServices = {
    db,
    dbKind: database.kind,
    checkDatabase: database.ping,
    env,
    logger,
    auth: createAuth(db, { secureCookies: env.secureCookies }),
    mailer: createMailer({ db, jobs, smtpUrl: env.smtpUrl, from: env.mailFrom, logger }),
    jobs,
    limiters: createLimiters(db),
    flash: createFlashMessages({ secret: env.sessionSecret, secure: env.secureCookies }),
    realtime: createRealtime({ databaseUrl: database.url, logger }),
  };
  defineJobs(services);
  return services;
}
