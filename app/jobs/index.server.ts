import type { AppServices } from '#app/context.server';
import { defineCleanupJobs } from './cleanup.server';
import { defineDigestJobs } from './conversation-digest.server';
import { defineMailJobs } from './mail.server';
import { definePairingJobs } from './pairing.server';
import { defineMentionJobs } from './thread-mentions.server';
import { defineVisitReminderJobs } from './visit-reminders.server';

/**
 * Every job of the app, defined once per process (the runner starts in server/index.ts):
 * - `mail.send` {outboxId}: one mail of the outbox (sent by `mailer.queue`);
 * - `mail.relay`, every 5 minutes: mails whose job was lost;
 * - `conversation.digest` {userId, threadId}: a conversation's digest mail;
 * - `thread.mentions` {userId}: the mail listing a person's `@mentions` in live threads;
 * - `cleanup.expired`, hourly: sessions, rate-limit rows, old links and mails;
 * - `pairing.follow-up`, hourly: proposals unanswered for 30 days expire, requests unpaired for 6 months close;
 * - `visit.reminder` {visitId, startsAt}: 48 hours before a visit, the host and the booked poles are reminded;
 * - `visit.follow-up` {visitId, startsAt}: the day after a visit, feedback requests and the attendance nudge.
 */
export function defineJobs(services: AppServices) {
  defineMailJobs(services.jobs, services.mailer);
  defineDigestJobs(services.jobs, services);
  defineMentionJobs(services.jobs, services);
  defineCleanupJobs(services.jobs, services.db);
  definePairingJobs(services.jobs, services);
  defineVisitReminderJobs(services.jobs, services);
}
