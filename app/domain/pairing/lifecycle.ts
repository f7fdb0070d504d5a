import { z } from 'zod';
import type { goalsReached, twinningAskState, twinningState } from '#db/schema';
import { maturities, type Maturity } from '#app/domain/poles/profile';

/**
 * The twinning (jumelage) lifecycle, with no React and no database: its states, which event may
 * happen in which state, the delays after which the jobs act, and the schemas of its forms.
 * Who may act is decided by the permissions module; the models apply these rules in one
 * transaction each. Messages are catalogue keys (`pairing.errors.*`).
 *
 *   proposed ──both pole admins accept──▶ active ──a side closes with its evaluation──▶ completed
 *      │ a side declines (reason) ▶ declined           │ coordinator cancels (reason) ▶ cancelled
 *      │ unanswered 30 days ▶ expired
 *      └ coordinator cancels (reason) ▶ cancelled
 */

export const twinningStates = ['proposed', 'active', 'completed', 'declined', 'expired', 'cancelled'] as const;
export type TwinningState = (typeof twinningStates)[number];
export const twinningAskStates = ['open', 'proposed', 'dismissed'] as const;
export type TwinningAskState = (typeof twinningAskStates)[number];
export const goalsReachedValues = ['yes', 'partly', 'no'] as const;
export type GoalsReached = (typeof goalsReachedValues)[number];

type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type DatabaseValues<T extends { enumValues: readonly string[] }> = T['enumValues'][number];
type _ListsMatchDatabase = [
  Assert<SameValues<TwinningState, DatabaseValues<typeof twinningState>>>,
  Assert<SameValues<TwinningAskState, DatabaseValues<typeof twinningAskState>>>,
  Assert<SameValues<GoalsReached, DatabaseValues<typeof goalsReached>>>,
];

/** The two sides of a twinning: the mentoring (mature) pole and the emerging one. */
export const twinningSides = ['mentor', 'mentee'] as const;
export type TwinningSide = (typeof twinningSides)[number];

/** States that hold a pair of poles (one at a time per pair: a unique index says it too). */
export const openTwinningStates = ['proposed', 'active'] as const satisfies readonly TwinningState[];
/** States that count against the mentoring pole's capacity. */
export const loadTwinningStates = ['active'] as const satisfies readonly TwinningState[];
/** States that end a twinning: nothing changes any more, except a missing evaluation after completion. */
export const endedTwinningStates = ['completed', 'declined', 'expired', 'cancelled'] as const satisfies readonly TwinningState[];

export type TwinningEvent = 'accept' | 'decline' | 'expire' | 'cancel' | 'complete' | 'work';

const allowedEvents: Record<TwinningState, readonly TwinningEvent[]> = {
  proposed: ['accept', 'decline', 'expire', 'cancel'],
  // `work`: goals, notes and the conversation.
  active: ['cancel', 'complete', 'work'],
  completed: [],
  declined: [],
  expired: [],
  cancelled: [],
};

export function eventAllowed(state: TwinningState, event: TwinningEvent): boolean {
  return allowedEvents[state].includes(event);
}

/** After one side's acceptance: still waiting for the other side, or active. */
export function stateAfterAcceptance(acceptances: Record<TwinningSide, boolean>): Extract<TwinningState, 'proposed' | 'active'> {
  return acceptances.mentor && acceptances.mentee ? 'active' : 'proposed';
}

/** Whether an activation fits the mentoring pole's capacity, its active twinnings counted under lock. */
export function fitsCapacity(mentor: { capacity: number; activeLoad: number }): boolean {
  return mentor.activeLoad < mentor.capacity;
}

/** An unanswered proposal expires after this many days. */
export const proposalLifetimeDays = 30;
/** An open request that no twinning answers is closed this many months after it was (re)opened. */
export const unpairedRequestMonths = 6;

const dayMs = 24 * 60 * 60 * 1000;

export function proposalExpiry(proposedAt: Date): Date {
  return new Date(proposedAt.getTime() + proposalLifetimeDays * dayMs);
}

/** The opening time before which an open, unpaired request is closed at `now`. */
export function unpairedRequestCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - unpairedRequestMonths);
  return cutoff;
}

/**
 * When a pole asks for a twinning with another one, which of the two mentors: the more mature,
 * then the one that declared a mentoring capacity; on a tie, the pole that asks is the one helped.
 */
