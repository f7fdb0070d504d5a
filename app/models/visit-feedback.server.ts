import { and, asc, count, eq, inArray, lte } from 'drizzle-orm';
import { attendanceOf, feedbackRefusal, ratingSummary, type FeedbackInput, type FeedbackRefusal } from '#app/domain/visits/attendance';
import { hasStarted } from '#app/domain/visits/booking';
import { allowed, type Actor } from '#app/utils/permissions.server';
import type { Database, Executor } from '#db/client';
import { poles, visitBookings, visitFeedback, visitParticipants, visits } from '#db/schema';
import { cameCondition, type AfterVisitHeading } from './visit-attendance.server';
import { lockVisit } from './visit-booking-mail.server';

/**
 * What the poles that came say of a learning visit (rules: app/domain/visits/attendance.ts): one
 * feedback per booking, given once, read by the host pole and the region's coordinators; and a
 * pole's hosting record for its public page (visits hosted, average rating). Feedback names the
 * pole that gives it, never its participants. Rights are the caller's check, except
 * `afterVisitLinks`, which only shapes the visit page's links.
 */

type VisitTiming = Pick<AfterVisitHeading, 'id' | 'state' | 'startsAt'>;

export type FeedbackEntry = {
  bookingId: string;
  pole: { name: string; slug: string };
  rating: number;
  learned: string;
  willApply: string;
  createdAt: Date;
};

async function feedbackWhere(db: Executor, visitId: string, bookingIds?: readonly string[]): Promise<FeedbackEntry[]> {
  if (bookingIds?.length === 0) return [];
  return db
    .select({
      bookingId: visitFeedback.bookingId,
      pole: { name: poles.name, slug: poles.slug },
      rating: visitFeedback.rating,
      learned: visitFeedback.learned,
      willApply: visitFeedback.willApply,
      createdAt: visitFeedback.createdAt,
    })
    .from(visitFeedback)
    .innerJoin(visitBookings, eq(visitBookings.id, visitFeedback.bookingId))
    .innerJoin(poles, eq(poles.id, visitBookings.poleId))
    .where(and(eq(visitBookings.visitId, visitId), bookingIds ? inArray(visitFeedback.bookingId, [...bookingIds]) : undefined))
    .orderBy(asc(visitFeedback.createdAt), asc(poles.name));
}

/** Every feedback on the visit, oldest first, with the average: for `visit:read-feedback` holders. */
export async function feedbackOfVisit(db: Executor, visitId: string) {
  const entries = await feedbackWhere(db, visitId);
  return { entries, summary: ratingSummary(entries.map((entry) => entry.rating)) };
}

export type OwnBooking = {
  id: string;
  pole: { id: string; name: string };
  attendance: 'came' | 'absent' | 'unmarked';
  feedback: FeedbackEntry | null;
  /** Why the form is not offered now (null: it is). */
  refusal: FeedbackRefusal | null;
};

/** The confirmed bookings of these poles (the viewer's own) for the visit: whether each came, its feedback, whether it may give one now. */
export async function ownFeedbackBookings(db: Executor, visit: VisitTiming, poleIds: readonly string[], now: Date): Promise<OwnBooking[]> {
  if (poleIds.length === 0) return [];
  const bookings = await db
    .select({ id: visitBookings.id, pole: { id: poles.id, name: poles.name } })
    .from(visitBookings)
    .innerJoin(poles, eq(poles.id, visitBookings.poleId))
    .where(and(eq(visitBookings.visitId, visit.id), eq(visitBookings.state, 'confirmed'), inArray(visitBookings.poleId, [...poleIds])))
    .orderBy(asc(poles.name));
  if (bookings.length === 0) return [];
  const ids = bookings.map((booking) => booking.id);
  const [marks, given] = await Promise.all([
    db
      .select({ bookingId: visitParticipants.bookingId, attended: visitParticipants.attended })
      .from(visitParticipants)
      .where(inArray(visitParticipants.bookingId, ids)),
    feedbackWhere(db, visit.id, ids),
  ]);
  return bookings.map((booking) => {
    const attendance = attendanceOf(marks.filter((mark) => mark.bookingId === booking.id).map((mark) => mark.attended));
    const feedback = given.find((entry) => entry.bookingId === booking.id) ?? null;
    return { ...booking, attendance, feedback, refusal: feedbackRefusal({ visit, came: attendance === 'came', given: feedback !== null, now }) };
  });
}

export type FeedbackOutcome = { status: 'given' } | { status: 'refused'; reason: FeedbackRefusal } | { status: 'not-found' };

