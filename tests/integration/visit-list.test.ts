import { describe, expect, test } from 'vitest';
import { loader } from '#app/routes/visites._index';
import { monthGrid, parisMonthRange, shiftMonth, visitsPerPage } from '#app/models/visit-list.server';
import { poleSectors, sectors, topics, visitBookings, visitTopics } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';
import { createGuestPole, createVisit } from '#tests/setup/visit-factories';

const { context, services } = await setupTestContext();
const db = services.db;
const dayMs = 24 * 60 * 60 * 1000;

type Page = Awaited<ReturnType<typeof loader>>;

async function page(query: string): Promise<Page> {
  const outcome = await settle<Page>(loader(routeArgs(context, makeRequest(`/visites${query}`))));
  expect(outcome.status).toBe(200);
  return outcome.data;
}

// Topics and a sector of their own, so other visits in the database never disturb a test. Made
// before the first page is read: the vocabulary the filters are checked against is cached.
const topicPool: string[] = [];
for (let index = 1; index <= 20; index += 1) {
  const slug = `v3-test-topic-${index}`;
  await db.insert(topics).values({ slug, name: `Thème de test ${index}`, nameEn: `Test topic ${index}`, description: 'Test' });
  topicPool.push(slug);
}
await db.insert(sectors).values({ slug: 'v3-test-sector', name: 'Filière de test', nameEn: 'Test sector' });

async function freshTopic(): Promise<string> {
  const slug = topicPool.shift();
  if (!slug) throw new Error('no test topic left');
  return slug;
}

async function visitOn(topic: string, input: Parameters<typeof createVisit>[1] = {}) {
  const visit = await createVisit(db, input);
  await db.insert(visitTopics).values({ visitId: visit.id, topicSlug: topic });
  return visit;
}

const listed = (result: Page) => result.list!.visits.map((visit) => visit.id);

describe('the list of upcoming visits', () => {
  test('shows scheduled visits to come, soonest first, with host, region, topics and seats left', async () => {
    const topic = await freshTopic();
    const later = await visitOn(topic, { startsAt: new Date(Date.now() + 10 * dayMs), title: 'Plus tard' });
    const sooner = await visitOn(topic, { startsAt: new Date(Date.now() + 5 * dayMs), title: 'Bientôt' });
    await visitOn(topic, { startsAt: new Date(Date.now() - 2 * dayMs), bookingDeadline: new Date(Date.now() - 3 * dayMs) });
    await visitOn(topic, { startsAt: new Date(Date.now() + 7 * dayMs), state: 'cancelled' });
    const guest = await createGuestPole(db);
    const other = await createGuestPole(db);
    await db.insert(visitBookings).values([
      { visitId: sooner.id, poleId: guest.pole.id, state: 'confirmed', seats: 3 },
      { visitId: sooner.id, poleId: other.pole.id, state: 'waiting', seats: 2 },
    ]);

    const result = await page(`?topic=${topic}`);
    expect(result.view).toBe('list');
    expect(result.filters.topic).toBe(topic);
    expect(listed(result)).toEqual([sooner.id, later.id]);
    expect(result.list!.total).toBe(2);
    const [first] = result.list!.visits;
    expect(first).toMatchObject({ title: 'Bientôt', town: 'Figeac', host: { slug: 'figeacteurs' }, region: { code: '76' }, seats: 10, free: 7 });
    expect(first!.topics.map((item) => item.slug)).toEqual([topic]);
  });

  test('filters by the host pole’s region', async () => {
    const topic = await freshTopic();
    const breton = await createPole(db, { regionCode: '53', verifiedAt: new Date() });
    const inBrittany = await visitOn(topic, { hostPoleId: breton.id });
    const inOccitanie = await visitOn(topic);
    expect(listed(await page(`?topic=${topic}&region=53`))).toEqual([inBrittany.id]);
    expect(listed(await page(`?topic=${topic}&region=76`))).toEqual([inOccitanie.id]);
    expect((await page(`?topic=${topic}&region=53`)).filters.region).toBe('53');
  });

  test('filters by topic and by the host pole’s sector', async () => {
    const topic = await freshTopic();
    const otherTopic = await freshTopic();
    const host = await createPole(db, { verifiedAt: new Date() });
    await db.insert(poleSectors).values({ poleId: host.id, sectorSlug: 'v3-test-sector' });
    const inSector = await visitOn(topic, { hostPoleId: host.id });
    const elsewhere = await visitOn(otherTopic);

    expect(listed(await page('?sector=v3-test-sector'))).toEqual([inSector.id]);
    expect(listed(await page(`?topic=${otherTopic}`))).toEqual([elsewhere.id]);
    expect(listed(await page(`?topic=${otherTopic}&sector=v3-test-sector`))).toEqual([]);
  });

  test('a filter that makes no sense is dropped, never an error page', async () => {
    const result = await page('?region=%3Cscript%3E&topic=unknown-topic&sector=UPPER&vue=calendar&mois=2027-13&page=abc');
    expect(result.view).toBe('list');
    expect(result.filters).toEqual({ region: undefined, topic: undefined, sector: undefined });
    expect(result.list!.page).toBe(1);
  });

  test('an empty result says so (no visit, total 0)', async () => {
    const topic = await freshTopic();
    const result = await page(`?topic=${topic}`);
    expect(result.list).toMatchObject({ total: 0, visits: [], page: 1, pageCount: 1 });
  });

  test(`pages hold ${visitsPerPage} visits; a page past the end shows the last`, async () => {
    const topic = await freshTopic();
    const created = [];
    for (let index = 0; index < visitsPerPage + 1; index += 1) {
      created.push(await visitOn(topic, { startsAt: new Date(Date.now() + (3 + index) * dayMs) }));
    }
    const first = await page(`?topic=${topic}`);
    expect(first.list).toMatchObject({ total: visitsPerPage + 1, page: 1, pageCount: 2 });
    expect(listed(first)).toEqual(created.slice(0, visitsPerPage).map((visit) => visit.id));
    const second = await page(`?topic=${topic}&page=2`);
    expect(listed(second)).toEqual([created.at(-1)!.id]);
    expect((await page(`?topic=${topic}&page=99`)).list!.page).toBe(2);
  });
});

