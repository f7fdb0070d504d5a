import { and, eq, gte, inArray } from 'drizzle-orm';
import ical, { ICalEventStatus, type ICalCalendar, type ICalTemporalInstantStub, type ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Database, Executor } from '#db/client';
import { calendarFeeds, poleMemberships, poles, users, visitBookings, visits } from '#db/schema';
import { liveBookingStates } from '#app/domain/visits/booking';
import { visitPath } from '#app/domain/paths';
import { isLanguage } from '#app/i18n';
import { catalogueOf } from '#app/locales/catalogues.server';
import { generateToken, hashToken } from '#app/utils/crypto.server';

const parisTimeZone = 'Europe/Paris';
/** How far back the private feed goes: recent visits stay in the person's calendar. */
const feedHistoryDays = 180;

type CalendarTexts = ReturnType<typeof catalogueOf>['calendar']['ics'];
type LiveState = (typeof liveBookingStates)[number];

// ─── Instants that ical-generator writes as Paris wall time ───────────────

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a time zone (Intl, no library). */
function wallFields(epochMilliseconds: number, timeZone: string) {
  let format = wallFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    wallFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(epochMilliseconds)).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function zoned(epochMilliseconds: number, timeZone: string): ICalTemporalZonedDateTimeStub {
  const fields = wallFields(epochMilliseconds, timeZone);
  const text = new Date(epochMilliseconds).toISOString();
  const date = { year: fields.year, month: fields.month, day: fields.day, toJSON: () => text.slice(0, 10), toString: () => text.slice(0, 10) };
  return {
    ...fields,
    timeZoneId: timeZone,
    toInstant: () => instantOf(new Date(epochMilliseconds)),
    toJSON: () => text,
    toString: () => text,
    withTimeZone: (other) => zoned(epochMilliseconds, other),
    toPlainDateTime: () => ({
      ...fields,
      toJSON: () => text,
      toString: () => text,
      toPlainDate: () => date,
      toZonedDateTime: (other) => zoned(epochMilliseconds, other),
    }),
  };
}

/**
 * An instant as a Temporal.Instant look-alike. Given a native Date and a time zone, ical-generator
 * would print the Date's fields in the server's own zone; given an Instant, it converts to the
 * event's zone itself, so DTSTART reads `TZID=Europe/Paris:…T093000` for 09:30 in Paris.
 */
function instantOf(date: Date): ICalTemporalInstantStub {
  const epochMilliseconds = date.getTime();
  return {
    epochMilliseconds,
    toJSON: () => date.toISOString(),
    toString: () => date.toISOString(),
    toZonedDateTimeISO: (timeZone) => zoned(epochMilliseconds, timeZone),
  };
}

// ─── Calendars ────────────────────────────────────────────────────────────

type CalendarVisit = {
  id: string;
  title: string;
  programme: string;
  startsAt: Date;
  durationMinutes: number;
  address: string;
  town: string;
  state: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  updatedAt: Date;
  hostName: string;
};

const visitColumns = {
  id: visits.id,
  title: visits.title,
  programme: visits.programme,
  startsAt: visits.startsAt,
  durationMinutes: visits.durationMinutes,
  address: visits.address,
  town: visits.town,
  state: visits.state,
  cancelReason: visits.cancelReason,
  updatedAt: visits.updatedAt,
  hostName: poles.name,
};

function newCalendar(name: string): ICalCalendar {
  const calendar = ical({ name, prodId: { company: 'erasmus-ptce', product: 'visites', language: 'FR' } });
  // A VTIMEZONE for Europe/Paris (RFC 5545 §3.6.5), the zone every DTSTART/DTEND is written in.
  calendar.timezone({ name: null, generator: (timeZone) => tzlib_get_ical_block(timeZone)[0] ?? null });
  return calendar;
}

