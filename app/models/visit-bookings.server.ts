import { and, asc, count, eq, inArray, lte, sql } from 'drizzle-orm';
import {
  bookingRefusal,
  hasStarted,
  liveBookingStates,
  placeFor,
  promotionsAfterRelease,
  seatHoldingStates,
  type BookingState,
  type RefusalReason,
} from '#app/domain/visits/booking';
import { leaveWaitingListPath } from '#app/domain/paths';
import { generateToken, hashToken } from '#app/utils/crypto.server';
import { violatesUnique } from '#app/utils/db-errors.server';
import { rooms } from '#app/utils/realtime.server';
import type { Executor, Transaction } from '#db/client';
import { poles, visitBookings, visitParticipants, visits } from '#db/schema';
import { poleAdminsOf, type Recipient } from './pairing-people.server';
import { countSeatsTaken, hostAdmins, lockVisit, mailVisit, tellFill, type LockedVisit, type VisitServices } from './visit-booking-mail.server';

/**
 * The booking acts of a learning visit (rules: app/domain/visits/booking.ts). Each is ONE
 * transaction that first locks the visit's row (`select … for update`) and counts the seats taken
 * AFTER that lock, as ticketing systems do: on one visit, bookings, cancellations, declines and
 * promotions run one after the other, each seeing every act committed before it. Locks are always
 * taken visit row first, then booking rows, so two acts never wait for each other in a circle.
 * Whether the person may act for the pole is checked by the caller (permissions).
 */

export type { VisitServices } from './visit-booking-mail.server';

const isSeatHolding = (state: BookingState) => (seatHoldingStates as readonly BookingState[]).includes(state);
const isLive = (state: BookingState) => (liveBookingStates as readonly BookingState[]).includes(state);

/** The rank (1 = next) of a waiting booking in its visit's waiting list. */
async function rankOf(db: Executor, visitId: string, position: number): Promise<number> {
  const [row] = await db
    .select({ ahead: count() })
    .from(visitBookings)
    .where(and(eq(visitBookings.visitId, visitId), eq(visitBookings.state, 'waiting'), lte(visitBookings.position, position)));
  return row?.ahead ?? 0;
}

/** A list of booking states as SQL parameters, for `state in (…)` inside `sql`. */
const stateList = (list: readonly BookingState[]) =>
  sql.join(
    list.map((state) => sql`${state}`),
    sql`, `,
  );

/** In one statement: the seats the visit's live bookings hold, and whether this pole has a live booking already. */
async function seatsAndLiveBookingOf(tx: Transaction, visitId: string, poleId: string) {
  const [row] = await tx
    .select({
      taken: sql<number>`coalesce(sum(${visitBookings.seats}) filter (where ${visitBookings.state} in (${stateList(seatHoldingStates)})), 0)::int`,
      alreadyBooked: sql<boolean>`coalesce(bool_or(${visitBookings.poleId} = ${poleId} and ${visitBookings.state} in (${stateList(liveBookingStates)})), false)`,
    })
    .from(visitBookings)
    .where(eq(visitBookings.visitId, visitId));
  return { taken: Number(row?.taken ?? 0), alreadyBooked: row?.alreadyBooked === true };
}

async function poleName(db: Executor, poleId: string): Promise<string> {
  const [pole] = await db.select({ name: poles.name }).from(poles).where(eq(poles.id, poleId));
  return pole?.name ?? '';
}

// ─── Booking ──────────────────────────────────────────────────────────────

export type BookingOutcome =
  | { status: 'confirmed' | 'pending'; bookingId: string }
  /** `position`: the rank in the waiting list (1 = next) when the booking was made. */
  | { status: 'waiting'; bookingId: string; position: number }
  | { status: 'refused'; reason: RefusalReason }
  | { status: 'not-found' };

export type BookingRequest = { visitId: string; poleId: string; actorId: string; participants: readonly string[]; now?: Date };

/**
 * A member books the visit for their pole with its named participants: confirmed (or pending the
 * host's confirmation, seats held) when the seats fit, otherwise on the waiting list with a
 * « leave the waiting list » link. Two bookings of one pole at once: the second is refused, by
 * the check under the lock or, as a backstop, by the unique index on live bookings.
 */
