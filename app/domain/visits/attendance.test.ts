import { describe, expect, test } from 'vitest';
import {
  afterVisitRefusalKeys,
  attendanceOf,
  attendanceRefusal,
  attendanceSchema,
  bookingCame,
  feedbackRefusal,
  feedbackSchema,
  marksOf,
  ratingSummary,
} from './attendance';

const dayMs = 24 * 60 * 60 * 1000;
const startsAt = new Date('2026-06-10T07:30:00Z');
const visit = { state: 'scheduled' as const, startsAt };
const at = (offsetMs: number) => new Date(startsAt.getTime() + offsetMs);

describe('who came', () => {
  test('a booking came when one participant at least is marked present', () => {
    expect(bookingCame([null, true, false])).toBe(true);
    expect(bookingCame([false, false])).toBe(false);
    expect(bookingCame([null, null])).toBe(false);
    expect(bookingCame([])).toBe(false);
  });

  test('came, absent (every one marked absent) or not marked yet', () => {
    expect(attendanceOf([true, null])).toBe('came');
    expect(attendanceOf([false, false])).toBe('absent');
    expect(attendanceOf([false, null])).toBe('unmarked');
    expect(attendanceOf([])).toBe('unmarked');
  });
});

describe('when attendance is marked', () => {
  test('from the start of the visit until 60 days after, never before, never for a cancelled visit', () => {
    expect(attendanceRefusal(visit, at(-60_000))).toBe('not-started');
    expect(attendanceRefusal(visit, startsAt)).toBeNull();
    expect(attendanceRefusal(visit, at(60 * dayMs))).toBeNull();
    expect(attendanceRefusal(visit, at(60 * dayMs + 1))).toBe('attendance-closed');
    expect(attendanceRefusal({ ...visit, state: 'cancelled' }, at(dayMs))).toBe('visit-cancelled');
  });
});

describe('when feedback is given', () => {
  const open = { visit, came: true, given: false, now: at(dayMs) };
  test('by a pole that came, once, from the start until 90 days after', () => {
    expect(feedbackRefusal(open)).toBeNull();
    expect(feedbackRefusal({ ...open, now: at(90 * dayMs) })).toBeNull();
    expect(feedbackRefusal({ ...open, now: at(90 * dayMs + 1) })).toBe('feedback-closed');
    expect(feedbackRefusal({ ...open, now: at(-1) })).toBe('not-started');
    expect(feedbackRefusal({ ...open, came: false })).toBe('not-came');
    expect(feedbackRefusal({ ...open, given: true })).toBe('already-given');
    expect(feedbackRefusal({ ...open, visit: { ...visit, state: 'cancelled' } })).toBe('visit-cancelled');
  });

  test('each refusal is said by a key of both catalogues', async () => {
    const { default: french } = await import('#app/locales/fr/visit-after');
    const { default: english } = await import('#app/locales/en/visit-after');
    for (const key of Object.values(afterVisitRefusalKeys)) {
      const name = key.replace('visitAfter.refusals.', '');
      expect(french.refusals).toHaveProperty(name);
      expect(english.refusals).toHaveProperty(name);
    }
  });
});

describe('ratings', () => {
  test('the average and its count; none without ratings', () => {
    expect(ratingSummary([5, 4, 4, 5, 4, 5])).toEqual({ average: 4.5, count: 6 });
    expect(ratingSummary([])).toEqual({ average: null, count: 0 });
  });
});

const first = '6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';
const second = '7a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';
const messages = (result: { error?: { issues: Array<{ message: string }> } }) => (result.error?.issues ?? []).map((issue) => issue.message);

describe('the attendance form', () => {
  test('each participant came, was absent, or keeps its mark when left without a choice', () => {
    const input = attendanceSchema.parse({ participants: [{ id: first, attended: 'came' }, { id: second }] });
    expect(marksOf(input)).toEqual([{ id: first, attended: true }]);
    expect(marksOf(attendanceSchema.parse({ participants: [{ id: second, attended: 'absent' }] }))).toEqual([{ id: second, attended: false }]);
  });

  test('at least one choice; known choices; uuids; no participant twice', () => {
    expect(messages(attendanceSchema.safeParse({ participants: [{ id: first }] }))).toEqual(['visitAfter.errors.nothingMarked']);
    expect(messages(attendanceSchema.safeParse({}))).toEqual(['visitAfter.errors.nothingMarked']);
    expect(messages(attendanceSchema.safeParse({ participants: [{ id: first, attended: 'maybe' }] }))).toEqual(['visitAfter.errors.choiceInvalid']);
    expect(messages(attendanceSchema.safeParse({ participants: [{ id: 'x', attended: 'came' }] }))).toEqual(['visitAfter.errors.participantUnknown']);
    expect(
      messages(
        attendanceSchema.safeParse({
          participants: [
            { id: first, attended: 'came' },
            { id: first, attended: 'absent' },
          ],
        }),
      ),
    ).toEqual(['visitAfter.errors.participantRepeated']);
  });
});

describe('the feedback form', () => {
  const valid = { rating: 4, learned: ' La gouvernance partagée. ', willApply: 'Un comité des membres.' };
  const issues = (input: Record<string, unknown>) => {
    const result = feedbackSchema.safeParse({ ...valid, ...input });
    return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
  };

  test('a rating from 1 to 5 and two texts, trimmed', () => {
    expect(feedbackSchema.parse(valid)).toEqual({ rating: 4, learned: 'La gouvernance partagée.', willApply: 'Un comité des membres.' });
    expect(issues({ rating: 1 })).toEqual({});
    expect(issues({ rating: 5 })).toEqual({});
  });

  test('each mistake beside its field', () => {
    expect(issues({ rating: 0 })).toEqual({ rating: 'visitAfter.errors.ratingInvalid' });
    expect(issues({ rating: 6 })).toEqual({ rating: 'visitAfter.errors.ratingInvalid' });
    expect(issues({ rating: 3.5 })).toEqual({ rating: 'visitAfter.errors.ratingInvalid' });
    expect(issues({ rating: undefined })).toEqual({ rating: 'visitAfter.errors.ratingRequired' });
    expect(issues({ learned: '   ' })).toEqual({ learned: 'visitAfter.errors.learnedRequired' });
    expect(issues({ willApply: undefined })).toEqual({ willApply: 'visitAfter.errors.willApplyRequired' });
    expect(issues({ learned: 'x'.repeat(2001) })).toEqual({ learned: 'visitAfter.errors.textTooLong' });
    expect(issues({ learned: 'x'.repeat(2000) })).toEqual({});
  });
});