function addVisitEvent(calendar: ICalCalendar, visit: CalendarVisit, appUrl: URL, texts: CalendarTexts, note?: string) {
  const url = new URL(visitPath(visit.id), appUrl).href;
  const cancelled = visit.state === 'cancelled';
  const description = [
    cancelled ? `${texts.cancelled}${visit.cancelReason ? ` : ${visit.cancelReason}` : ''}` : null,
    note ?? null,
    `${texts.host} : ${visit.hostName}`,
    visit.programme,
    `${texts.page} : ${url}`,
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n\n');
  calendar.createEvent({
    id: `${visit.id}@erasmus-ptce`,
    start: instantOf(visit.startsAt),
    end: instantOf(new Date(visit.startsAt.getTime() + visit.durationMinutes * 60_000)),
    timezone: parisTimeZone,
    summary: visit.title,
    location: `${visit.address}, ${visit.town}`,
    description,
    url,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // Each edit bumps updated_at: calendar clients take the later sequence as the newer version.
    sequence: Math.floor(visit.updatedAt.getTime() / 1000),
    lastModified: visit.updatedAt,
    stamp: visit.updatedAt,
  });
}

/** A safe file name for a visit's .ics: `visite-<title>-<date>.ics`, letters, digits and dashes only. */
function fileNameOf(visit: CalendarVisit): string {
  const title = visit.title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const day = wallFields(visit.startsAt.getTime(), parisTimeZone);
  const date = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
  return `visite-${title ? `${title}-` : ''}${date}.ics`;
}

/** One visit as an .ics file (in French), or null for an unknown visit. */
export async function visitCalendar(db: Executor, visitId: string, appUrl: URL): Promise<{ fileName: string; body: string } | null> {
  const [visit] = await db.select(visitColumns).from(visits).innerJoin(poles, eq(poles.id, visits.poleId)).where(eq(visits.id, visitId));
  if (!visit) return null;
  const texts = catalogueOf('fr').calendar.ics;
  const calendar = newCalendar(visit.title);
  addVisitEvent(calendar, visit, appUrl, texts);
  return { fileName: fileNameOf(visit), body: calendar.toString() };
}

// ─── Private feeds ────────────────────────────────────────────────────────

/** Whether the person has a feed, and since when (the token itself is never kept). */
export async function calendarFeedStatus(db: Executor, userId: string): Promise<{ createdAt: Date } | null> {
  const [feed] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return feed ?? null;
}

/** A new secret for the person's feed; the previous one, if any, stops working at once. */
export async function createCalendarFeed(db: Database, userId: string, now = new Date()): Promise<string> {
  const token = generateToken();
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash: hashToken(token), createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hashToken(token), createdAt: now } });
  return token;
}

/** Ends the person's feed; false when there was none. */
export async function revokeCalendarFeed(db: Database, userId: string): Promise<boolean> {
  const removed = await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning({ userId: calendarFeeds.userId });
  return removed.length > 0;
}

/**
 * The feed behind a token: one VCALENDAR of the visits the person's poles host and of those their
 * poles hold a live booking on (pending, confirmed or waiting, said in each event). Null for a
 * token that is unknown, revoked or replaced.
 */
export async function calendarFeed(db: Executor, token: string, appUrl: URL, now = new Date()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [owner] = await db
    .select({ userId: calendarFeeds.userId, language: users.language })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, hashToken(token)));
  if (!owner) return null;
  const catalogue = catalogueOf(isLanguage(owner.language) ? owner.language : 'fr').calendar;
  const since = new Date(now.getTime() - feedHistoryDays * 24 * 60 * 60 * 1000);
  const poleIds = (await db.select({ poleId: poleMemberships.poleId }).from(poleMemberships).where(eq(poleMemberships.userId, owner.userId))).map(
    (row) => row.poleId,
  );
  const calendar = newCalendar(catalogue.feed.name);
  if (poleIds.length === 0) return calendar.toString();

  const [hosted, booked] = await Promise.all([
    db
      .select(visitColumns)
      .from(visits)
      .innerJoin(poles, eq(poles.id, visits.poleId))
      .where(and(inArray(visits.poleId, poleIds), gte(visits.startsAt, since))),
    db
      .select({ ...visitColumns, bookingState: visitBookings.state, bookingPole: visitBookings.poleId, seats: visitBookings.seats })
      .from(visitBookings)
      .innerJoin(visits, eq(visits.id, visitBookings.visitId))
      .innerJoin(poles, eq(poles.id, visits.poleId))
      .where(and(inArray(visitBookings.poleId, poleIds), inArray(visitBookings.state, [...liveBookingStates]), gte(visits.startsAt, since))),
  ]);
  const seen = new Set<string>();
  for (const visit of hosted) {
    seen.add(visit.id);
    addVisitEvent(calendar, visit, appUrl, catalogue.ics, catalogue.ics.hosted);
  }
  for (const { bookingState, bookingPole: _pole, seats, ...visit } of booked) {
    if (seen.has(visit.id)) continue;
    seen.add(visit.id);
    const state = catalogue.ics.bookingStates[bookingState as LiveState];
    addVisitEvent(calendar, visit, appUrl, catalogue.ics, catalogue.ics.booked.replace('{{state}}', state).replace('{{seats}}', String(seats)));
  }
  return calendar.toString();
}
