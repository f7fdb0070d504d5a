import { describe, expect, test } from 'vitest';
import { followUpAt, isDue, nextFollowUpAt, reminderAt, visitEnd } from './reminders';

const at = (iso: string) => new Date(iso);
const hours = (count: number) => count * 60 * 60 * 1000;

describe('the 48-hour reminder', () => {
  test('goes 48 hours before the start, in UTC whatever the clock change between', () => {
    const startsAt = at('2027-03-31T07:30:00Z');
    expect(reminderAt(startsAt, at('2027-03-01T00:00:00Z'))?.toISOString()).toBe('2027-03-29T07:30:00.000Z');
    // Across the spring change (28 March 2027) the Paris clock reads 08:30 two days before a 09:30 start:
    // 48 hours are 48 hours, not « the same time two days before ».
    expect(reminderAt(at('2027-03-29T07:30:00Z'), at('2027-03-01T00:00:00Z'))?.toISOString()).toBe('2027-03-27T07:30:00.000Z');
  });

  test('is skipped when the visit is already less than 48 hours ahead', () => {
    const startsAt = at('2027-03-31T07:30:00Z');
    expect(reminderAt(startsAt, new Date(startsAt.getTime() - hours(48) - 1))).not.toBeNull();
    expect(reminderAt(startsAt, new Date(startsAt.getTime() - hours(48)))).toBeNull();
    expect(reminderAt(startsAt, new Date(startsAt.getTime() - hours(20)))).toBeNull();
    expect(reminderAt(startsAt, new Date(startsAt.getTime() + hours(1)))).toBeNull();
  });
});

describe('the day-after follow-up', () => {
  test('goes at 09:00 in Paris on the day after the visit ends (UTC+1 in winter, UTC+2 in summer)', () => {
    expect(followUpAt({ startsAt: at('2027-01-14T08:30:00Z'), durationMinutes: 240 }).toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(followUpAt({ startsAt: at('2027-06-14T07:30:00Z'), durationMinutes: 240 }).toISOString()).toBe('2027-06-15T07:00:00.000Z');
  });

  test('the day is read in Paris: a visit ending at 00:30 in Paris (still the day before in UTC) is followed up the next morning', () => {
    // Ends 23:30 UTC on 14 January = 00:30 on the 15th in Paris: the follow-up is on the 16th.
    expect(followUpAt({ startsAt: at('2027-01-14T19:30:00Z'), durationMinutes: 240 }).toISOString()).toBe('2027-01-16T08:00:00.000Z');
    // A visit of a whole day ends the next day: the follow-up is the day after that.
    expect(followUpAt({ startsAt: at('2027-01-14T08:00:00Z'), durationMinutes: 1440 }).toISOString()).toBe('2027-01-16T08:00:00.000Z');
  });

  test.each([
    // The morning after the spring change is summer time; the day of the change itself too.
    ['a visit on the Saturday before the spring change', '2027-03-27T09:00:00Z', '2027-03-28T07:00:00.000Z'],
    ['a visit on the day of the spring change', '2027-03-28T09:00:00Z', '2027-03-29T07:00:00.000Z'],
    // The morning of the autumn change is winter time again.
    ['a visit on the Saturday before the autumn change', '2027-10-30T08:00:00Z', '2027-10-31T08:00:00.000Z'],
    ['a visit on the day of the autumn change', '2027-10-31T09:00:00Z', '2027-11-01T08:00:00.000Z'],
  ])('%s: still 09:00 on the Paris clock', (_, startsAt, expected) => {
    expect(followUpAt({ startsAt: at(startsAt), durationMinutes: 120 }).toISOString()).toBe(expected);
  });

  test('comes back the next 09:00 in Paris, across a clock change, and stops 14 days after the visit', () => {
    const visit = { startsAt: at('2027-03-20T09:00:00Z'), durationMinutes: 120 };
    // Ran at 09:00 on Saturday 27 March (winter): next is Sunday 28 at 09:00 summer time, 23 hours later.
    expect(nextFollowUpAt(visit, at('2027-03-27T08:00:00Z'))?.toISOString()).toBe('2027-03-28T07:00:00.000Z');
    // A run that came early the same morning waits for that morning's 09:00, not the next day's.
    expect(nextFollowUpAt(visit, at('2027-03-22T06:00:00Z'))?.toISOString()).toBe('2027-03-22T08:00:00.000Z');
    // The visit ended on 20 March at 11:00 UTC: 3 April 09:00 (07:00 UTC) is within 14 days, 4 April is not.
    expect(nextFollowUpAt(visit, at('2027-04-02T07:00:00Z'))?.toISOString()).toBe('2027-04-03T07:00:00.000Z');
    expect(nextFollowUpAt(visit, at('2027-04-03T07:00:00Z'))).toBeNull();
  });

  test('the end is the start plus the duration', () => {
    expect(visitEnd({ startsAt: at('2027-01-14T08:30:00Z'), durationMinutes: 90 }).toISOString()).toBe('2027-01-14T10:00:00.000Z');
  });
});

describe('a job is due', () => {
  test('at its time, or up to ten minutes before it (clocks of the app and the database differ a little)', () => {
    const due = at('2027-01-15T08:00:00Z');
    expect(isDue(due, at('2027-01-15T08:00:00Z'))).toBe(true);
    expect(isDue(due, at('2027-01-16T08:00:00Z'))).toBe(true);
    expect(isDue(due, at('2027-01-15T07:50:00Z'))).toBe(true);
    expect(isDue(due, at('2027-01-15T07:49:59Z'))).toBe(false);
    expect(isDue(due, at('2027-01-13T08:00:00Z'))).toBe(false);
  });
});
