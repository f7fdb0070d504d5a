import { z } from 'zod';

/** Moderation of live threads (decision 019): the rules, with no SQL and no React. */

/** Reports from this many different people hide a message at once, pending a coordinator's review. */
export const reportsToHide = 3;

const reason = (required: string) => z.string({ required_error: required }).trim().min(3, required).max(500, 'moderation.errors.reasonTooLong');

export const reportSchema = z.object({ reason: reason('moderation.errors.reasonRequired') });
export const hideSchema = z.object({ reason: reason('moderation.errors.reasonRequired') });
export const restoreSchema = z.object({ reason: reason('moderation.errors.reasonRequired') });
export const lockSchema = z.object({ reason: reason('moderation.errors.reasonRequired') });

/** Slow mode: one message per person every `seconds`, for `hours` from now (coordinators are exempt). */
export const slowModeSchema = z.object({
  seconds: z.coerce
    .number({ invalid_type_error: 'moderation.errors.slowSeconds' })
    .int('moderation.errors.slowSeconds')
    .min(5, 'moderation.errors.slowSeconds')
    .max(3600, 'moderation.errors.slowSeconds'),
  hours: z.coerce
    .number({ invalid_type_error: 'moderation.errors.slowHours' })
    .int('moderation.errors.slowHours')
    .min(1, 'moderation.errors.slowHours')
    .max(168, 'moderation.errors.slowHours'),
});

/** The durations a person can be muted for, in hours (a day, three days, a week, a month). */
export const muteDurations = [24, 72, 168, 720] as const;
export const muteSchema = z.object({
  hours: z.coerce
    .number({ invalid_type_error: 'moderation.errors.muteDuration' })
    .refine((hours) => (muteDurations as readonly number[]).includes(hours), 'moderation.errors.muteDuration'),
  reason: reason('moderation.errors.reasonRequired'),
});

export type SlowMode = { seconds: number | null; until: Date | null };

/** Whether slow mode applies now. */
export function slowModeActive(slow: SlowMode, now: Date): slow is { seconds: number; until: Date } {
  return slow.seconds !== null && slow.until !== null && slow.until > now;
}

/**
 * How many seconds a person still waits before their next message (0: they may post now), given
 * when they last posted in the thread. Coordinators are exempt: the caller passes `exempt`.
 */
export function slowModeWait(slow: SlowMode, lastPostedAt: Date | null, now: Date, exempt = false): number {
  if (exempt || !slowModeActive(slow, now) || lastPostedAt === null) return 0;
  const nextAt = lastPostedAt.getTime() + slow.seconds * 1000;
  return Math.max(0, Math.ceil((nextAt - now.getTime()) / 1000));
}

/**
 * The moderation forms of a thread page and of the queue, by their hidden `intent`: reporting
 * (any reader), and the moderators' acts on a message (`messageId`), the thread, or an author (`userId`).
 */
export const moderationIntents = ['report', 'hide', 'restore', 'lock', 'unlock', 'slowMode', 'endSlowMode', 'mute', 'unmute'] as const;
export type ModerationIntent = (typeof moderationIntents)[number];

export function isModerationIntent(value: unknown): value is ModerationIntent {
  return (moderationIntents as readonly unknown[]).includes(value);
}

/** The intents that act on one message (the form carries its `messageId`). */
export const messageIntents: ReadonlySet<ModerationIntent> = new Set(['report', 'hide', 'restore']);