export async function bookVisit(services: VisitServices, input: BookingRequest): Promise<BookingOutcome> {
  // Who is told and the pole's name decide nothing: read before the visit's lock, which every
  // booking of the visit waits for, so it is held for two statements fewer (bench/booking.ts).
  const [recipients, pole] = await Promise.all([poleAdminsOf(services.db, [input.poleId]), poleName(services.db, input.poleId)]);
  try {
    return await seatsTransaction(services, async (tx, changed) => {
      const outcome = await book(tx, services, input, { recipients, pole });
      if ('bookingId' in outcome) changed(input.visitId);
      return outcome;
    });
  } catch (error) {
    if (violatesUnique(error, 'visit_bookings_live_pole_idx')) return { status: 'refused', reason: 'already-booked' };
    throw error;
  }
}

async function book(tx: Transaction, services: VisitServices, input: BookingRequest, told: { recipients: Recipient[]; pole: string }): Promise<BookingOutcome> {
  const now = input.now ?? new Date();
  const visit = await lockVisit(tx, input.visitId);
  if (!visit) return { status: 'not-found' };
  const refusal = bookingRefusal({ visit, poleId: input.poleId, participants: input.participants.length, now });
  if (refusal) return { status: 'refused', reason: refusal };
  // Counted after the lock: every booking committed before it is seen.
  const { taken, alreadyBooked } = await seatsAndLiveBookingOf(tx, visit.id, input.poleId);
  if (alreadyBooked) return { status: 'refused', reason: 'already-booked' };
  const seats = input.participants.length;
  const place = placeFor({ seats: visit.seats, taken, requested: seats, mode: visit.bookingMode });
  const token = place === 'waiting' ? generateToken() : null;
  const [booking] = await tx
    .insert(visitBookings)
    .values({
      visitId: visit.id,
      poleId: input.poleId,
      bookedById: input.actorId,
      state: place,
      seats,
      confirmedAt: place === 'confirmed' ? now : null,
      leaveTokenHash: token ? hashToken(token) : null,
    })
    .returning({ id: visitBookings.id, position: visitBookings.position });
  await tx.insert(visitParticipants).values(input.participants.map((name) => ({ bookingId: booking!.id, name })));

  if (place !== 'waiting') await tellFill(tx, services, visit, taken + seats);
  const position = place === 'waiting' ? await rankOf(tx, visit.id, booking!.position) : null;
  await mailVisit(tx, services, {
    recipients: told.recipients,
    kind: place,
    audience: 'guest',
    visit,
    values: { pole: told.pole, seats: String(seats), ...(position !== null ? { position: String(position) } : {}) },
    ...(token ? { leaveUrl: new URL(leaveWaitingListPath(visit.id, token), services.env.appUrl.origin).href } : {}),
  });
  return place === 'waiting' ? { status: place, bookingId: booking!.id, position: position! } : { status: place, bookingId: booking!.id };
}

// ─── Freed seats ──────────────────────────────────────────────────────────

export type Promotion = { bookingId: string; poleId: string; state: 'confirmed' | 'pending' };

/**
 * Seats were freed (in this transaction, under the visit's lock): the waiting list is walked in
 * arrival order and every booking that fits in what is still free is placed, confirmed (or pending
 * in host_confirms mode), and its pole's admins are told. Exported for the act that adds seats to
 * a visit (it locks the visit with `lockVisit` first).
 */
