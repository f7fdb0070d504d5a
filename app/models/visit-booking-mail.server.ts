import { and, eq, inArray, sql } from 'drizzle-orm';
import { fillThreshold, seatHoldingStates } from '#app/domain/visits/booking';
import { visitPath } from '#app/domain/paths';
import { formatInParis } from '#app/domain/visits/time';
import { catalogueOf } from '#app/locales/catalogues.server';
import { catalogueMail, type Mailer } from '#app/utils/mail.server';
import type { Logger } from '#app/utils/logger.server';
import type { Realtime } from '#app/utils/realtime.server';
import type { Database, Executor, Transaction } from '#db/client';
import { poles, visitBookings, visits } from '#db/schema';
import { poleAdminsOf, uniqueRecipients, type Recipient } from './pairing-people.server';

/**
 * What the booking acts need: the database, the outbox, the app's address for the links, and the
 * realtime service that tells a visit's watchers its seats once an act has committed.
 */
export type VisitServices = {
  db: Database;
  mailer: Pick<Mailer, 'queue'>;
  env: { appUrl: URL };
  /** `recheck`: a booking cancelled or declined takes its pole's sockets out of the visit's thread. */
  realtime: Pick<Realtime, 'publish' | 'recheck'>;
  logger: Pick<Logger, 'error'>;
};

/**
 * The visit's row, locked `for update` for the rest of the transaction: every act on its bookings
 * takes this lock first, so they run one after the other for one visit and count seats after it.
 * Null when there is no such visit.
 */
export async function lockVisit(tx: Transaction, visitId: string) {
  // The host's name rides along (one statement, one round trip fewer under the lock); only the
  // visit's row is locked (`for update of visits`), never the pole's.
  const [visit] = await tx
    .select({
      id: visits.id,
      poleId: visits.poleId,
      title: visits.title,
      seats: visits.seats,
      state: visits.state,
      startsAt: visits.startsAt,
      bookingDeadline: visits.bookingDeadline,
      bookingMode: visits.bookingMode,
      fillNoticePercent: visits.fillNoticePercent,
      hostName: poles.name,
    })
    .from(visits)
    .innerJoin(poles, eq(poles.id, visits.poleId))
    .where(eq(visits.id, visitId))
    .for('update', { of: visits });
  return visit ?? null;
}
export type LockedVisit = NonNullable<Awaited<ReturnType<typeof lockVisit>>>;

/** Seats held by the visit's pending and confirmed bookings, as committed now. */
export async function countSeatsTaken(db: Executor, visitId: string): Promise<number> {
  const [row] = await db
    .select({ taken: sql<number>`coalesce(sum(${visitBookings.seats}), 0)::int` })
    .from(visitBookings)
    .where(and(eq(visitBookings.visitId, visitId), inArray(visitBookings.state, [...seatHoldingStates])));
  return Number(row?.taken ?? 0);
}

type VisitMailKind = keyof ReturnType<typeof catalogueOf>['visits']['mail']['kinds'];

/**
 * Queues one mail per recipient in the act's transaction, each in the recipient's language:
 * nothing leaves for an act that rolls back. `audience` chooses the footer (the booking pole's
 * admins or the host's); `reason` (a person's words) and `leaveUrl` are paragraphs of their own.
 */
export async function mailVisit(
  tx: Executor,
  services: Pick<VisitServices, 'mailer' | 'env'>,
  input: {
    recipients: readonly Recipient[];
    kind: VisitMailKind;
    audience: 'guest' | 'host';
    visit: LockedVisit;
    values?: Record<string, string>;
    reason?: string | null;
    leaveUrl?: string;
  },
): Promise<void> {
  const url = new URL(visitPath(input.visit.id), services.env.appUrl.origin).href;
  for (const recipient of uniqueRecipients(input.recipients)) {
    const mail = catalogueOf(recipient.language).visits.mail;
    const texts = mail.kinds[input.kind];
    const paragraphs = [texts.body, ...(input.reason ? [mail.reason] : []), ...(input.leaveUrl ? [mail.leave] : [])];
    const values = {
      name: recipient.name,
      visit: input.visit.title,
      host: input.visit.hostName,
      date: formatInParis(input.visit.startsAt, recipient.language, 'long'),
      seats: String(input.visit.seats),
      reason: input.reason ?? '',
      leaveUrl: input.leaveUrl ?? '',
      ...input.values,
    };
    const footer = input.audience === 'guest' ? mail.guestFooter : mail.hostFooter;
    await services.mailer.queue(
      tx,
      catalogueMail(
        recipient.email,
        { subject: texts.subject, greeting: mail.greeting, paragraphs, action: mail.action, footer },
        url,
        values,
        recipient.language,
      ),
    );
  }
}

/** The admins of the host pole. */
export function hostAdmins(tx: Executor, visit: LockedVisit): Promise<Recipient[]> {
  return poleAdminsOf(tx, [visit.poleId]);
}

/**
 * After seats were taken: when the share taken crosses 50, 80 or 100 % for the first time, the
 * visit remembers it and the host's admins are told (each threshold once; the highest one crossed
 * when an act crosses several).
 */
export async function tellFill(tx: Transaction, services: Pick<VisitServices, 'mailer' | 'env'>, visit: LockedVisit, taken: number): Promise<void> {
  const threshold = fillThreshold(visit.fillNoticePercent, taken, visit.seats);
  if (threshold === null) return;
  await tx.update(visits).set({ fillNoticePercent: threshold }).where(eq(visits.id, visit.id));
  visit.fillNoticePercent = threshold;
  await mailVisit(tx, services, {
    recipients: await hostAdmins(tx, visit),
    kind: `fill${threshold}`,
    audience: 'host',
    visit,
    values: { taken: String(taken) },
  });
}
