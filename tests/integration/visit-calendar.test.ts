import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { loader as visitIcsLoader } from '#app/routes/visites.$id.calendrier';
import { loader as feedLoader } from '#app/routes/calendrier.$token';
import { action as accountAction, loader as accountLoader } from '#app/routes/compte';
import { calendarFeedPath, visitPath } from '#app/domain/paths';
import { createCalendarFeed, revokeCalendarFeed } from '#app/models/visit-calendar.server';
import { hashToken } from '#app/utils/crypto.server';
import { calendarFeeds, users, visitBookings, visits } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext, testOrigin } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';
import { createGuestPole, createVisit } from '#tests/setup/visit-factories';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

async function fetchIcs(id: string) {
  return settle(visitIcsLoader(routeArgs(context, makeRequest(visitPath(id, 'calendrier')), { id })));
}

async function readIcs(id: string): Promise<{ response: Response; text: string }> {
  const thrownOrReturned = await visitIcsLoader(routeArgs(context, makeRequest(visitPath(id, 'calendrier')), { id }));
  const response = thrownOrReturned as Response;
  return { response, text: await response.text() };
}

async function feed(token: string): Promise<{ status: number; text: string }> {
  try {
    const response = (await feedLoader(routeArgs(context, makeRequest(calendarFeedPath(token)), { token }))) as Response;
    return { status: response.status, text: await response.text() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: '' };
    throw thrown;
  }
}

