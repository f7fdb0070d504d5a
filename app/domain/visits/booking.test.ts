import { describe, expect, test } from 'vitest';
import { bookingRefusal, fillThreshold, maxParticipants, placeFor, promotionsAfterRelease, refusalKeys, seatsTaken, waitingPosition } from './booking';
import { bookingSchema, cancellationSchema } from './booking-schemas';

const waiting = (...seats: number[]) => seats.map((count, index) => ({ id: `b${index + 1}`, seats: count, position: (index + 1) * 10 }));

describe('seats', () => {
  test('pending and confirmed bookings hold seats; the others do not', () => {
    expect(
      seatsTaken([
        { state: 'confirmed', seats: 3 },
        { state: 'pending', seats: 2 },
        { state: 'waiting', seats: 4 },
        { state: 'cancelled', seats: 5 },
        { state: 'declined', seats: 6 },
      ]),
    ).toBe(5);
    expect(seatsTaken([])).toBe(0);
  });

  test('a booking that fits is confirmed in instant mode, pending when the host confirms; otherwise it waits', () => {
    expect(placeFor({ seats: 10, taken: 7, requested: 3, mode: 'instant' })).toBe('confirmed');
    expect(placeFor({ seats: 10, taken: 7, requested: 3, mode: 'host_confirms' })).toBe('pending');
    expect(placeFor({ seats: 10, taken: 8, requested: 3, mode: 'instant' })).toBe('waiting');
    expect(placeFor({ seats: 10, taken: 10, requested: 1, mode: 'host_confirms' })).toBe('waiting');
  });
});

describe('promotions: first fit in arrival order', () => {
  test('a booking for 3 does not jump ahead of one for 1 that fits', () => {
    expect(promotionsAfterRelease({ free: 3, waiting: waiting(1, 3) }).map((b) => b.id)).toEqual(['b1']);
  });

  test('the 1 behind a 3 that does not fit goes first; the 3 keeps its place', () => {
    expect(promotionsAfterRelease({ free: 1, waiting: waiting(3, 1) }).map((b) => b.id)).toEqual(['b2']);
    expect(promotionsAfterRelease({ free: 3, waiting: waiting(3, 1) }).map((b) => b.id)).toEqual(['b1']);
    expect(promotionsAfterRelease({ free: 4, waiting: waiting(3, 1) }).map((b) => b.id)).toEqual(['b1', 'b2']);
  });

  test('the list is walked by position, whatever order it comes in', () => {
    const list = [
      { id: 'late', seats: 1, position: 9 },
      { id: 'early', seats: 1, position: 2 },
    ];
    expect(promotionsAfterRelease({ free: 1, waiting: list }).map((b) => b.id)).toEqual(['early']);
  });

  test('nothing free, nothing promoted; never more seats than free', () => {
    expect(promotionsAfterRelease({ free: 0, waiting: waiting(1) })).toEqual([]);
    const chosen = promotionsAfterRelease({ free: 5, waiting: waiting(2, 4, 2, 1, 1) });
    expect(chosen.map((b) => b.id)).toEqual(['b1', 'b3', 'b4']);
    expect(chosen.reduce((total, b) => total + b.seats, 0)).toBeLessThanOrEqual(5);
  });

  test('the rank in the waiting list', () => {
    const list = waiting(1, 2, 3);
    expect(waitingPosition(list, 'b1')).toBe(1);
    expect(waitingPosition(list, 'b3')).toBe(3);
    expect(waitingPosition(list, 'nope')).toBeNull();
  });
});

