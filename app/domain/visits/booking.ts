import type { visitBookingMode, visitBookingState } from '#db/schema';

/**
 * The booking rules of a learning visit, with no React and no database. The models apply them in
 * one transaction per act, under the visit row's lock, on seats counted after that lock:
 *
 *   seats free ──▶ confirmed (instant mode) or pending (the host confirms; the seats are held)
 *   no room   ──▶ waiting, in arrival order (`position`, given by the database)
 *   seats freed (cancellation, decline) ──▶ the waiting list is walked in arrival order and each
 *   booking that fits in what is still free is placed (first fit: a booking for 3 never jumps
 *   ahead of one for 1 unless the 1 does not fit).
 *
 * Because every release promotes at once, no waiting booking ever fits in the free seats between
 * two acts; a new booking that fits may then be placed without wronging the waiting list.
 * Messages are catalogue keys (`visits.errors.*`).
 */

export const bookingStates = ['pending', 'confirmed', 'waiting', 'cancelled', 'declined'] as const;
export type BookingState = (typeof bookingStates)[number];
export const bookingModes = ['instant', 'host_confirms'] as const;
export type BookingMode = (typeof bookingModes)[number];

type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _ListsMatchDatabase = [
  Assert<SameValues<BookingState, (typeof visitBookingState)['enumValues'][number]>>,
  Assert<SameValues<BookingMode, (typeof visitBookingMode)['enumValues'][number]>>,
];

/** States that hold seats. */
export const seatHoldingStates = ['pending', 'confirmed'] as const satisfies readonly BookingState[];
/** States of a live booking: one per pole and visit (a unique index says it too). */
export const liveBookingStates = ['pending', 'confirmed', 'waiting'] as const satisfies readonly BookingState[];

/** Where a new or promoted booking goes. */
export type BookingPlace = Extract<BookingState, 'confirmed' | 'pending' | 'waiting'>;

/** Why a booking is refused. */
export type RefusalReason = 'own-pole' | 'already-booked' | 'deadline-passed' | 'visit-past' | 'visit-cancelled' | 'too-many-participants';

/** The catalogue key that says each refusal (namespace `visits`). */
export const refusalKeys = {
  'own-pole': 'visits.refusals.ownPole',
  'already-booked': 'visits.refusals.alreadyBooked',
  'deadline-passed': 'visits.refusals.deadlinePassed',
  'visit-past': 'visits.refusals.visitPast',
  'visit-cancelled': 'visits.refusals.visitCancelled',
  'too-many-participants': 'visits.refusals.tooManyParticipants',
} as const satisfies Record<RefusalReason, `visits.refusals.${string}`>;

export const bookingLimits = {
  /** Participants of one booking (the database checks seats between 1 and 50 too). */
  participantsMax: 50,
  participantName: { max: 120 },
  reason: { min: 5, max: 500 },
} as const;

/** The shares of seats taken at which the host is told, each once. */
export const fillThresholds = [50, 80, 100] as const;
export type FillThreshold = (typeof fillThresholds)[number];

/** Seats held by these bookings: pending and confirmed ones. */
export function seatsTaken(bookings: readonly { state: BookingState; seats: number }[]): number {
  return bookings.reduce((total, booking) => total + ((seatHoldingStates as readonly BookingState[]).includes(booking.state) ? booking.seats : 0), 0);
}

/** A booking is placed when its seats fit in the free seats; otherwise it waits. */
export function placeFor(input: { seats: number; taken: number; requested: number; mode: BookingMode }): BookingPlace {
  const free = input.seats - input.taken;
  if (input.requested > free) return 'waiting';
  return input.mode === 'instant' ? 'confirmed' : 'pending';
}

/**
 * The waiting bookings to place once seats are free: first fit in arrival order. The list is
 * walked by position; each booking whose seats fit in what is still free is taken.
 */
export function promotionsAfterRelease<T extends { seats: number; position: number }>(input: { free: number; waiting: readonly T[] }): T[] {
  let free = input.free;
  const promoted: T[] = [];
  for (const booking of [...input.waiting].sort((a, b) => a.position - b.position)) {
    if (free <= 0) break;
    if (booking.seats <= free) {
      promoted.push(booking);
      free -= booking.seats;
    }
  }
  return promoted;
}

/** The rank (1 = next) of a booking in the waiting list, or null when it is not waiting. */
export function waitingPosition(waiting: readonly { id: string; position: number }[], bookingId: string): number | null {
  const mine = waiting.find((booking) => booking.id === bookingId);
  if (!mine) return null;
  return waiting.filter((booking) => booking.position <= mine.position).length;
}

/**
 * The highest threshold (50, 80, 100 % of the seats) crossed by `taken` and not told yet
 * (`previousPercent` is the last one told), or null.
 */
export function fillThreshold(previousPercent: number, taken: number, seats: number): FillThreshold | null {
  let crossed: FillThreshold | null = null;
  for (const threshold of fillThresholds) if (threshold > previousPercent && taken * 100 >= threshold * seats) crossed = threshold;
  return crossed;
}

/** Whether the visit has begun: from then on bookings are neither made nor cancelled (attendance says who came). */
export function hasStarted(visit: { startsAt: Date }, now: Date): boolean {
  return visit.startsAt.getTime() <= now.getTime();
}

/** Why this pole may not book this visit now (before counting seats), or null. */
export function bookingRefusal(input: {
  visit: { poleId: string; state: 'scheduled' | 'cancelled'; startsAt: Date; bookingDeadline: Date; seats: number };
  poleId: string;
  participants: number;
  now: Date;
}): Exclude<RefusalReason, 'already-booked'> | null {
  const { visit, now } = input;
  if (visit.state === 'cancelled') return 'visit-cancelled';
  if (hasStarted(visit, now)) return 'visit-past';
  if (visit.bookingDeadline.getTime() <= now.getTime()) return 'deadline-passed';
  if (visit.poleId === input.poleId) return 'own-pole';
  if (input.participants > maxParticipants(visit.seats)) return 'too-many-participants';
  return null;
}

/** How many people one booking may name for a visit of `seats` seats. */
export function maxParticipants(seats: number): number {
  return Math.min(seats, bookingLimits.participantsMax);
}
