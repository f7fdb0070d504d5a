import { mentionJob, sendMentionMail, type MentionJobData } from '#app/models/thread-mentions.server';
import type { Mailer } from '#app/utils/mail.server';
import type { Database } from '#db/client';
import type { Jobs } from './queue.server';

/**
 * `thread.mentions` {userId}: one mail listing the `@mentions` of a person not mailed yet, still
 * visible and unread (see thread-mentions.server.ts). pg-boss keeps at most one per person per
 * quarter hour; nothing left to tell, it mails nothing.
 */
export function defineMentionJobs(jobs: Jobs, services: { db: Database; mailer: Mailer; env: { appUrl: URL } }) {
  jobs.define<MentionJobData>(mentionJob, {
    queue: { retryLimit: 3, retryDelay: 30, retryBackoff: true },
    async handler(data) {
      await sendMentionMail(services.db, services, { userId: data.userId });
    },
  });
}
