import { and, asc, eq, inArray } from 'drizzle-orm';
import { visitPath } from '#app/domain/paths';
import { attendanceOf } from '#app/domain/visits/attendance';
import { followUpAt, isDue, nextFollowUpAt, reminderAt, reminderLeadMs } from '#app/domain/visits/reminders';
import { formatInParis } from '#app/domain/visits/time';
import type { Language } from '#app/i18n';
import { catalogueOf } from '#app/locales/catalogues.server';
import type { Jobs } from '#app/jobs/queue.server';
import { catalogueMail } from '#app/utils/mail.server';
import type { Executor, Transaction } from '#db/client';
import { poleMemberships, poles, users, visitBookings, visitParticipants, visits } from '#db/schema';
import { poleAdminsOf, uniqueRecipients, type Recipient } from './pairing-people.server';
import { hostAdmins, lockVisit, type VisitServices } from './visit-booking-mail.server';

/**
 * A visit's 48-hour reminder and its day-after follow-up, as pg-boss jobs (decision 011). Both are
 * asked for in the transaction that creates the visit or moves its start (`scheduleVisitJobs`): a
 * rolled-back act asks for nothing, a committed one cannot lose them (pg-boss keeps them in the
 * database, so a restart loses none).
 *
 * Each job carries the start it was asked for. Its handler runs in one transaction that locks the
 * visit's row (`lockVisit`, as every act on the visit does) and does nothing when the visit was
 * cancelled or moved since: a moved visit's old jobs fall silent, the jobs asked for with the move
 * take over. What was sent is written in the same transaction as its mails (`reminder_sent_for`,
 * `follow_up_sent_for`, `feedback_requested_at`), so a job that runs twice (a retry, two processes)
 * sends nothing twice.
 */

export const visitReminderJob = 'visit.reminder';
export const visitFollowUpJob = 'visit.follow-up';
/** What both jobs carry: the visit, and its start (ISO) when they were asked for. */
export type VisitJobData = { visitId: string; startsAt: string };

export type ReminderServices = VisitServices & { jobs: Pick<Jobs, 'send'> };

/**
 * In the transaction of the act that created the visit or moved its start: the reminder (unless
 * the visit is already less than 48 hours ahead, see reminders.ts) and the first follow-up.
 */
export async function scheduleVisitJobs(
  tx: Executor,
  jobs: Pick<Jobs, 'send'>,
  visit: { id: string; startsAt: Date; durationMinutes: number },
  now: Date = new Date(),
): Promise<void> {
  const data: VisitJobData = { visitId: visit.id, startsAt: visit.startsAt.toISOString() };
  const remindAt = reminderAt(visit.startsAt, now);
  if (remindAt) await jobs.send(visitReminderJob, data, { tx, startAfter: remindAt });
  await jobs.send(visitFollowUpJob, data, { tx, startAfter: followUpAt(visit) });
}

// ─── Reading, under the visit's lock ──────────────────────────────────────

/** The visit locked, with what the mails say of it; null when the job is stale (gone, cancelled, moved). */
async function lockCurrentVisit(tx: Transaction, data: VisitJobData) {
  const visit = await lockVisit(tx, data.visitId);
  if (!visit || visit.state !== 'scheduled' || visit.startsAt.getTime() !== Date.parse(data.startsAt)) return null;
  const [details] = await tx
    .select({
      durationMinutes: visits.durationMinutes,
      address: visits.address,
      town: visits.town,
      practical: visits.practical,
      accessibility: visits.accessibility,
      reminderSentFor: visits.reminderSentFor,
      followUpSentFor: visits.followUpSentFor,
    })
    .from(visits)
    .where(eq(visits.id, visit.id));
  return { ...visit, ...details! };
}
type CurrentVisit = NonNullable<Awaited<ReturnType<typeof lockCurrentVisit>>>;

