import { describe, expect, test } from 'vitest';
import { visitCancellationSchema, visitSchema } from './visit';

const now = new Date('2026-11-28T10:00:00Z');

const valid = {
  title: 'Une journée à la fabrique',
  programme: 'Accueil, visite des ateliers, déjeuner partagé.',
  topics: ['incubation'],
  date: '2027-03-31',
  time: '09:30',
  durationMinutes: 240,
  address: '2 place Champollion',
  town: 'Figeac',
  seats: 10,
  deadlineDate: '2027-03-24',
  deadlineTime: '18:00',
  bookingMode: 'instant',
  costs: 'free',
};

function issues(input: Record<string, unknown>, withPole = false) {
  const result = visitSchema({ now, withPole }).safeParse({ ...valid, ...input });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('the visit form', () => {
  test('turns the Paris date and time into UTC instants; empty texts become empty strings', () => {
    const result = visitSchema({ now, withPole: false }).parse(valid);
    expect(result.startsAt.toISOString()).toBe('2027-03-31T07:30:00.000Z');
    expect(result.bookingDeadline.toISOString()).toBe('2027-03-24T17:00:00.000Z');
    expect(result).toMatchObject({ accessibility: '', practical: '', costsNote: '', poleId: null });
    expect(result.latitude).toBeUndefined();
    expect(result).not.toHaveProperty('date');
  });

  test('the start must be after now, the deadline before the start', () => {
    expect(issues({ date: '2026-11-28', time: '10:00', deadlineDate: '2026-11-01' })).toEqual({ date: 'visitHosting.errors.startInPast' });
    expect(visitSchema({ now, withPole: false }).safeParse({ ...valid, date: '2026-11-28', time: '11:30', deadlineDate: '2026-11-27' }).success).toBe(true);
    expect(issues({ deadlineDate: '2027-03-31', deadlineTime: '09:30' })).toEqual({ deadlineDate: 'visitHosting.errors.deadlineAfterStart' });
  });

  test('a time in the spring gap is refused beside the time; the autumn repeat is accepted', () => {
    expect(issues({ date: '2027-03-28', time: '02:15', deadlineDate: '2027-03-20' })).toEqual({ time: 'visitHosting.errors.timeDoesNotExist' });
    expect(issues({ deadlineDate: '2027-03-28', deadlineTime: '02:15' })).toEqual({ deadlineTime: 'visitHosting.errors.timeDoesNotExist' });
    expect(issues({ date: '2027-10-31', time: '02:30', deadlineDate: '2027-10-20' })).toEqual({});
  });

  test('limits of every number and list', () => {
    expect(issues({ seats: 0 })).toEqual({ seats: 'visitHosting.errors.seatsInvalid' });
    expect(issues({ seats: 500 })).toEqual({});
    expect(issues({ durationMinutes: 14 })).toEqual({ durationMinutes: 'visitHosting.errors.durationInvalid' });
    expect(issues({ durationMinutes: 1440 })).toEqual({});
    expect(issues({ topics: [] })).toEqual({ topics: 'visitHosting.errors.topicsRequired' });
    expect(issues({ latitude: 90.5 })).toEqual({ latitude: 'visitHosting.errors.latitudeInvalid' });
    expect(issues({ title: 'x'.repeat(120) })).toEqual({});
  });

  test('the pole is asked for on creation only', () => {
    expect(issues({}, true)).toEqual({ poleId: 'visitHosting.errors.poleRequired' });
    expect(issues({})).toEqual({});
  });

  test('a cancellation needs a reason of 5 to 500 characters', () => {
    expect(visitCancellationSchema.safeParse({ reason: 'Non' }).success).toBe(false);
    expect(visitCancellationSchema.safeParse({ reason: 'Travaux imprévus.' }).success).toBe(true);
  });
});
