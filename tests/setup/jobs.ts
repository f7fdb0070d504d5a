import { sql } from 'drizzle-orm';
import type { AppServices } from '#app/context.server';
import { createMailer, type Mail, type Mailer } from '#app/utils/mail.server';
import type { Database } from '#db/client';

/**
 * Tests run no job runner: what the actions asked for waits in `jobs.unsent`. This runs those
 * jobs here (conversation digests…), then sends every queued mail of the outbox, as the runner
 * would (with `mailer`, to try a failing mail server). Jobs the handlers ask for in turn (a digest
 * put off to the next quarter hour) are dropped: tests call the handlers for those.
 */
export async function flushOutbox(services: Pick<AppServices, 'jobs' | 'mailer'>, mailer: Mailer = services.mailer) {
  const asked = services.jobs.unsent.splice(0);
  for (const job of asked) {
    if (job.name !== 'mail.send') await services.jobs.run(job.name, job.data);
  }
  services.jobs.unsent.splice(0);
  return mailer.flush();
}

/**
 * Everyone has read every thread so far and was never mailed: each test's digest then lists only
 * the messages that test writes.
 */
export async function markEverythingRead(db: Database) {
  await db.execute(sql`
    insert into thread_readers (user_id, thread_id, read_at, last_read_seq)
    select users.id, threads.id, now(), coalesce((select max(seq) from messages where messages.thread_id = threads.id), 0) from users cross join threads
    on conflict (user_id, thread_id) do update set read_at = now(), last_read_seq = excluded.last_read_seq, mailed_at = null`);
}

/** The app's mailer over a stand-in mail server (`send`): slow, failing or recording, as a test needs. */
export function mailerSendingWith(services: Pick<AppServices, 'db' | 'jobs' | 'logger'>, send: (mail: Mail) => Promise<void>): Mailer {
  return createMailer({ db: services.db, jobs: services.jobs, smtpUrl: undefined, from: 'test', logger: services.logger, send });
}
