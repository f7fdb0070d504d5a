import { mailMaxAttempts, mailRetryDelaySeconds, type Mailer } from '#app/utils/mail.server';
import type { Jobs } from './queue.server';

/**
 * `mail.send`: one queued mail, sent as soon as the transaction that queued it commits; retried
 * with back-off (20 s, then about 40–80 s, 80–160 s…) and left `failed` after the last try.
 * `mail.relay`: every five minutes, the mails nobody has tried for a quarter of an hour (their
 * job was lost: a queue purged by hand, a database restored from before the job).
 */
export function defineMailJobs(jobs: Jobs, mailer: Mailer) {
  jobs.define<{ outboxId: string }>('mail.send', {
    queue: { retryLimit: mailMaxAttempts - 1, retryDelay: mailRetryDelaySeconds, retryBackoff: true, expireInSeconds: 10 * 60 },
    pollingIntervalSeconds: 1,
    async handler({ outboxId }) {
      const delivery = await mailer.deliver(outboxId);
      // Thrown so pg-boss tries again later; 'sent', 'kept-locally' and 'failed' are final.
      if (delivery === 'retry' || delivery === 'not-due') throw new Error(`mail ${outboxId}: ${delivery}`);
    },
  });
  jobs.define('mail.relay', {
    schedule: '*/5 * * * *',
    pollingIntervalSeconds: 30,
    async handler() {
      await mailer.flush({ staleOnly: true });
    },
  });
}