export async function promoteWaiting(tx: Transaction, services: VisitServices, visit: LockedVisit, now: Date): Promise<Promotion[]> {
  const taken = await countSeatsTaken(tx, visit.id);
  const waiting = await tx
    .select({ id: visitBookings.id, poleId: visitBookings.poleId, seats: visitBookings.seats, position: visitBookings.position, poleName: poles.name })
    .from(visitBookings)
    .innerJoin(poles, eq(poles.id, visitBookings.poleId))
    .where(and(eq(visitBookings.visitId, visit.id), eq(visitBookings.state, 'waiting')))
    .orderBy(asc(visitBookings.position))
    .for('update', { of: visitBookings });
  const chosen = promotionsAfterRelease({ free: visit.seats - taken, waiting });
  if (chosen.length === 0) return [];
  const state = visit.bookingMode === 'instant' ? 'confirmed' : 'pending';
  await tx
    .update(visitBookings)
    .set({ state, promotedAt: now, ...(state === 'confirmed' ? { confirmedAt: now } : {}) })
    .where(
      inArray(
        visitBookings.id,
        chosen.map((booking) => booking.id),
      ),
    );
  const admins = await poleAdminsOf(
    tx,
    chosen.map((booking) => booking.poleId),
  );
  for (const booking of chosen) {
    await mailVisit(tx, services, {
      recipients: admins.filter((admin) => admin.poleId === booking.poleId),
      kind: state === 'confirmed' ? 'promoted' : 'promotedPending',
      audience: 'guest',
      visit,
      values: { pole: booking.poleName, seats: String(booking.seats) },
    });
  }
  await tellFill(tx, services, visit, taken + chosen.reduce((total, booking) => total + booking.seats, 0));
  return chosen.map((booking) => ({ bookingId: booking.id, poleId: booking.poleId, state }));
}

/** The booking's visit (read without a lock), then the visit's lock, then the booking's row. */
async function lockBooking(tx: Transaction, bookingId: string) {
  const [found] = await tx.select({ visitId: visitBookings.visitId }).from(visitBookings).where(eq(visitBookings.id, bookingId));
  if (!found) return null;
  const visit = await lockVisit(tx, found.visitId);
  const [booking] = await tx
    .select({ id: visitBookings.id, poleId: visitBookings.poleId, state: visitBookings.state, seats: visitBookings.seats, poleName: poles.name })
    .from(visitBookings)
    .innerJoin(poles, eq(poles.id, visitBookings.poleId))
    .where(eq(visitBookings.id, bookingId))
    .for('update', { of: visitBookings });
  if (!visit || !booking) return null;
  return { visit, booking };
}

// ─── Cancelling, declining, confirming, leaving ───────────────────────────

type LockedBooking = NonNullable<Awaited<ReturnType<typeof lockBooking>>>;

/**
 * One act on an existing booking: its transaction (`seatsTransaction`), the visit and then the
 * booking locked, `not-found` when the booking is unknown. `act` decides from what it reads.
 */
function actOnBooking<T>(
  services: SeatsServices,
  bookingId: string,
  act: (tx: Transaction, locked: LockedBooking, changed: (visitId: string) => void) => Promise<T>,
): Promise<T | { status: 'not-found' }> {
  return seatsTransaction(services, async (tx, changed) => {
    const locked = await lockBooking(tx, bookingId);
    return locked ? act(tx, locked, changed) : { status: 'not-found' as const };
  });
}

export type CancellationOutcome =
  | { status: 'cancelled'; promoted: Promotion[] }
  | { status: 'not-live'; state: BookingState }
  /** The visit has begun: what happened is for the attendance, not for a cancellation. */
  | { status: 'started' }
  | { status: 'not-found' };

/**
 * Either side cancels a live booking with a reason; the other side is told (the host only when
 * the booking held seats). Freed seats go at once to the waiting list, in the same transaction.
 */
export async function cancelBooking(
  services: VisitServices,
  input: { bookingId: string; actorId: string; by: 'guest' | 'host'; reason: string; now?: Date },
): Promise<CancellationOutcome> {
  const now = input.now ?? new Date();
  return actOnBooking(services, input.bookingId, async (tx, { visit, booking }, changed): Promise<CancellationOutcome> => {
    if (!isLive(booking.state)) return { status: 'not-live', state: booking.state };
    if (hasStarted(visit, now)) return { status: 'started' };
    await tx
      .update(visitBookings)
      .set({ state: 'cancelled', cancelledAt: now, cancelledById: input.actorId, cancelReason: input.reason })
      .where(eq(visitBookings.id, booking.id));
    const values = { pole: booking.poleName };
    if (input.by === 'host') {
      const recipients = await poleAdminsOf(tx, [booking.poleId]);
      await mailVisit(tx, services, { recipients, kind: 'cancelledByHost', audience: 'guest', visit, values, reason: input.reason });
    } else if (isSeatHolding(booking.state)) {
      await mailVisit(tx, services, {
        recipients: await hostAdmins(tx, visit),
        kind: 'cancelledByGuest',
        audience: 'host',
        visit,
        values,
        reason: input.reason,
      });
    }
    const promoted = isSeatHolding(booking.state) ? await promoteWaiting(tx, services, visit, now) : [];
    changed(visit.id);
    return { status: 'cancelled', promoted };
  });
}

