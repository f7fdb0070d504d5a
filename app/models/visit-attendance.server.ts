import { and, asc, eq, getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import { attendanceRefusal, type AttendanceRefusal } from '#app/domain/visits/attendance';
import type { Database, Executor } from '#db/client';
import { poles, visitBookings, visitParticipants, visits } from '#db/schema';
import { recordAudit } from './audit.server';
import { lockVisit } from './visit-booking-mail.server';

/**
 * Who came to a learning visit (rules: app/domain/visits/attendance.ts): the host's list of the
 * confirmed bookings' participants, and the act that marks them, under the visit row's lock like
 * every act on a visit's bookings. Only the host may read these names: the caller checks
 * `visit:host` first.
 */

/** A column named with its table, wherever the SQL sits (drizzle leaves select fields unqualified). */
function qualified(table: typeof visitBookings | typeof visitParticipants, column: { name: string }): SQL {
  return sql`${sql.identifier(getTableName(table))}.${sql.identifier(column.name)}`;
}

/**
 * SQL: the `visit_bookings` row of the query came, i.e. one of its participants at least is marked
 * present. The rule of `bookingCame` in the domain, for queries and the day-after job.
 */
export function cameCondition(): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${visitParticipants} where ${qualified(visitParticipants, visitParticipants.bookingId)} = ${qualified(visitBookings, visitBookings.id)} and ${qualified(visitParticipants, visitParticipants.attended)} = true)`;
}

/** What the pages after a visit show of it (title, date, place, host); null when unknown. */
export async function afterVisitHeading(db: Executor, visitId: string) {
  const [row] = await db
    .select({
      id: visits.id,
      title: visits.title,
      startsAt: visits.startsAt,
      durationMinutes: visits.durationMinutes,
      address: visits.address,
      town: visits.town,
      state: visits.state,
      host: { id: poles.id, name: poles.name, slug: poles.slug, regionCode: poles.regionCode },
    })
    .from(visits)
    .innerJoin(poles, eq(poles.id, visits.poleId))
    .where(eq(visits.id, visitId));
  return row ?? null;
}
export type AfterVisitHeading = NonNullable<Awaited<ReturnType<typeof afterVisitHeading>>>;

export type SheetParticipant = { id: string; name: string; attended: boolean | null };
export type SheetBooking = { id: string; pole: { id: string; name: string }; participants: SheetParticipant[] };

/** The confirmed bookings of the visit, by pole name, each with its participants and their marks: for the host only. */
export async function attendanceSheet(db: Executor, visitId: string): Promise<SheetBooking[]> {
  const bookings = await db
    .select({ id: visitBookings.id, pole: { id: poles.id, name: poles.name } })
    .from(visitBookings)
    .innerJoin(poles, eq(poles.id, visitBookings.poleId))
    .where(and(eq(visitBookings.visitId, visitId), eq(visitBookings.state, 'confirmed')))
    .orderBy(asc(poles.name), asc(visitBookings.position));
  if (bookings.length === 0) return [];
  const participants = await db
    .select({ id: visitParticipants.id, bookingId: visitParticipants.bookingId, name: visitParticipants.name, attended: visitParticipants.attended })
    .from(visitParticipants)
    .where(
      inArray(
        visitParticipants.bookingId,
        bookings.map((booking) => booking.id),
      ),
    )
    .orderBy(asc(visitParticipants.name), asc(visitParticipants.id));
  return bookings.map((booking) => ({
    ...booking,
    participants: participants.filter((participant) => participant.bookingId === booking.id).map(({ bookingId: _bookingId, ...participant }) => participant),
  }));
}

export type AttendanceCounts = { present: number; absent: number; unmarked: number };

/** How many participants of the visit's confirmed bookings are marked present, absent, or not yet. */
export async function attendanceCounts(db: Executor, visitId: string): Promise<AttendanceCounts> {
  const [row] = await db
    .select({
      present: sql<number>`count(*) filter (where ${visitParticipants.attended} = true)::int`,
      absent: sql<number>`count(*) filter (where ${visitParticipants.attended} = false)::int`,
      unmarked: sql<number>`count(*) filter (where ${visitParticipants.attended} is null)::int`,
    })
    .from(visitParticipants)
    .innerJoin(visitBookings, eq(visitBookings.id, visitParticipants.bookingId))
    .where(and(eq(visitBookings.visitId, visitId), eq(visitBookings.state, 'confirmed')));
  return { present: Number(row?.present ?? 0), absent: Number(row?.absent ?? 0), unmarked: Number(row?.unmarked ?? 0) };
}

export type AttendanceOutcome =
  | ({ status: 'saved' } & AttendanceCounts)
  | { status: 'refused'; reason: AttendanceRefusal }
  /** A participant is not (any more) on a confirmed booking of this visit: nothing was written. */
  | { status: 'participants-changed' }
  | { status: 'not-found' };

/**
 * The host marks who came, in one transaction under the visit's lock (a booking cancelled at the
 * same moment is seen): every mark names a participant of a confirmed booking of THIS visit, or
 * nothing is written. The audit event keeps the counts after the act.
 */
export async function markAttendance(
  services: { db: Database },
  input: { visitId: string; actorId: string; marks: ReadonlyArray<{ id: string; attended: boolean }>; now?: Date },
): Promise<AttendanceOutcome> {
  const now = input.now ?? new Date();
  return services.db.transaction(async (tx): Promise<AttendanceOutcome> => {
    const visit = await lockVisit(tx, input.visitId);
    if (!visit) return { status: 'not-found' };
    const refusal = attendanceRefusal(visit, now);
    if (refusal) return { status: 'refused', reason: refusal };
    const marks = new Map(input.marks.map((mark) => [mark.id, mark.attended]));
    if (marks.size === 0) return { status: 'participants-changed' };
    const known = await tx
      .select({ id: visitParticipants.id })
      .from(visitParticipants)
      .innerJoin(visitBookings, eq(visitBookings.id, visitParticipants.bookingId))
      .where(and(inArray(visitParticipants.id, [...marks.keys()]), eq(visitBookings.visitId, visit.id), eq(visitBookings.state, 'confirmed')));
    if (known.length !== marks.size) return { status: 'participants-changed' };
    for (const attended of [true, false]) {
      const ids = [...marks].filter(([, mark]) => mark === attended).map(([id]) => id);
      if (ids.length > 0) await tx.update(visitParticipants).set({ attended }).where(inArray(visitParticipants.id, ids));
    }
    const counts = await attendanceCounts(tx, visit.id);
    const [host] = await tx.select({ regionCode: poles.regionCode }).from(poles).where(eq(poles.id, visit.poleId));
    await recordAudit(tx, {
      action: 'visit.attendance-marked',
      actorId: input.actorId,
      subject: { type: 'visit', id: visit.id },
      regionCode: host?.regionCode ?? null,
      data: { present: counts.present, absent: counts.absent },
    });
    return { status: 'saved', ...counts };
  });
}