describe('the month view', () => {
  const cellOf = (result: Page, day: string) =>
    result
      .month!.weeks.flat()
      .find((cell) => cell?.day === day)!
      .visits.map((visit) => visit.id);

  test('a visit at 00:30 in Paris sits on its Paris day, in summer and in winter', async () => {
    const topic = await freshTopic();
    // 2027-07-14T22:30Z is 00:30 on 15 July in Paris (UTC+2); 2027-01-14T23:30Z is 00:30 on 15 January (UTC+1).
    const summer = await visitOn(topic, { startsAt: new Date('2027-07-14T22:30:00Z'), bookingDeadline: new Date('2027-07-10T10:00:00Z') });
    const winter = await visitOn(topic, { startsAt: new Date('2027-01-14T23:30:00Z'), bookingDeadline: new Date('2027-01-10T10:00:00Z') });

    const july = await page(`?vue=mois&mois=2027-07&topic=${topic}`);
    expect(july.view).toBe('month');
    expect(july.month).toMatchObject({ month: '2027-07', previous: '2027-06', next: '2027-08', total: 1 });
    expect(cellOf(july, '2027-07-15')).toEqual([summer.id]);
    expect(cellOf(july, '2027-07-14')).toEqual([]);
    const placed = july.month!.weeks.flat().find((cell) => cell?.day === '2027-07-15')!.visits[0]!;
    expect(placed.time).toBe('00:30');

    const january = await page(`?vue=mois&mois=2027-01&topic=${topic}`);
    expect(cellOf(january, '2027-01-15')).toEqual([winter.id]);
    expect(cellOf(january, '2027-01-14')).toEqual([]);
  });

  test('a visit at 00:30 on the 1st in Paris belongs to that month, not the one before', async () => {
    const topic = await freshTopic();
    const visit = await visitOn(topic, { startsAt: new Date('2027-07-31T22:30:00Z'), bookingDeadline: new Date('2027-07-20T10:00:00Z') });
    expect((await page(`?vue=mois&mois=2027-07&topic=${topic}`)).month!.total).toBe(0);
    const august = await page(`?vue=mois&mois=2027-08&topic=${topic}`);
    expect(cellOf(august, '2027-08-01')).toEqual([visit.id]);
  });

  test('weeks start on Monday; days outside the month are empty cells', async () => {
    const result = await page('?vue=mois&mois=2027-07');
    const weeks = result.month!.weeks;
    // 1 July 2027 is a Thursday: three empty cells first; 31 July is a Saturday: one after.
    expect(weeks[0]!.slice(0, 3)).toEqual([null, null, null]);
    expect(weeks[0]![3]!.day).toBe('2027-07-01');
    expect(weeks.at(-1)!.at(-2)!.day).toBe('2027-07-31');
    expect(weeks.at(-1)!.at(-1)).toBeNull();
    expect(weeks.every((week) => week.length === 7)).toBe(true);
  });

  test('the month view keeps the filters and leaves out cancelled visits', async () => {
    const topic = await freshTopic();
    const breton = await createPole(db, { regionCode: '53', verifiedAt: new Date() });
    const kept = await visitOn(topic, { hostPoleId: breton.id, startsAt: new Date('2027-03-10T08:30:00Z'), bookingDeadline: new Date('2027-03-01T08:00:00Z') });
    await visitOn(topic, { startsAt: new Date('2027-03-11T08:30:00Z'), bookingDeadline: new Date('2027-03-01T08:00:00Z') });
    await visitOn(topic, {
      hostPoleId: breton.id,
      state: 'cancelled',
      startsAt: new Date('2027-03-12T08:30:00Z'),
      bookingDeadline: new Date('2027-03-01T08:00:00Z'),
    });
    const result = await page(`?vue=mois&mois=2027-03&topic=${topic}&region=53`);
    expect(result.filters).toMatchObject({ topic, region: '53' });
    expect(result.month!.total).toBe(1);
    expect(cellOf(result, '2027-03-10')).toEqual([kept.id]);
  });

  test('without a month, the current month in Paris', async () => {
    const result = await page('?vue=mois');
    const now = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(new Date());
    expect(result.month!.month).toBe(now.slice(0, 7));
  });

  test('month arithmetic and Paris month boundaries', () => {
    expect(shiftMonth('2027-12', 1)).toBe('2028-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(parisMonthRange('2027-07')).toEqual({ from: new Date('2027-06-30T22:00:00Z'), to: new Date('2027-07-31T22:00:00Z') });
    expect(parisMonthRange('2027-03')).toEqual({ from: new Date('2027-02-28T23:00:00Z'), to: new Date('2027-03-31T22:00:00Z') });
    // February 2027 starts on a Monday and has exactly four weeks.
    expect(monthGrid('2027-02', []).length).toBe(4);
  });
});
