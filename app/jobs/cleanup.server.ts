import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '#db/client';
import { invitations, outbox, passwordResets, rateLimits, sessions } from '#db/schema';
import type { Jobs } from './queue.server';

/** Used or expired links stay this long, so their page can still say « already used » or « expired ». */
const linkGraceDays = 7;
/** Sent mails hold addresses and links: kept this long for /dev/outbox and support, then deleted. */
const sentMailDays = 30;
/** Failed mails are kept longer, for whoever looks into why. */
const failedMailDays = 90;

export type CleanupCounts = { sessions: number; rateLimits: number; passwordResets: number; invitations: number; mails: number };

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

/**
 * Deletes what has expired. Accepted invitations are kept: they say who brought whom into a pole
 * or a regional body (their token is useless once accepted).
 */
export async function cleanUpExpired(db: Database, now = new Date()): Promise<CleanupCounts> {
  const linksBefore = daysAgo(now, linkGraceDays);
  const deleted = await Promise.all([
    db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id }),
    db.delete(rateLimits).where(lt(rateLimits.expire, now)).returning({ key: rateLimits.key }),
    db
      .delete(passwordResets)
      .where(or(lt(passwordResets.expiresAt, linksBefore), lt(passwordResets.usedAt, linksBefore)))
      .returning({ id: passwordResets.userId }),
    db
      .delete(invitations)
      .where(and(lt(invitations.expiresAt, linksBefore), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id }),
    db
      .delete(outbox)
      .where(
        or(
          and(eq(outbox.status, 'sent'), isNotNull(outbox.sentAt), lt(outbox.sentAt, daysAgo(now, sentMailDays))),
          and(eq(outbox.status, 'failed'), lt(outbox.createdAt, daysAgo(now, failedMailDays))),
        ),
      )
      .returning({ id: outbox.id }),
  ]);
  const [expiredSessions, expiredLimits, resets, expiredInvitations, mails] = deleted.map((rows) => rows.length);
  return { sessions: expiredSessions!, rateLimits: expiredLimits!, passwordResets: resets!, invitations: expiredInvitations!, mails: mails! };
}

/** `cleanup.expired`: every hour, at minute 17 (away from the top of the hour other jobs like). */
export function defineCleanupJobs(jobs: Jobs, db: Database) {
  jobs.define('cleanup.expired', {
    schedule: '17 * * * *',
    pollingIntervalSeconds: 30,
    async handler() {
      await cleanUpExpired(db);
    },
  });
}