/**
 * A member of a pole that came gives its feedback, once: in one transaction under the visit's
 * lock (then the booking's), the booking is confirmed and of this visit, it came and has given
 * none, and the window is open; two members sending at once make one feedback (the second is told
 * it was given), the primary key being the backstop.
 */
export async function giveFeedback(
  services: { db: Database },
  input: { visitId: string; bookingId: string; actorId: string; feedback: FeedbackInput; now?: Date },
): Promise<FeedbackOutcome> {
  const now = input.now ?? new Date();
  return services.db.transaction(async (tx): Promise<FeedbackOutcome> => {
    const visit = await lockVisit(tx, input.visitId);
    if (!visit) return { status: 'not-found' };
    const [booking] = await tx
      .select({ id: visitBookings.id })
      .from(visitBookings)
      .where(and(eq(visitBookings.id, input.bookingId), eq(visitBookings.visitId, visit.id), eq(visitBookings.state, 'confirmed')))
      .for('update');
    if (!booking) return { status: 'not-found' };
    const [marks] = await tx.select({ came: cameCondition() }).from(visitBookings).where(eq(visitBookings.id, booking.id));
    const [given] = await tx.select({ bookingId: visitFeedback.bookingId }).from(visitFeedback).where(eq(visitFeedback.bookingId, booking.id));
    const refusal = feedbackRefusal({ visit, came: marks?.came === true, given: given !== undefined, now });
    if (refusal) return { status: 'refused', reason: refusal };
    const inserted = await tx
      .insert(visitFeedback)
      .values({ bookingId: booking.id, authorId: input.actorId, createdAt: now, ...input.feedback })
      .onConflictDoNothing()
      .returning({ bookingId: visitFeedback.bookingId });
    return inserted.length > 0 ? { status: 'given' } : { status: 'refused', reason: 'already-given' };
  });
}

/**
 * A pole's record as a host, for its public page: the visits it has hosted (scheduled, already
 * started) and the average rating of the feedback on its visits, with how many there are.
 */
export async function hostingRecord(db: Executor, poleId: string, now = new Date()) {
  const [[hosted], ratings] = await Promise.all([
    db
      .select({ total: count() })
      .from(visits)
      .where(and(eq(visits.poleId, poleId), eq(visits.state, 'scheduled'), lte(visits.startsAt, now))),
    db
      .select({ rating: visitFeedback.rating })
      .from(visitFeedback)
      .innerJoin(visitBookings, eq(visitBookings.id, visitFeedback.bookingId))
      .innerJoin(visits, eq(visits.id, visitBookings.visitId))
      .where(and(eq(visits.poleId, poleId), eq(visits.state, 'scheduled'))),
  ]);
  return { hosted: hosted?.total ?? 0, rating: ratingSummary(ratings.map((row) => row.rating)) };
}
export type HostingRecord = Awaited<ReturnType<typeof hostingRecord>>;

/** Which of the « after the visit » links the visit page shows this person (null: none). */
export type AfterVisitLinks = {
  /** The host: the printable sheet, at any time. */
  sheet: boolean;
  /** The host: marking attendance, once the visit has started ('soon' before). */
  attendance: 'open' | 'soon' | null;
  /** Reading every feedback (host, coordinators) or giving one's own (a pole that came). */
  feedback: 'read' | 'give' | null;
};

export async function afterVisitLinks(
  db: Executor,
  actor: Actor | null,
  visit: VisitTiming & { host: { id: string; regionCode: string } },
  now: Date,
): Promise<AfterVisitLinks | null> {
  if (!actor || visit.state === 'cancelled') return null;
  const hosted = { poleId: visit.host.id };
  const isHost = allowed(actor, { action: 'visit:host', visit: hosted });
  const started = hasStarted(visit, now);
  let feedback: AfterVisitLinks['feedback'] = null;
  if (started && allowed(actor, { action: 'visit:read-feedback', visit: { ...hosted, regionCode: visit.host.regionCode } })) feedback = 'read';
  else if (started) {
    const guestPoles = [...actor.poleRoles.keys()].filter((poleId) => poleId !== visit.host.id);
    const own = await ownFeedbackBookings(db, visit, guestPoles, now);
    if (own.some((booking) => booking.attendance === 'came')) feedback = 'give';
  }
  if (!isHost && !feedback) return null;
  return { sheet: isHost, attendance: isHost ? (started ? 'open' : 'soon') : null, feedback };
}