export type DecisionOutcome =
  | { status: 'confirmed' }
  | { status: 'declined'; promoted: Promotion[] }
  | { status: 'not-pending'; state: BookingState }
  /** The visit has begun: bookings are frozen (the attendance says who came). */
  | { status: 'started' }
  | { status: 'not-found' };

/** The host confirms a pending booking (host_confirms mode). */
export async function confirmBooking(services: VisitServices, input: { bookingId: string; actorId: string; now?: Date }): Promise<DecisionOutcome> {
  const now = input.now ?? new Date();
  return actOnBooking(services, input.bookingId, async (tx, { visit, booking }, changed): Promise<DecisionOutcome> => {
    if (booking.state !== 'pending') return { status: 'not-pending', state: booking.state };
    if (hasStarted(visit, now)) return { status: 'started' };
    await tx.update(visitBookings).set({ state: 'confirmed', confirmedAt: now }).where(eq(visitBookings.id, booking.id));
    const recipients = await poleAdminsOf(tx, [booking.poleId]);
    await mailVisit(tx, services, { recipients, kind: 'hostConfirmed', audience: 'guest', visit, values: { pole: booking.poleName } });
    // The counts stay the same, but the pending pole's page re-reads on the event (live-seats.tsx).
    changed(visit.id);
    return { status: 'confirmed' };
  });
}

/** The host declines a pending booking with a reason: its seats go to the waiting list. */
export async function declineBooking(
  services: VisitServices,
  input: { bookingId: string; actorId: string; reason: string; now?: Date },
): Promise<DecisionOutcome> {
  const now = input.now ?? new Date();
  return actOnBooking(services, input.bookingId, async (tx, { visit, booking }, changed): Promise<DecisionOutcome> => {
    if (booking.state !== 'pending') return { status: 'not-pending', state: booking.state };
    if (hasStarted(visit, now)) return { status: 'started' };
    await tx
      .update(visitBookings)
      .set({ state: 'declined', cancelledAt: now, cancelledById: input.actorId, cancelReason: input.reason })
      .where(eq(visitBookings.id, booking.id));
    const recipients = await poleAdminsOf(tx, [booking.poleId]);
    await mailVisit(tx, services, { recipients, kind: 'declined', audience: 'guest', visit, values: { pole: booking.poleName }, reason: input.reason });
    const promoted = await promoteWaiting(tx, services, visit, now);
    changed(visit.id);
    return { status: 'declined', promoted };
  });
}

export type LeaveOutcome =
  { status: 'left'; visitId: string; bookingId: string } | { status: 'not-waiting'; visitId: string; state: BookingState } | { status: 'not-found' };

/** A waiting pole leaves the list from the link of its mails (no account needed: the token is the key). */
export async function leaveWaitingList(services: SeatsServices, input: { token: string; now?: Date }): Promise<LeaveOutcome> {
  const [found] = await services.db
    .select({ id: visitBookings.id })
    .from(visitBookings)
    .where(eq(visitBookings.leaveTokenHash, hashToken(input.token)));
  if (!found) return { status: 'not-found' };
  return leaveWaitingListWith(services, { bookingId: found.id, now: input.now });
}

