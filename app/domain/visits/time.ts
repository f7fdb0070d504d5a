/**
 * Visit times are entered and shown in Europe/Paris and stored in UTC. Pure Intl, no library: the
 * offset of Paris at an instant is read from `Intl.DateTimeFormat`, and a local time is turned into
 * an instant by trying the two offsets Paris uses (+01:00 in winter, +02:00 in summer).
 *
 * - A local time that does not exist (the spring gap, 02:00–02:59 on the last Sunday of March)
 *   is refused with `visitHosting.errors.timeDoesNotExist`.
 * - A local time that happens twice (02:00–02:59 on the last Sunday of October) is taken at its
 *   first occurrence (summer time).
 */

export const parisTimeZone = 'Europe/Paris';

export type LocalParts = { date: string; time: string };
export type ParisTimeResult = { ok: true; instant: Date } | { ok: false; error: 'visitHosting.errors.timeDoesNotExist' | 'visitHosting.errors.dateInvalid' };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: parisTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The date and time in Paris at this instant, as a form fills them (YYYY-MM-DD, HH:MM). */
export function toParisParts(instant: Date): LocalParts {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Whether the text is a real calendar date (YYYY-MM-DD). */
export function isCalendarDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isClockTime(text: string): boolean {
  return timePattern.test(text);
}

/**
 * The UTC instant of a date and time read on a clock in Paris. Of the two offsets Paris uses, the
 * candidates whose Paris reading gives back the entered parts are kept; summer time first, so the
 * repeated autumn hour is its first occurrence; none means the time falls in the spring gap.
 */
export function fromParisParts(date: string, time: string): ParisTimeResult {
  if (!isCalendarDate(date) || !isClockTime(time)) return { ok: false, error: 'visitHosting.errors.dateInvalid' };
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const back = toParisParts(candidate);
    if (back.date === date && back.time === time) return { ok: true, instant: candidate };
  }
  return { ok: false, error: 'visitHosting.errors.timeDoesNotExist' };
}

/** Formatters are costly to build: one per language and style, kept for the process. */
const readableFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date and time in Paris for people to read: `full` « mercredi 31 mars 2027 à 09:30 » (the
 * default), `long` « 31 mars 2027 à 09:30 ».
 */
export function formatInParis(instant: Date, language: 'fr' | 'en', dateStyle: 'full' | 'long' = 'full'): string {
  const key = `${language}:${dateStyle}`;
  let format = readableFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle, timeStyle: 'short', timeZone: parisTimeZone });
    readableFormats.set(key, format);
  }
  return format.format(instant);
}