describe('fill thresholds', () => {
  test('each threshold is told once, the highest when several are crossed at once', () => {
    expect(fillThreshold(0, 4, 10)).toBeNull();
    expect(fillThreshold(0, 5, 10)).toBe(50);
    expect(fillThreshold(50, 7, 10)).toBeNull();
    expect(fillThreshold(50, 8, 10)).toBe(80);
    expect(fillThreshold(80, 10, 10)).toBe(100);
    expect(fillThreshold(100, 10, 10)).toBeNull();
    expect(fillThreshold(0, 10, 10)).toBe(100);
    expect(fillThreshold(0, 2, 3)).toBe(50);
    // Seats freed and taken again: an announced threshold is not told twice.
    expect(fillThreshold(80, 9, 10)).toBeNull();
  });
});

describe('refusals', () => {
  const now = new Date('2026-06-01T10:00:00Z');
  const visit = {
    poleId: 'host',
    state: 'scheduled' as const,
    startsAt: new Date('2026-06-10T08:00:00Z'),
    bookingDeadline: new Date('2026-06-05T22:00:00Z'),
    seats: 4,
  };
  test('each reason', () => {
    expect(bookingRefusal({ visit, poleId: 'guest', participants: 4, now })).toBeNull();
    expect(bookingRefusal({ visit, poleId: 'host', participants: 1, now })).toBe('own-pole');
    expect(bookingRefusal({ visit, poleId: 'guest', participants: 5, now })).toBe('too-many-participants');
    expect(bookingRefusal({ visit: { ...visit, state: 'cancelled' }, poleId: 'guest', participants: 1, now })).toBe('visit-cancelled');
    expect(bookingRefusal({ visit, poleId: 'guest', participants: 1, now: new Date('2026-06-06T00:00:00Z') })).toBe('deadline-passed');
    expect(bookingRefusal({ visit, poleId: 'guest', participants: 1, now: new Date('2026-06-11T00:00:00Z') })).toBe('visit-past');
  });
  test('each refusal is said by a key of the catalogue', async () => {
    const { default: french } = await import('#app/locales/fr/visits');
    for (const key of Object.values(refusalKeys)) expect(french.refusals).toHaveProperty(key.replace('visits.refusals.', ''));
  });
  test('at most 50 participants per booking', () => {
    expect(maxParticipants(4)).toBe(4);
    expect(maxParticipants(300)).toBe(50);
  });
});

describe('forms', () => {
  const poleId = '6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';
  test('a booking names 1 to the seats participants, each 1 to 120 characters', () => {
    const schema = bookingSchema(3);
    expect(schema.parse({ poleId, participants: [' Ana ', 'Bob'] })).toEqual({ poleId, participants: ['Ana', 'Bob'] });
    const messages = (value: unknown) => (schema.safeParse(value).error?.issues ?? []).map((issue) => issue.message);
    expect(messages({ poleId, participants: [] })).toEqual(['visits.errors.participantsRequired']);
    expect(messages({ poleId })).toEqual(['visits.errors.participantsRequired']);
    expect(messages({ poleId, participants: ['  '] })).toEqual(['visits.errors.participantRequired']);
    expect(messages({ poleId, participants: ['x'.repeat(121)] })).toEqual(['visits.errors.participantTooLong']);
    expect(messages({ poleId, participants: ['a', 'b', 'c', 'd'] })).toEqual(['visits.errors.tooManyParticipants']);
    expect(messages({ poleId: 'nope', participants: ['a'] })).toEqual(['visits.errors.poleRequired']);
    expect(bookingSchema(500).safeParse({ poleId, participants: Array(51).fill('a') }).success).toBe(false);
  });
  test('a cancellation gives a reason of 5 to 500 characters', () => {
    expect(cancellationSchema.safeParse({ reason: 'Empêchés' }).success).toBe(true);
    expect(cancellationSchema.safeParse({ reason: ' abc ' }).error?.issues[0]?.message).toBe('visits.errors.reasonTooShort');
    expect(cancellationSchema.safeParse({ reason: 'x'.repeat(501) }).error?.issues[0]?.message).toBe('visits.errors.reasonTooLong');
    expect(cancellationSchema.safeParse({}).error?.issues[0]?.message).toBe('visits.errors.reasonRequired');
  });
});