/** A waiting pole leaves the list from the visit's page (its member's right is checked by the caller). No reason is asked. */
export async function leaveWaitingListWith(services: SeatsServices, input: { bookingId: string; now?: Date }): Promise<LeaveOutcome> {
  const now = input.now ?? new Date();
  return actOnBooking(services, input.bookingId, async (tx, { visit, booking }, changed): Promise<LeaveOutcome> => {
    if (booking.state !== 'waiting') return { status: 'not-waiting', visitId: visit.id, state: booking.state };
    // A waiting booking holds no seats: nobody is promoted.
    await tx.update(visitBookings).set({ state: 'cancelled', cancelledAt: now }).where(eq(visitBookings.id, booking.id));
    changed(visit.id);
    return { status: 'left', visitId: visit.id, bookingId: booking.id };
  });
}

// ─── Reading ──────────────────────────────────────────────────────────────

export type Availability = { seats: number; taken: number; free: number; waiting: number };

/**
 * Seats, seats taken and free, and how many bookings wait: what anyone may see (no names). One
 * statement: it runs inside every act on the seats, under the visit's lock (`seatsTransaction`).
 */
export async function visitAvailability(db: Executor, visitId: string): Promise<Availability | null> {
  // Qualified by hand: inside `sql`, drizzle names a column without its table, and both tables have `seats`.
  const [row] = await db
    .select({
      seats: visits.seats,
      taken: sql<number>`coalesce(sum("visit_bookings"."seats") filter (where "visit_bookings"."state" in (${stateList(seatHoldingStates)})), 0)::int`,
      waiting: sql<number>`(count("visit_bookings"."id") filter (where "visit_bookings"."state" = 'waiting'))::int`,
    })
    .from(visits)
    .leftJoin(visitBookings, eq(visitBookings.visitId, visits.id))
    .where(eq(visits.id, visitId))
    .groupBy(visits.id);
  if (!row) return null;
  const taken = Number(row.taken);
  return { seats: row.seats, taken, free: Math.max(0, row.seats - taken), waiting: Number(row.waiting) };
}

// ─── Telling the watchers ─────────────────────────────────────────────────

type SeatsServices = Pick<VisitServices, 'db' | 'realtime' | 'logger'>;

/**
 * Every act on a visit's seats runs through here: its one transaction, then, once it has
 * committed, `visit:seats` to the visit's room (decision 012). The act calls `changed(visitId)`
 * when it changed something; a refusal publishes nothing. The counts are read at the end of the
 * transaction, still under the visit's lock, so they are exactly what the act committed, and an
 * event never shows an act that could still roll back (it is sent after the commit).
 */
export async function seatsTransaction<T>(services: SeatsServices, act: (tx: Transaction, changed: (visitId: string) => void) => Promise<T>): Promise<T> {
  let changedVisit = null as string | null;
  let counts = null as Availability | null;
  const outcome = await services.db.transaction(async (tx) => {
    const result = await act(tx, (visitId) => {
      changedVisit = visitId;
    });
    if (changedVisit !== null) counts = await visitAvailability(tx, changedVisit);
    return result;
  });
  if (changedVisit !== null && counts !== null) await publishSeats(services, changedVisit, counts);
  // A booking cancelled or declined takes its pole out of the visit's thread: its sockets leave the room.
  if (changedVisit !== null) await services.realtime.recheck({ visit: changedVisit });
  return outcome;
}

/** The visit's counts to its watchers: no name. A failure is logged (the act has succeeded). */
async function publishSeats(services: SeatsServices, visitId: string, availability: Availability): Promise<void> {
  try {
    await services.realtime.publish(rooms.visit(visitId), 'visit:seats', { visitId, ...availability });
  } catch (error) {
    services.logger.error({ err: error }, 'realtime: visit:seats not published');
  }
}

/** A booking's state and, when it waits, its rank in the list (1 = next), kept current on each read. */
export async function bookingStanding(db: Executor, bookingId: string): Promise<{ state: BookingState; position: number | null } | null> {
  const [booking] = await db
    .select({ visitId: visitBookings.visitId, state: visitBookings.state, position: visitBookings.position })
    .from(visitBookings)
    .where(eq(visitBookings.id, bookingId));
  if (!booking) return null;
  return { state: booking.state, position: booking.state === 'waiting' ? await rankOf(db, booking.visitId, booking.position) : null };
}
