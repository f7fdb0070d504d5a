import { z } from 'zod';
import { followUpVisit, sendVisitReminder, visitFollowUpJob, visitReminderJob, type ReminderServices } from '#app/models/visit-reminders.server';
import type { Logger } from '#app/utils/logger.server';
import type { Jobs } from './queue.server';

/** What a job row must carry; anything else (a job written by hand, an older shape) is logged and dropped. */
const visitJobData = z.object({ visitId: z.string().uuid(), startsAt: z.string().datetime() });

/**
 * `visit.reminder` {visitId, startsAt}: 48 hours before the visit, the host and the booked poles
 * are reminded. `visit.follow-up` {visitId, startsAt}: at 09:00 (Paris) the day after, the poles
 * that came are asked for their feedback and the host to mark the attendance, daily while it is
 * unmarked, for 14 days at most. Both are asked for when a visit is created or moved
 * (visit-reminders.server.ts); a job for a start the visit no longer has does nothing.
 */
export function defineVisitReminderJobs(jobs: Jobs, services: ReminderServices & { logger: Logger }) {
  const parse = (name: string, data: object) => {
    const parsed = visitJobData.safeParse(data);
    if (!parsed.success) services.logger.warn({ job: name, data }, 'visit job with unreadable data, dropped');
    return parsed.success ? parsed.data : null;
  };
  jobs.define(visitReminderJob, {
    queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
    // A reminder may come a few seconds late; idle workers poll less often.
    pollingIntervalSeconds: 10,
    async handler(data) {
      const input = parse(visitReminderJob, data);
      if (input) await sendVisitReminder(services, input);
    },
  });
  jobs.define(visitFollowUpJob, {
    queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
    pollingIntervalSeconds: 10,
    async handler(data) {
      const input = parse(visitFollowUpJob, data);
      if (input) await followUpVisit(services, input);
    },
  });
}
