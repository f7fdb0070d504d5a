import { z } from 'zod';
import { hasStarted } from './booking';

/**
 * After a learning visit, with no React and no database: who came, and what the poles that came
 * say of it. The models apply these rules in one transaction under the visit row's lock.
 *
 * - A booking « came » when at least one of its participants is marked present (`attended = true`).
 *   The same rule in SQL is `cameCondition` in app/models/visit-attendance.server.ts, for the
 *   queries (and the day-after job that asks the poles that came for their feedback).
 * - The host marks attendance from the visit's start (not before: nobody has come yet) until
 *   `attendanceDays` after it, long enough for a host back from holidays, short enough that the
 *   record is not rewritten months later.
 * - A pole that came gives its feedback from the visit's start until `feedbackDays` after it:
 *   30 days more than attendance, so a pole marked present on the last day still has a month.
 *   One feedback per booking, given once: what the host and the coordinator read is not rewritten.
 *
 * Messages are catalogue keys (`visitAfter.*`).
 */

const dayMs = 24 * 60 * 60 * 1000;

export const afterVisitLimits = {
  attendanceDays: 60,
  feedbackDays: 90,
  /** Participants in one attendance form: a visit has at most 500 seats. */
  participantsMax: 500,
  text: { max: 2000 },
  rating: { min: 1, max: 5 },
} as const;

type VisitTiming = { state: 'scheduled' | 'cancelled'; startsAt: Date };

/** Why attendance may not be marked now. */
export type AttendanceRefusal = 'visit-cancelled' | 'not-started' | 'attendance-closed';
/** Why this booking may not give its feedback now. */
export type FeedbackRefusal = 'visit-cancelled' | 'not-started' | 'feedback-closed' | 'not-came' | 'already-given';

/** The catalogue key that says each refusal. */
export const afterVisitRefusalKeys = {
  'visit-cancelled': 'visitAfter.refusals.visitCancelled',
  'not-started': 'visitAfter.refusals.notStarted',
  'attendance-closed': 'visitAfter.refusals.attendanceClosed',
  'feedback-closed': 'visitAfter.refusals.feedbackClosed',
  'not-came': 'visitAfter.refusals.notCame',
  'already-given': 'visitAfter.refusals.alreadyGiven',
} as const satisfies Record<AttendanceRefusal | FeedbackRefusal, `visitAfter.refusals.${string}`>;

/** Where `now` stands in a window opening at the visit's start and lasting `days` days. */
function windowRefusal(visit: VisitTiming, days: number, now: Date): 'visit-cancelled' | 'not-started' | 'closed' | null {
  if (visit.state === 'cancelled') return 'visit-cancelled';
  if (!hasStarted(visit, now)) return 'not-started';
  if (now.getTime() > visit.startsAt.getTime() + days * dayMs) return 'closed';
  return null;
}

/** Why the host may not mark attendance now, or null. */
export function attendanceRefusal(visit: VisitTiming, now: Date): AttendanceRefusal | null {
  const refusal = windowRefusal(visit, afterVisitLimits.attendanceDays, now);
  return refusal === 'closed' ? 'attendance-closed' : refusal;
}

/** Why this booking's pole may not give its feedback now, or null. */
export function feedbackRefusal(input: { visit: VisitTiming; came: boolean; given: boolean; now: Date }): FeedbackRefusal | null {
  const refusal = windowRefusal(input.visit, afterVisitLimits.feedbackDays, input.now);
  if (refusal === 'visit-cancelled' || refusal === 'not-started') return refusal;
  if (!input.came) return 'not-came';
  if (input.given) return 'already-given';
  return refusal === 'closed' ? 'feedback-closed' : null;
}

/** A booking came when one of its participants at least was marked present. */
export function bookingCame(attended: readonly (boolean | null)[]): boolean {
  return attended.some((mark) => mark === true);
}

/** What a booking's marks say: came, did not come (every participant marked absent), or not marked yet. */
export function attendanceOf(attended: readonly (boolean | null)[]): 'came' | 'absent' | 'unmarked' {
  if (bookingCame(attended)) return 'came';
  return attended.length > 0 && attended.every((mark) => mark === false) ? 'absent' : 'unmarked';
}

/** The average rating (null without any) and how many ratings it is made of. */
export function ratingSummary(ratings: readonly number[]): { average: number | null; count: number } {
  if (ratings.length === 0) return { average: null, count: 0 };
  return { average: ratings.reduce((total, rating) => total + rating, 0) / ratings.length, count: ratings.length };
}

// ─── Forms ────────────────────────────────────────────────────────────────

const error = (key: string) => `visitAfter.errors.${key}`;

export const attendanceChoices = ['came', 'absent'] as const;
export type AttendanceChoice = (typeof attendanceChoices)[number];

/**
 * The attendance form: each listed participant (`participants[i].id`) with the host's choice
 * (`participants[i].attended`: came or absent). A participant left without a choice keeps its
 * mark; at least one choice is needed. Whether the ids are this visit's is the model's check.
 */
export const attendanceSchema = z.object({
  participants: z
    .array(
      z.object({
        id: z.string({ required_error: error('participantUnknown') }).uuid(error('participantUnknown')),
        attended: z.enum(attendanceChoices, { errorMap: () => ({ message: error('choiceInvalid') }) }).optional(),
      }),
      { required_error: error('nothingMarked'), invalid_type_error: error('nothingMarked') },
    )
    .max(afterVisitLimits.participantsMax, error('tooManyParticipants'))
    .superRefine((participants, context) => {
      if (new Set(participants.map((participant) => participant.id)).size !== participants.length) {
        context.addIssue({ code: 'custom', message: error('participantRepeated') });
      } else if (!participants.some((participant) => participant.attended !== undefined)) {
        context.addIssue({ code: 'custom', message: error('nothingMarked') });
      }
    }),
});
export type AttendanceInput = z.infer<typeof attendanceSchema>;

/** The marks an attendance form sets (participants left without a choice are not in it). */
export function marksOf(input: AttendanceInput): Array<{ id: string; attended: boolean }> {
  return input.participants.flatMap((participant) => (participant.attended ? [{ id: participant.id, attended: participant.attended === 'came' }] : []));
}

const feedbackText = (name: 'learned' | 'willApply') =>
  z
    .string({ required_error: error(`${name}Required`) })
    .trim()
    .min(1, error(`${name}Required`))
    .max(afterVisitLimits.text.max, error('textTooLong'));

/** The feedback form: a rating from 1 to 5, what the pole learned and what it will apply. */
export const feedbackSchema = z.object({
  rating: z
    .number({ required_error: error('ratingRequired'), invalid_type_error: error('ratingInvalid') })
    .int(error('ratingInvalid'))
    .min(afterVisitLimits.rating.min, error('ratingInvalid'))
    .max(afterVisitLimits.rating.max, error('ratingInvalid')),
  learned: feedbackText('learned'),
  willApply: feedbackText('willApply'),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;
