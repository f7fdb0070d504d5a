import { fromParisParts, toParisParts } from './time';

/**
 * When a learning visit's reminder and follow-up go, with no React and no database. The jobs carry
 * the start they were scheduled for; the handlers read the visit again and do nothing when it moved
 * or was cancelled, so a moved visit's old jobs fall silent while the new ones take over.
 *
 * - The reminder goes 48 hours before the start. A visit created or moved less than 48 hours ahead
 *   gets none: the act itself just told everyone concerned (the host made it; a move mails every
 *   booked pole the new date), and a booking made from then on gets its confirmation with the date.
 * - The follow-up goes at 09:00, Paris time, on the day after the visit ends; while some booking's
 *   attendance is unmarked it comes back at 09:00 every day, for 14 days after the visit at most.
 */

export const reminderLeadMs = 48 * 60 * 60 * 1000;
/** The local hour of the day-after follow-up. */
export const followUpTime = '09:00';
/** How long after the visit the follow-up keeps waiting for the attendance to be marked. */
export const followUpDays = 14;
/**
 * How early a job may run and still count as due: pg-boss starts it by the database's clock, the
 * handler checks by the app's. Earlier than this, the handler puts it back for its time.
 */
export const dueSlackMs = 10 * 60 * 1000;

const dayMs = 24 * 60 * 60 * 1000;

/** When the 48-hour reminder goes, or null when that moment has already passed at `now`. */
export function reminderAt(startsAt: Date, now: Date): Date | null {
  const at = new Date(startsAt.getTime() - reminderLeadMs);
  return at.getTime() > now.getTime() ? at : null;
}

/** The visit's end: its start plus its duration. */
export function visitEnd(visit: { startsAt: Date; durationMinutes: number }): Date {
  return new Date(visit.startsAt.getTime() + visit.durationMinutes * 60_000);
}

/** The calendar day after `date` (YYYY-MM-DD). */
function nextDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** 09:00 in Paris on `date` (09:00 always exists: the clock changes at 02:00 and 03:00). */
function morningOf(date: string): Date {
  const result = fromParisParts(date, followUpTime);
  if (!result.ok) throw new Error(`no ${followUpTime} in Paris on ${date}`);
  return result.instant;
}

/** The first follow-up: 09:00 in Paris on the day after the visit ends. */
export function followUpAt(visit: { startsAt: Date; durationMinutes: number }): Date {
  return morningOf(nextDay(toParisParts(visitEnd(visit)).date));
}

/**
 * The next follow-up after one that ran at `now` and found attendance still to mark: the next
 * 09:00 in Paris after `now`, or null once that is more than 14 days after the visit's end.
 */
export function nextFollowUpAt(visit: { startsAt: Date; durationMinutes: number }, now: Date): Date | null {
  const today = toParisParts(now).date;
  const todayMorning = morningOf(today);
  const next = todayMorning.getTime() > now.getTime() ? todayMorning : morningOf(nextDay(today));
  return next.getTime() <= visitEnd(visit).getTime() + followUpDays * dayMs ? next : null;
}

/** Whether a job meant for `due` may act at `now` (a little early still counts). */
export function isDue(due: Date, now: Date): boolean {
  return now.getTime() >= due.getTime() - dueSlackMs;
}
