import { and, asc, eq, inArray } from 'drizzle-orm';
import type { BookingState } from '#app/domain/visits/booking';
import type { Executor } from '#db/client';
import { poles, regions, topics, visitBookings, visitParticipants, visits, visitTopics } from '#db/schema';
import { bookingStanding, visitAvailability } from './visit-bookings.server';

/**
 * What the visit page reads. The public facts and the seat counts carry no participant's name;
 * names come only from `bookingsOfPoles` (the viewer's own poles) and `hostBookings` (the host),
 * which the route calls after checking the viewer's rights.
 */

/** The public facts of a visit, with its seats left and waiting count; null when unknown. */
export async function getVisitPage(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: visits.id,
      title: visits.title,
      programme: visits.programme,
      startsAt: visits.startsAt,
      durationMinutes: visits.durationMinutes,
      address: visits.address,
      town: visits.town,
      latitude: visits.latitude,
      longitude: visits.longitude,
      seats: visits.seats,
      bookingDeadline: visits.bookingDeadline,
      bookingMode: visits.bookingMode,
      accessibility: visits.accessibility,
      practical: visits.practical,
      costs: visits.costs,
      costsNote: visits.costsNote,
      state: visits.state,
      cancelReason: visits.cancelReason,
      offerId: visits.offerId,
      twinningId: visits.twinningId,
      host: { id: poles.id, name: poles.name, slug: poles.slug, regionCode: poles.regionCode, regionName: regions.name, regionNameEn: regions.nameEn },
    })
    .from(visits)
    .innerJoin(poles, eq(poles.id, visits.poleId))
    .innerJoin(regions, eq(regions.code, poles.regionCode))
    .where(eq(visits.id, id));
  if (!row) return null;
  const topicRows = await db
    .select({ slug: topics.slug, name: topics.name, nameEn: topics.nameEn })
    .from(visitTopics)
    .innerJoin(topics, eq(topics.slug, visitTopics.topicSlug))
    .where(eq(visitTopics.visitId, id))
    .orderBy(asc(topics.name));
  const availability = (await visitAvailability(db, id)) ?? { seats: row.seats, taken: 0, free: row.seats, waiting: 0 };
  return { ...row, topics: topicRows, availability };
}
export type VisitPage = NonNullable<Awaited<ReturnType<typeof getVisitPage>>>;

export type PageBooking = {
  id: string;
  pole: { id: string; name: string; slug: string };
  state: BookingState;
  seats: number;
  /** The current rank in the waiting list (1 = next) when waiting. */
  waitingPosition: number | null;
  cancelReason: string | null;
  participants: string[];
};

async function bookingsWhere(db: Executor, visitId: string, poleIds: readonly string[] | null): Promise<PageBooking[]> {
  if (poleIds !== null && poleIds.length === 0) return [];
  const rows = await db
    .select({
      id: visitBookings.id,
      pole: { id: poles.id, name: poles.name, slug: poles.slug },
      state: visitBookings.state,
      seats: visitBookings.seats,
      cancelReason: visitBookings.cancelReason,
    })
    .from(visitBookings)
    .innerJoin(poles, eq(poles.id, visitBookings.poleId))
    .where(and(eq(visitBookings.visitId, visitId), poleIds === null ? undefined : inArray(visitBookings.poleId, [...poleIds])))
    .orderBy(asc(visitBookings.position));
  if (rows.length === 0) return [];
  const names = await db
    .select({ bookingId: visitParticipants.bookingId, name: visitParticipants.name })
    .from(visitParticipants)
    .where(
      inArray(
        visitParticipants.bookingId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(visitParticipants.name));
  const result: PageBooking[] = [];
  for (const row of rows) {
    const standing = row.state === 'waiting' ? await bookingStanding(db, row.id) : null;
    result.push({
      ...row,
      waitingPosition: standing?.position ?? null,
      participants: names.filter((entry) => entry.bookingId === row.id).map((entry) => entry.name),
    });
  }
  return result;
}

/** The bookings of these poles (the viewer's own) for the visit, newest state and waiting rank included. */
export function bookingsOfPoles(db: Executor, visitId: string, poleIds: readonly string[]): Promise<PageBooking[]> {
  return bookingsWhere(db, visitId, poleIds);
}

/** Every booking of the visit with its pole and participants: for the host only. */
export function hostBookings(db: Executor, visitId: string): Promise<PageBooking[]> {
  return bookingsWhere(db, visitId, null);
}

/** The visit's host and seats, to check a right and validate a form before acting on it; null when unknown. */
export async function findVisitRef(db: Executor, visitId: string) {
  const [row] = await db.select({ id: visits.id, poleId: visits.poleId, seats: visits.seats }).from(visits).where(eq(visits.id, visitId));
  return row ?? null;
}

/** The booking's visit and pole, to check a right before acting on it; null when unknown. */
export async function findBookingRef(db: Executor, bookingId: string) {
  const [row] = await db
    .select({ id: visitBookings.id, visitId: visitBookings.visitId, poleId: visitBookings.poleId, state: visitBookings.state })
    .from(visitBookings)
    .where(eq(visitBookings.id, bookingId));
  return row ?? null;
}

/** The validated and not-validated poles the person belongs to, to book for. */
export async function polesOf(db: Executor, poleIds: readonly string[]) {
  if (poleIds.length === 0) return [];
  const rows = await db
    .select({ id: poles.id, name: poles.name, regionCode: poles.regionCode, verifiedAt: poles.verifiedAt })
    .from(poles)
    .where(inArray(poles.id, [...poleIds]))
    .orderBy(asc(poles.name));
  return rows.map(({ verifiedAt, ...pole }) => ({ ...pole, verified: verifiedAt !== null }));
}

/** What a « leave the waiting list » link points at, without changing anything; null when unknown. */
export async function waitingBookingOfToken(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({
      bookingId: visitBookings.id,
      state: visitBookings.state,
      visitId: visits.id,
      visitTitle: visits.title,
      startsAt: visits.startsAt,
      poleName: poles.name,
    })
    .from(visitBookings)
    .innerJoin(visits, eq(visits.id, visitBookings.visitId))
    .innerJoin(poles, eq(poles.id, visitBookings.poleId))
    .where(eq(visitBookings.leaveTokenHash, tokenHash));
  if (!row) return null;
  const standing = row.state === 'waiting' ? await bookingStanding(db, row.bookingId) : null;
  return { ...row, waitingPosition: standing?.position ?? null };
}