/** The VCALENDAR parsed by ical.js, its time zones registered so dates convert to instants. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar;
}

function uidsOf(text: string): string[] {
  return parse(text)
    .getAllSubcomponents('vevent')
    .map((event) => String(event.getFirstPropertyValue('uid')))
    .sort();
}

describe('one visit as an .ics file', () => {
  test.each([
    ['summer', '2027-07-01T07:30:00Z', '2027-07-01T09:30:00', '2027-07-01T13:30:00'],
    ['winter', '2027-01-14T08:30:00Z', '2027-01-14T09:30:00', '2027-01-14T13:30:00'],
  ])('in %s, DTSTART carries TZID=Europe/Paris and the Paris wall time (09:30)', async (_season, instant, wallStart, wallEnd) => {
    const visit = await createVisit(db, {
      startsAt: new Date(instant),
      bookingDeadline: new Date(Date.parse(instant) - 86_400_000),
      title: 'Visite des ateliers',
    });
    const { response, text } = await readIcs(visit.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="visite-visite-des-ateliers-\d{4}-\d{2}-\d{2}\.ics"$/);

    const calendar = parse(text);
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(zone.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    const event = calendar.getFirstSubcomponent('vevent')!;
    const start = event.getFirstProperty('dtstart')!;
    expect(start.getParameter('tzid')).toBe('Europe/Paris');
    expect((start.getFirstValue() as ICAL.Time).toString()).toBe(wallStart);
    expect((event.getFirstPropertyValue('dtend') as ICAL.Time).toString()).toBe(wallEnd);
    // Read through the VTIMEZONE, the wall time is the stored instant.
    const parsed = new ICAL.Event(event);
    expect(parsed.startDate.toJSDate().toISOString()).toBe(new Date(instant).toISOString());
    expect(parsed.endDate.toJSDate().getTime() - parsed.startDate.toJSDate().getTime()).toBe(240 * 60_000);
    expect(text).toContain(`DTSTART;TZID=Europe/Paris:${wallStart.replace(/[-:]/g, '')}`);

    expect(parsed.uid).toBe(`${visit.id}@erasmus-ptce`);
    expect(parsed.summary).toBe('Visite des ateliers');
    expect(parsed.location).toBe('2 place Champollion, Figeac');
    const url = `${testOrigin}${visitPath(visit.id)}`;
    expect(parsed.description).toContain('Accueil, visite des ateliers, échanges.');
    expect(parsed.description).toContain(url);
    expect(event.getFirstPropertyValue('url')).toBe(url);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  test('the same UID on every download; an edit raises SEQUENCE and LAST-MODIFIED', async () => {
    const visit = await createVisit(db);
    const before = parse((await readIcs(visit.id)).text).getFirstSubcomponent('vevent')!;
    const again = parse((await readIcs(visit.id)).text).getFirstSubcomponent('vevent')!;
    expect(again.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
    expect(again.getFirstPropertyValue('sequence')).toBe(before.getFirstPropertyValue('sequence'));

    await db
      .update(visits)
      .set({ updatedAt: new Date(visit.updatedAt.getTime() + 3_600_000) })
      .where(eq(visits.id, visit.id));
    const after = parse((await readIcs(visit.id)).text).getFirstSubcomponent('vevent')!;
    expect(after.getFirstPropertyValue('uid')).toBe(`${visit.id}@erasmus-ptce`);
    expect(Number(after.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(before.getFirstPropertyValue('sequence')));
    expect((after.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().getTime()).toBe(
      visit.updatedAt.getTime() + 3_600_000 - (visit.updatedAt.getTime() % 1000),
    );
  });

  test('a cancelled visit says STATUS:CANCELLED', async () => {
    const visit = await createVisit(db, { state: 'cancelled' });
    const event = parse((await readIcs(visit.id)).text).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  test('an unknown or malformed id answers 404', async () => {
    expect((await fetchIcs('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await fetchIcs('not-a-uuid')).status).toBe(404);
  });
});

describe('the private calendar feed', () => {
  async function person(email: string) {
    const [user] = await db.insert(users).values({ email, name: email, passwordHash: '-', language: 'fr' }).returning({ id: users.id });
    return user!.id;
  }

  test('lists the visits the person’s pole hosts and those it is booked on, and no others', async () => {
    const guest = await createGuestPole(db);
    const otherHost = await createPole(db, { verifiedAt: new Date() });
    const hosted = await createVisit(db, { hostPoleId: guest.pole.id, title: 'Chez nous' });
    const confirmed = await createVisit(db, { hostPoleId: otherHost.id, title: 'Confirmée' });
    const pending = await createVisit(db, { hostPoleId: otherHost.id, title: 'En attente' });
    const waiting = await createVisit(db, { hostPoleId: otherHost.id, title: 'Liste d’attente' });
    const cancelledBooking = await createVisit(db, { hostPoleId: otherHost.id, title: 'Réservation annulée' });
    const unrelated = await createVisit(db, { hostPoleId: otherHost.id, title: 'Rien à voir' });
    await db.insert(visitBookings).values([
      { visitId: confirmed.id, poleId: guest.pole.id, state: 'confirmed', seats: 2 },
      { visitId: pending.id, poleId: guest.pole.id, state: 'pending', seats: 1 },
      { visitId: waiting.id, poleId: guest.pole.id, state: 'waiting', seats: 3 },
      { visitId: cancelledBooking.id, poleId: guest.pole.id, state: 'cancelled', seats: 1 },
    ]);

    const token = await createCalendarFeed(db, guest.admin.id);
    const answer = await feed(token);
    expect(answer.status).toBe(200);
    expect(uidsOf(answer.text)).toEqual([hosted.id, confirmed.id, pending.id, waiting.id].map((id) => `${id}@erasmus-ptce`).sort());
    expect(answer.text).not.toContain(unrelated.id);
    expect(answer.text).not.toContain(cancelledBooking.id);

    const events = new Map(
      parse(answer.text)
        .getAllSubcomponents('vevent')
        .map((event) => [String(event.getFirstPropertyValue('uid')), new ICAL.Event(event)]),
    );
    expect(events.get(`${hosted.id}@erasmus-ptce`)!.description).toContain('Votre pôle accueille cette visite.');
    expect(events.get(`${confirmed.id}@erasmus-ptce`)!.description).toContain('(2 place(s)) : confirmée');
    expect(events.get(`${pending.id}@erasmus-ptce`)!.description).toContain('en attente de confirmation');
    expect(events.get(`${waiting.id}@erasmus-ptce`)!.description).toContain('sur liste d’attente');
    // Times in the feed are Paris wall times with their VTIMEZONE too.
    expect(parse(answer.text).getFirstSubcomponent('vevent')!.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
  });

  test('only the SHA-256 of the token is stored', async () => {
    const userId = await person('feed-hash@test.ptce.fr');
    const token = await createCalendarFeed(db, userId);
    const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(row!.tokenHash).not.toContain(token);
  });

  test('a regenerated address revokes the old one; a revoked feed answers 404', async () => {
    const guest = await createGuestPole(db);
    const old = await createCalendarFeed(db, guest.admin.id);
    expect((await feed(old)).status).toBe(200);
    const renewed = await createCalendarFeed(db, guest.admin.id);
    expect(renewed).not.toBe(old);
    expect((await feed(old)).status).toBe(404);
    expect((await feed(renewed)).status).toBe(200);
    expect(await revokeCalendarFeed(db, guest.admin.id)).toBe(true);
    expect((await feed(renewed)).status).toBe(404);
    expect(await revokeCalendarFeed(db, guest.admin.id)).toBe(false);
  });

  test('unknown and malformed tokens answer 404', async () => {
    expect((await feed('A'.repeat(43))).status).toBe(404);
    expect((await feed('../../etc')).status).toBe(404);
    expect((await feed('')).status).toBe(404);
  });

  test('one person’s token never shows another person’s visits', async () => {
    const first = await createGuestPole(db);
    const second = await createGuestPole(db);
    const mine = await createVisit(db, { hostPoleId: first.pole.id });
    const theirs = await createVisit(db, { hostPoleId: second.pole.id });
    const firstFeed = (await feed(await createCalendarFeed(db, first.admin.id))).text;
    const secondFeed = (await feed(await createCalendarFeed(db, second.admin.id))).text;
    expect(uidsOf(firstFeed)).toEqual([`${mine.id}@erasmus-ptce`]);
    expect(uidsOf(secondFeed)).toEqual([`${theirs.id}@erasmus-ptce`]);
    // Someone in no pole gets an empty, valid calendar.
    const loner = await person('feed-loner@test.ptce.fr');
    expect(uidsOf((await feed(await createCalendarFeed(db, loner))).text)).toEqual([]);
  });
});

describe('« Mon agenda privé » on /compte', () => {
  const email = 'membre@demo.ptce.fr';

  async function post(intent: string) {
    return settle(accountAction(routeArgs(context, makeRequest('/compte', { form: { intent }, cookie: await cookieFor(email) }))));
  }

  test('creates the address, shows it once, then « active since »; regenerating and revoking work without JavaScript', async () => {
    const account = async () => (await settle(accountLoader(routeArgs(context, makeRequest('/compte', { cookie: await cookieFor(email) }))))).data;
    expect((await account()).calendarFeed).toBeNull();

    const created = await post('calendar-feed-create');
    expect(created.status).toBe(200);
    expect(created.data.success).toBe('calendar.feed.created');
    const url = new URL(created.data.feedUrl as string);
    expect(url.origin).toBe(testOrigin);
    const token = url.pathname.split('/').at(-1)!;
    expect(url.pathname).toBe(calendarFeedPath(token));
    // A member of figeacteurs: the pole's visits are in the feed.
    const hosted = await createVisit(db);
    expect((await feed(token)).text).toContain(`${hosted.id}@erasmus-ptce`);

    const page = await account();
    expect(page.calendarFeed).not.toBeNull();
    expect(JSON.stringify(page)).not.toContain(token);

    const regenerated = await post('calendar-feed-create');
    const newToken = new URL(regenerated.data.feedUrl as string).pathname.split('/').at(-1)!;
    expect(newToken).not.toBe(token);
    expect((await feed(token)).status).toBe(404);
    expect((await feed(newToken)).status).toBe(200);

    const revoked = await post('calendar-feed-revoke');
    expect(revoked.data.success).toBe('calendar.feed.revoked');
    expect((await feed(newToken)).status).toBe(404);
    expect((await account()).calendarFeed).toBeNull();
    expect((await post('calendar-feed-revoke')).data.success).toBe('calendar.feed.nothingToRevoke');
  });

  test('a visitor who is not signed in cannot create a feed', async () => {
    const outcome = await settle(accountAction(routeArgs(context, makeRequest('/compte', { form: { intent: 'calendar-feed-create' } }))));
    expect(outcome.status).toBeGreaterThanOrEqual(300);
    expect(outcome.data?.feedUrl).toBeUndefined();
  });
});
