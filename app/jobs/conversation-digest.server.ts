import { digestJob, sendThreadDigest, type DigestJobData } from '#app/models/conversation-digests.server';
import type { Mailer } from '#app/utils/mail.server';
import type { Database } from '#db/client';
import type { Jobs } from './queue.server';

/**
 * `conversation.digest`: one mail per person and thread listing what arrived (see
 * conversation-digests.server.ts). Too soon after the last mail, it comes back when the quarter
 * hour has passed; nothing unread, it stops (so these never chain forever).
 */
export function defineDigestJobs(jobs: Jobs, services: { db: Database; mailer: Mailer; env: { appUrl: URL } }) {
  jobs.define<DigestJobData>(digestJob, {
    queue: { retryLimit: 3, retryDelay: 30, retryBackoff: true },
    async handler(data, job) {
      const outcome = await sendThreadDigest(services.db, services, { userId: data.userId, threadId: data.threadId });
      if (outcome.status === 'too-soon') {
        await job.jobs.send(digestJob, { userId: data.userId, threadId: data.threadId }, { startAfter: outcome.retryAt });
      }
    },
  });
}