/** The visit's confirmed bookings, with their participants (by name) and what the host marked of them. */
async function confirmedBookings(tx: Executor, visitId: string) {
  const rows = await tx
    .select({
      id: visitBookings.id,
      poleId: visitBookings.poleId,
      poleName: poles.name,
      bookedById: visitBookings.bookedById,
      feedbackRequestedAt: visitBookings.feedbackRequestedAt,
    })
    .from(visitBookings)
    .innerJoin(poles, eq(poles.id, visitBookings.poleId))
    .where(and(eq(visitBookings.visitId, visitId), eq(visitBookings.state, 'confirmed')))
    .orderBy(asc(visitBookings.position));
  if (rows.length === 0) return [];
  const participants = await tx
    .select({ bookingId: visitParticipants.bookingId, name: visitParticipants.name, attended: visitParticipants.attended })
    .from(visitParticipants)
    .where(
      inArray(
        visitParticipants.bookingId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(visitParticipants.name));
  return rows.map((row) => {
    const own = participants.filter((participant) => participant.bookingId === row.id);
    return {
      ...row,
      participants: own.map((participant) => participant.name),
      // The rule of attendance.ts: came when one participant at least was marked present.
      attendance: attendanceOf(own.map((participant) => participant.attended)),
    };
  });
}
type ConfirmedBooking = Awaited<ReturnType<typeof confirmedBookings>>[number];

/**
 * Who hears about each booking: its pole's admins, and the person who booked while still a member
 * of that pole (a booker who left it no longer gets its mails). Each person once per booking.
 */
async function bookingRecipients(tx: Executor, bookings: readonly ConfirmedBooking[]) {
  const admins = await poleAdminsOf(
    tx,
    bookings.map((booking) => booking.poleId),
  );
  const bookerIds = [...new Set(bookings.map((booking) => booking.bookedById).filter((id): id is string => id !== null))];
  const bookers =
    bookerIds.length === 0
      ? []
      : await tx
          .select({ userId: users.id, email: users.email, name: users.name, language: users.language, poleId: poleMemberships.poleId })
          .from(poleMemberships)
          .innerJoin(users, eq(users.id, poleMemberships.userId))
          .where(inArray(poleMemberships.userId, bookerIds));
  return (booking: ConfirmedBooking): Recipient[] =>
    uniqueRecipients(
      bookers.filter((person) => person.userId === booking.bookedById && person.poleId === booking.poleId),
      admins.filter((admin) => admin.poleId === booking.poleId),
    );
}

// ─── Writing the mails ────────────────────────────────────────────────────

type VisitTexts = ReturnType<typeof catalogueOf>['visits'];
type Composed = { subject: string; paragraphs: string[]; action: string; footer: string; path: string; values?: Record<string, string> };

/**
 * One mail per recipient, in the recipient's language, queued in the job's transaction. `compose`
 * picks the texts of that language; the values every visit mail uses are filled in here.
 */
async function queueMails(
  tx: Executor,
  services: Pick<VisitServices, 'mailer' | 'env'>,
  visit: CurrentVisit,
  recipients: readonly Recipient[],
  compose: (texts: VisitTexts, language: Language) => Composed,
): Promise<number> {
  const unique = uniqueRecipients(recipients);
  for (const recipient of unique) {
    const texts = catalogueOf(recipient.language).visits;
    const mail = compose(texts, recipient.language);
    const values = {
      name: recipient.name,
      visit: visit.title,
      host: visit.hostName,
      date: formatInParis(visit.startsAt, recipient.language),
      address: visit.address,
      town: visit.town,
      practical: visit.practical,
      accessibility: visit.accessibility,
      calendarUrl: absoluteUrl(services, visitPath(visit.id, 'calendrier')),
      attendanceUrl: absoluteUrl(services, visitPath(visit.id, 'presences')),
      ...mail.values,
    };
    await services.mailer.queue(
      tx,
      catalogueMail(
        recipient.email,
        { subject: mail.subject, greeting: texts.mail.greeting, paragraphs: mail.paragraphs, action: mail.action, footer: mail.footer },
        absoluteUrl(services, mail.path),
        values,
        recipient.language,
      ),
    );
  }
  return unique.length;
}

function absoluteUrl(services: Pick<VisitServices, 'env'>, path: string): string {
  return new URL(path, services.env.appUrl.origin).href;
}

/** Where the visit is and what to know before coming: the place, then what the host wrote, if anything. */
function practicalParagraphs(texts: VisitTexts, visit: CurrentVisit): string[] {
  return [
    texts.reminders.place,
    ...(visit.practical.trim() ? [texts.reminders.practical] : []),
    ...(visit.accessibility.trim() ? [texts.reminders.accessibility] : []),
  ];
}

// ─── The 48-hour reminder ─────────────────────────────────────────────────

export type ReminderOutcome =
  | { status: 'sent'; mails: number }
  /** The visit is gone, cancelled, or starts at another time than the job's. */
  | { status: 'stale' }
  | { status: 'already-sent' }
  /** The job ran after the visit started (the runner was down): a reminder would come too late. */
  | { status: 'too-late' }
  /** The job ran before its time: it was put back for then. */
  | { status: 'not-yet'; retryAt: Date };

/**
 * The `visit.reminder` job, at `now`: the host's admins hear how many confirmed participants come,
 * with the attendance page; each confirmed booking's pole hears it for its participants, who have
 * no accounts (their names are listed). Everyone gets the time in Paris, the place, the practical
 * information and the calendar file.
 */
export async function sendVisitReminder(services: ReminderServices, input: VisitJobData & { now?: Date }): Promise<ReminderOutcome> {
  const now = input.now ?? new Date();
  const data: VisitJobData = { visitId: input.visitId, startsAt: input.startsAt };
  return services.db.transaction(async (tx): Promise<ReminderOutcome> => {
    const visit = await lockCurrentVisit(tx, data);
    if (!visit) return { status: 'stale' };
    if (visit.reminderSentFor?.getTime() === visit.startsAt.getTime()) return { status: 'already-sent' };
    const due = new Date(visit.startsAt.getTime() - reminderLeadMs);
    if (!isDue(due, now)) {
      await services.jobs.send(visitReminderJob, data, { tx, startAfter: due });
      return { status: 'not-yet', retryAt: due };
    }
    if (now.getTime() >= visit.startsAt.getTime()) return { status: 'too-late' };

    const bookings = await confirmedBookings(tx, visit.id);
    const participantCount = bookings.reduce((sum, booking) => sum + booking.participants.length, 0);
    let mails = await queueMails(tx, services, visit, await hostAdmins(tx, visit), (texts) => ({
      subject: texts.reminders.host.subject,
      paragraphs: [
        bookings.length > 0 ? texts.reminders.host.body : texts.reminders.host.bodyNone,
        ...practicalParagraphs(texts, visit),
        texts.reminders.host.attendance,
        texts.reminders.calendar,
      ],
      action: texts.mail.action,
      footer: texts.mail.hostFooter,
      path: visitPath(visit.id),
      values: {
        participants: String(participantCount),
        poles: String(bookings.length),
        poleNames: bookings.map((booking) => booking.poleName).join(', '),
      },
    }));
    const recipientsOf = await bookingRecipients(tx, bookings);
    for (const booking of bookings) {
      mails += await queueMails(tx, services, visit, recipientsOf(booking), (texts) => ({
        subject: texts.reminders.guest.subject,
        paragraphs: [texts.reminders.guest.body, ...practicalParagraphs(texts, visit), texts.reminders.calendar],
        action: texts.mail.action,
        footer: texts.reminders.guestFooter,
        path: visitPath(visit.id),
        values: { pole: booking.poleName, participants: booking.participants.join(', ') },
      }));
    }
    await tx.update(visits).set({ reminderSentFor: visit.startsAt }).where(eq(visits.id, visit.id));
    return { status: 'sent', mails };
  });
}

// ─── The day-after follow-up ──────────────────────────────────────────────

export type FollowUpOutcome =
  | { status: 'stale' }
  | { status: 'not-yet'; retryAt: Date }
  /**
   * `feedbackRequests`: bookings asked for their feedback by this run; `nudged`: the host was asked
   * to mark the attendance; `nextAt`: when the follow-up comes back (attendance still to mark), or null.
   */
  | { status: 'done'; feedbackRequests: number; nudged: boolean; nextAt: Date | null };

/**
 * The `visit.follow-up` job, at `now`. Each confirmed booking that came (one of its participants
 * attended) and was not asked yet is asked for its feedback (`feedback_requested_at`). While some
 * confirmed booking's attendance is unmarked, the host's admins are asked once to mark it
 * (`follow_up_sent_for`), and the job comes back the next morning, for 14 days after the visit at
 * most: the feedback requests go out the morning after the host marks who came.
 */
export async function followUpVisit(services: ReminderServices, input: VisitJobData & { now?: Date }): Promise<FollowUpOutcome> {
  const now = input.now ?? new Date();
  const data: VisitJobData = { visitId: input.visitId, startsAt: input.startsAt };
  return services.db.transaction(async (tx): Promise<FollowUpOutcome> => {
    const visit = await lockCurrentVisit(tx, data);
    if (!visit) return { status: 'stale' };
    const due = followUpAt(visit);
    if (!isDue(due, now)) {
      // The duration grew since the job was asked for: the day after the visit is later.
      await services.jobs.send(visitFollowUpJob, data, { tx, startAfter: due });
      return { status: 'not-yet', retryAt: due };
    }

    const bookings = await confirmedBookings(tx, visit.id);
    const toAsk = bookings.filter((booking) => booking.attendance === 'came' && booking.feedbackRequestedAt === null);
    const recipientsOf = await bookingRecipients(tx, toAsk);
    for (const booking of toAsk) {
      await queueMails(tx, services, visit, recipientsOf(booking), (texts) => ({
        subject: texts.reminders.feedback.subject,
        paragraphs: [texts.reminders.feedback.body],
        action: texts.reminders.feedback.action,
        footer: texts.reminders.guestFooter,
        path: visitPath(visit.id, 'avis'),
        values: { pole: booking.poleName },
      }));
    }
    if (toAsk.length > 0) {
      await tx
        .update(visitBookings)
        .set({ feedbackRequestedAt: now })
        .where(
          inArray(
            visitBookings.id,
            toAsk.map((booking) => booking.id),
          ),
        );
    }

    const unmarked = bookings.some((booking) => booking.attendance === 'unmarked');
    const nudged = unmarked && visit.followUpSentFor?.getTime() !== visit.startsAt.getTime();
    if (nudged) {
      await queueMails(tx, services, visit, await hostAdmins(tx, visit), (texts) => ({
        subject: texts.reminders.attendance.subject,
        paragraphs: [texts.reminders.attendance.body],
        action: texts.reminders.attendance.action,
        footer: texts.mail.hostFooter,
        path: visitPath(visit.id, 'presences'),
      }));
      await tx.update(visits).set({ followUpSentFor: visit.startsAt }).where(eq(visits.id, visit.id));
    }
    const nextAt = unmarked ? nextFollowUpAt(visit, now) : null;
    if (nextAt) {
      // A run retried after its commit (a crash before pg-boss heard of it) asks again: the key
      // and half-day slot keep that to one job, so the chain never doubles.
      await services.jobs.send(visitFollowUpJob, data, {
        tx,
        startAfter: nextAt,
        singletonKey: `${visit.id}:${visit.startsAt.toISOString()}`,
        singletonSeconds: 12 * 60 * 60,
      });
    }
    return { status: 'done', feedbackRequests: toAsk.length, nudged, nextAt };
  });
}
