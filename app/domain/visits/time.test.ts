import { describe, expect, test } from 'vitest';
import { formatInParis, fromParisParts, toParisParts } from './time';

function instant(date: string, time: string): string {
  const result = fromParisParts(date, time);
  if (!result.ok) throw new Error(result.error);
  return result.instant.toISOString();
}

describe('Paris times to UTC and back', () => {
  test('winter is UTC+1, summer UTC+2', () => {
    expect(instant('2027-01-15', '09:30')).toBe('2027-01-15T08:30:00.000Z');
    expect(instant('2027-03-31', '09:30')).toBe('2027-03-31T07:30:00.000Z');
    expect(instant('2026-12-31', '23:30')).toBe('2026-12-31T22:30:00.000Z');
  });

  test.each([
    ['2026-03-29', '2026-03-29T00:59:00.000Z', '2026-03-29T01:00:00.000Z'],
    ['2027-03-28', '2027-03-28T00:59:00.000Z', '2027-03-28T01:00:00.000Z'],
  ])('spring change %s: 02:00–02:59 does not exist, 01:59 and 03:00 do', (day, beforeGap, afterGap) => {
    expect(instant(day, '01:59')).toBe(beforeGap);
    for (const time of ['02:00', '02:30', '02:59']) expect(fromParisParts(day, time)).toEqual({ ok: false, error: 'visitHosting.errors.timeDoesNotExist' });
    expect(instant(day, '03:00')).toBe(afterGap);
    expect(instant(day, '09:30')).toBe(`${day}T07:30:00.000Z`);
  });

  test.each([
    ['2026-10-25', '2026-10-25T00:30:00.000Z', '2026-10-24T23:59:00.000Z'],
    ['2027-10-31', '2027-10-31T00:30:00.000Z', '2027-10-30T23:59:00.000Z'],
  ])('autumn change %s: the repeated 02:30 is its first occurrence (summer time)', (day, first, oneFiftyNine) => {
    expect(instant(day, '02:30')).toBe(first);
    expect(instant(day, '03:00')).toBe(`${day}T02:00:00.000Z`);
    expect(instant(day, '01:59')).toBe(oneFiftyNine);
    // Both occurrences read back as 02:30 in Paris.
    expect(toParisParts(new Date(first))).toEqual({ date: day, time: '02:30' });
    expect(toParisParts(new Date(Date.parse(first) + 3_600_000))).toEqual({ date: day, time: '02:30' });
  });

  test('UTC back to the form’s parts, across the changes', () => {
    expect(toParisParts(new Date('2026-03-29T00:59:00Z'))).toEqual({ date: '2026-03-29', time: '01:59' });
    expect(toParisParts(new Date('2026-03-29T01:00:00Z'))).toEqual({ date: '2026-03-29', time: '03:00' });
    expect(toParisParts(new Date('2027-10-31T01:00:00Z'))).toEqual({ date: '2027-10-31', time: '02:00' });
    expect(toParisParts(new Date('2027-10-31T02:00:00Z'))).toEqual({ date: '2027-10-31', time: '03:00' });
    expect(toParisParts(new Date('2027-01-14T23:30:00Z'))).toEqual({ date: '2027-01-15', time: '00:30' });
  });

  test('bad dates and times are refused, not guessed', () => {
    for (const [date, time] of [
      ['2027-02-30', '09:30'],
      ['2027-13-01', '09:30'],
      ['27-01-15', '09:30'],
      ['2027-01-15', '24:00'],
      ['2027-01-15', '9:30'],
      ['', ''],
    ] as const) {
      expect(fromParisParts(date, time)).toEqual({ ok: false, error: 'visitHosting.errors.dateInvalid' });
    }
  });

  test('a display string in Paris time', () => {
    expect(formatInParis(new Date('2027-03-31T07:30:00Z'), 'fr')).toMatch(/mercredi 31 mars 2027.*09:30/);
    expect(formatInParis(new Date('2027-01-15T08:30:00Z'), 'en')).toMatch(/Friday.*15 January 2027.*09:30/);
  });
});