export function sidesOfAsk(
  asking: { id: string; maturity: Maturity; mentoringCapacity: number },
  other: { id: string; maturity: Maturity; mentoringCapacity: number },
): { mentorPoleId: string; menteePoleId: string } {
  const level = (pole: { maturity: Maturity }) => maturities.indexOf(pole.maturity);
  const otherMentors = level(other) !== level(asking) ? level(other) > level(asking) : other.mentoringCapacity > 0 || asking.mentoringCapacity === 0;
  return otherMentors ? { mentorPoleId: other.id, menteePoleId: asking.id } : { mentorPoleId: asking.id, menteePoleId: other.id };
}

// ─── Forms ────────────────────────────────────────────────────────────────

export const limits = {
  message: { max: 2000 },
  reason: { min: 5, max: 500 },
  goal: { min: 3, max: 200 },
  goalsMax: 30,
  notes: { max: 10_000 },
  learned: { min: 10, max: 3000 },
  askMessage: { min: 10, max: 2000 },
} as const;

const uuid = (message: string) => z.string({ required_error: message }).uuid(message);

const reason = z
  .string({ required_error: 'pairing.errors.reasonRequired' })
  .trim()
  .min(limits.reason.min, 'pairing.errors.reasonTooShort')
  .max(limits.reason.max, 'pairing.errors.reasonTooLong');

/** The coordinator proposes a pair (from a request's suggestions, an emerging pole, a pole's ask or the cohort). */
export const proposalSchema = z.object({
  mentorPoleId: uuid('pairing.errors.unknownPole'),
  menteePoleId: uuid('pairing.errors.unknownPole'),
  requestId: uuid('pairing.errors.unknownRequest').optional(),
  askId: uuid('pairing.errors.unknownAsk').optional(),
  message: z.string().trim().max(limits.message.max, 'pairing.errors.messageTooLong').default(''),
});
export type ProposalInput = z.infer<typeof proposalSchema>;

/** A pole admin answers a proposal for their side. */
export const responseSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('accept') }), z.object({ intent: z.literal('decline'), reason })], {
  errorMap: () => ({ message: 'pairing.errors.unknownIntent' }),
});

export const cancellationSchema = z.object({ reason });

/** YYYY-MM-DD, a real calendar day. */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'pairing.errors.dueOnInvalid')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'pairing.errors.dueOnInvalid');

export const goalSchema = z.object({
  title: z
    .string({ required_error: 'pairing.errors.goalRequired' })
    .trim()
    .min(limits.goal.min, 'pairing.errors.goalTooShort')
    .max(limits.goal.max, 'pairing.errors.goalTooLong'),
  dueOn: isoDay.optional(),
});

export const goalTickSchema = z.object({
  goalId: uuid('pairing.errors.unknownGoal'),
  done: z.enum(['true', 'false'], { errorMap: () => ({ message: 'pairing.errors.unknownIntent' }) }).transform((value) => value === 'true'),
});

export const notesSchema = z.object({
  notes: z.string().trim().max(limits.notes.max, 'pairing.errors.notesTooLong').default(''),
});

export const evaluationSchema = z.object({
  goalsReached: z.enum(goalsReachedValues, { errorMap: () => ({ message: 'pairing.errors.goalsReachedRequired' }) }),
  rating: z
    .number({ required_error: 'pairing.errors.ratingRequired', invalid_type_error: 'pairing.errors.ratingRange' })
    .int('pairing.errors.ratingRange')
    .min(1, 'pairing.errors.ratingRange')
    .max(5, 'pairing.errors.ratingRange'),
  learned: z
    .string({ required_error: 'pairing.errors.learnedRequired' })
    .trim()
    .min(limits.learned.min, 'pairing.errors.learnedTooShort')
    .max(limits.learned.max, 'pairing.errors.learnedTooLong'),
});

/** A pole asks its coordinator for a twinning with a named pole. */
export const askSchema = z.object({
  fromPoleId: uuid('pairing.errors.unknownPole'),
  withPoleId: uuid('pairing.errors.unknownPole'),
  message: z
    .string({ required_error: 'pairing.errors.askMessageRequired' })
    .trim()
    .min(limits.askMessage.min, 'pairing.errors.askMessageTooShort')
    .max(limits.askMessage.max, 'pairing.errors.askMessageTooLong'),
});
