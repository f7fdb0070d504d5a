import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { mentoringProfileOf } from '#app/models/pole-profile.server';
import { createLogger } from '#app/utils/logger.server';
import {
  auditLog,
  messages,
  offers,
  poleMentoringTopics,
  poles,
  regionalBodies,
  regionalBodyRegions,
  regions,
  requestTopics,
  requests,
  sectors,
  threads,
  topics,
  twinningEvaluations,
  twinningGoals,
  twinnings,
  users,
  visitBookings,
  visitTopics,
  visits,
} from '#db/schema';
import { demoOffers, demoRequests } from '#db/seed/data/marketplace';
import { demoMentoring } from '#db/seed/data/mentoring';
import { demoAccounts, seedDatabase, seedIfEmpty } from '#db/seed/seed';
import { demoVisits } from '#db/seed/visits';
import { toParisParts } from '#app/domain/visits/time';
import { setupTestContext } from '#tests/setup/context';

const { services, database } = await setupTestContext({ demo: true });
const db = services.db;
/** The reference data alone, as `npm run db:seed` loads it without demo mode. */
const reference = await setupTestContext({ demo: false });

async function tally() {
  const [all] = await db.select({ n: count() }).from(poles);
  const [real] = await db.select({ n: count() }).from(poles).where(eq(poles.fictional, false));
  const [active] = await db
    .select({ n: count() })
    .from(poles)
    .where(sql`${poles.fictional} = false and ${poles.status} = 'active'`);
  const [regionCount] = await db.select({ n: count() }).from(regions);
  const [bodies] = await db.select({ n: count() }).from(regionalBodies);
  const [userCount] = await db.select({ n: count() }).from(users);
  const [sectorCount] = await db.select({ n: count() }).from(sectors);
  const [topicCount] = await db.select({ n: count() }).from(topics);
  const [offerCount] = await db.select({ n: count() }).from(offers);
  const [requestCount] = await db.select({ n: count() }).from(requests);
  const pairing = await Promise.all(
    [poleMentoringTopics, twinnings, twinningGoals, twinningEvaluations, threads, auditLog, visits, visitTopics].map(
      async (table) => (await db.select({ n: count() }).from(table))[0]!.n,
    ),
  );
  return {
    pairing,
    offers: offerCount!.n,
    requests: requestCount!.n,
    all: all!.n,
    real: real!.n,
    active: active!.n,
    regions: regionCount!.n,
    bodies: bodies!.n,
    users: userCount!.n,
    sectors: sectorCount!.n,
    topics: topicCount!.n,
  };
}

describe('seed', () => {
  test('loads the 74 poles of the report (56 active), the 18 regions and a body per region with poles', async () => {
    const counts = await tally();
    expect(counts).toMatchObject({ real: 74, active: 56, regions: 18, users: demoAccounts.length, offers: demoOffers.length, requests: demoRequests.length });
    expect(counts.all - counts.real).toBe(4);
    expect(counts.sectors).toBeGreaterThan(10);
    expect(counts.topics).toBeGreaterThan(10);
    const regionsWithPoles = await db.selectDistinct({ code: poles.regionCode }).from(poles).where(eq(poles.fictional, false));
    expect(counts.bodies).toBe(regionsWithPoles.length);
    const covered = await db.select({ code: regionalBodyRegions.regionCode }).from(regionalBodyRegions);
    expect(covered.map((row) => row.code).sort()).toEqual(regionsWithPoles.map((row) => row.code).sort());
  });

  test('places the overseas poles in their regions', async () => {
    const overseas = await db
      .select({ town: poles.town, region: regions.name })
      .from(poles)
      .innerJoin(regions, eq(regions.code, poles.regionCode))
      .where(eq(regions.overseas, true));
    expect(overseas).toEqual(
      expect.arrayContaining([
        { town: 'Le Port', region: 'La Réunion' },
        { town: 'Cayenne', region: 'Guyane' },
        expect.objectContaining({ region: 'La Réunion' }),
      ]),
    );
    expect(overseas).toHaveLength(3);
  });

  test('is idempotent, and a re-run keeps what a pole has edited since', async () => {
    await db.update(poles).set({ description: 'Texte rédigé par le pôle.' }).where(eq(poles.slug, 'figeacteurs'));
    const before = await tally();
    await seedDatabase(db, { demo: true });
    await seedDatabase(db, { demo: true });
    expect(await tally()).toEqual(before);
    const [figeacteurs] = await db.select({ description: poles.description }).from(poles).where(eq(poles.slug, 'figeacteurs'));
    expect(figeacteurs!.description).toBe('Texte rédigé par le pôle.');
  });

  test('keeps fictional poles apart from the real ones', async () => {
    const fictional = await db.select({ name: poles.name, reportNumber: poles.reportNumber }).from(poles).where(eq(poles.fictional, true));
    for (const pole of fictional) {
      expect(pole.name).toMatch(/\(fictif\)$/);
      expect(pole.reportNumber).toBeNull();
    }
  });
});

describe('demo marketplace', () => {
  test('offers carry the names of their topics and sectors, and are found by French full-text search', async () => {
    const [crèche] = await db
      .select({ keywords: offers.keywords })
      .from(offers)
      .where(sql`${offers.title} like 'Monter une crèche%'`);
    expect(crèche!.keywords).toMatch(/Structuration juridique|juridique/i);
    const found = await db
      .select({ title: offers.title })
      .from(offers)
      .where(sql`${offers.search} @@ to_tsquery('public.fr_unaccent', 'juridiques')`);
    expect(found.map((offer) => offer.title)).toContain('Monter une crèche interentreprises : montage juridique et financier');
  });
});

async function poleIdsOf(...slugs: string[]) {
  const rows = await db.select({ id: poles.id, slug: poles.slug }).from(poles).where(inArray(poles.slug, slugs));
  return Object.fromEntries(rows.map((row) => [row.slug, row.id]));
}

describe('demo mentoring', () => {
  test('every mature pole declares a capacity of 2 or 3, 3 to 6 topics and French; no other pole declares anything', async () => {
    const rows = await db
      .select({ id: poles.id, slug: poles.slug, maturity: poles.maturity, capacity: poles.mentoringCapacity, languages: poles.languages })
      .from(poles);
    const topicRows = await db.select().from(poleMentoringTopics);
    const mature = rows.filter((row) => row.maturity === 'mature');
    expect(mature).toHaveLength(16);
    expect(Object.keys(demoMentoring).sort()).toEqual(mature.map((row) => row.slug).sort());
    for (const pole of mature) {
      const declared = topicRows.filter((row) => row.poleId === pole.id);
      expect([2, 3], pole.slug).toContain(pole.capacity);
      expect(declared.length, pole.slug).toBeGreaterThanOrEqual(3);
      expect(declared.length, pole.slug).toBeLessThanOrEqual(6);
      expect(pole.languages[0], pole.slug).toBe('fr');
    }
    for (const pole of rows.filter((row) => row.maturity !== 'mature')) {
      expect(pole.capacity, pole.slug).toBe(0);
      expect(
        topicRows.filter((row) => row.poleId === pole.id),
        pole.slug,
      ).toEqual([]);
      expect(pole.languages, pole.slug).toEqual(['fr']);
    }
    // Poles that work across a border say so.
    expect(rows.find((row) => row.slug === 'kaleidoscoop')!.languages).toContain('de');
    expect(rows.find((row) => row.slug === 'ptce-sud-aquitaine')!.languages).toContain('es');
  });

  test('Figeacteurs can carry 3 twinnings and passes on all that Causses et Cévennes asks for', async () => {
    const ids = await poleIdsOf('figeacteurs', 'causses-cevennes-demo');
    const profile = await mentoringProfileOf(db, ids['figeacteurs']!);
    expect(profile).toMatchObject({ capacity: 3, activeLoad: 0 });
    const asked = await db
      .selectDistinct({ slug: requestTopics.topicSlug })
      .from(requestTopics)
      .innerJoin(requests, eq(requests.id, requestTopics.requestId))
      .where(eq(requests.poleId, ids['causses-cevennes-demo']!));
    const askedSlugs = asked.map((row) => row.slug).sort();
    expect(askedSlugs).toEqual(['animation-cooperation', 'creation-scic', 'gouvernance', 'juridique']);
    expect(profile!.topics.map((topic) => topic.slug)).toEqual(expect.arrayContaining(askedSlugs));
  });

  test('the reference seed alone declares no capacity, no topic and no twinning', async () => {
    const [declared] = await reference.services.db
      .select({ n: count() })
      .from(poles)
      .where(sql`${poles.mentoringCapacity} > 0`);
    const [topicRows] = await reference.services.db.select({ n: count() }).from(poleMentoringTopics);
    const [twinningRows] = await reference.services.db.select({ n: count() }).from(twinnings);
    expect([declared!.n, topicRows!.n, twinningRows!.n]).toEqual([0, 0, 0]);
  });
});

describe('demo twinnings', () => {
  async function twinningOf(mentorSlug: string, menteeSlug: string) {
    const ids = await poleIdsOf(mentorSlug, menteeSlug);
    const rows = await db
      .select()
      .from(twinnings)
      .where(and(eq(twinnings.mentorPoleId, ids[mentorSlug]!), eq(twinnings.menteePoleId, ids[menteeSlug]!)));
    expect(rows).toHaveLength(1);
    return { twinning: rows[0]!, mentorId: ids[mentorSlug]!, menteeId: ids[menteeSlug]! };
  }

  async function historyOf(twinningId: string) {
    return db
      .select({ action: auditLog.action, data: auditLog.data, regionCode: auditLog.regionCode })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'twinning'), eq(auditLog.subjectId, twinningId)))
      .orderBy(asc(auditLog.createdAt));
  }

  async function threadOf(threadId: string | null) {
    const [thread] = await db.select().from(threads).where(eq(threads.id, threadId!));
    return thread!;
  }

  test('a completed twinning in Occitanie, with both closing evaluations, its conversation and its history', async () => {
    const { twinning, mentorId, menteeId } = await twinningOf('imaginations-fertiles', 'les-ateliers');
    expect(twinning).toMatchObject({ state: 'completed', regionCode: '76' });
    expect(twinning.activatedAt!.getTime()).toBeLessThan(twinning.endedAt!.getTime());
    const evaluations = await db.select().from(twinningEvaluations).where(eq(twinningEvaluations.twinningId, twinning.id));
    expect(evaluations.map((row) => [row.poleId, row.rating]).sort()).toEqual(
      [
        [mentorId, 4],
        [menteeId, 5],
      ].sort(),
    );
    expect(await threadOf(twinning.threadId)).toMatchObject({ subjectType: 'pairing', initiatorPoleId: menteeId, recipientPoleId: mentorId, regionCode: '76' });
    const history = await historyOf(twinning.id);
    expect(history.map((row) => row.action)).toEqual([
      'twinning.proposed',
      'twinning.accepted',
      'twinning.accepted',
      'twinning.activated',
      'twinning.completed',
      'twinning.evaluated',
      'twinning.evaluated',
    ]);
    expect(history.every((row) => row.regionCode === '76')).toBe(true);
    expect(history[0]!.data).toEqual({ mentorPoleId: mentorId, menteePoleId: menteeId, requestId: null, score: null });
    expect(history.filter((row) => row.action === 'twinning.evaluated').map((row) => row.data)).toEqual([
      { side: 'mentor', poleId: mentorId, rating: 4 },
      { side: 'mentee', poleId: menteeId, rating: 5 },
    ]);
  });

  test('an active twinning in Auvergne-Rhône-Alpes counts in its mentor’s load', async () => {
    const { twinning, mentorId, menteeId } = await twinningOf('pole-sud', 'pole-alpen');
    expect(twinning).toMatchObject({ state: 'active', regionCode: '84', endedAt: null });
    expect(await threadOf(twinning.threadId)).toMatchObject({ subjectType: 'pairing', initiatorPoleId: menteeId, recipientPoleId: mentorId, regionCode: '84' });
    expect((await historyOf(twinning.id)).map((row) => row.action)).toEqual([
      'twinning.proposed',
      'twinning.accepted',
      'twinning.accepted',
      'twinning.activated',
    ]);
    const goals = await db.select().from(twinningGoals).where(eq(twinningGoals.twinningId, twinning.id));
    expect(goals.length).toBeGreaterThan(0);
    expect(await mentoringProfileOf(db, mentorId)).toMatchObject({ capacity: 3, activeLoad: 1 });
  });

  test('no twinning involves Figeacteurs or Causses et Cévennes (the browser test proposes that pair)', async () => {
    const ids = await poleIdsOf('figeacteurs', 'causses-cevennes-demo');
    const involved = await db
      .select({ id: twinnings.id })
      .from(twinnings)
      .where(or(inArray(twinnings.mentorPoleId, Object.values(ids)), inArray(twinnings.menteePoleId, Object.values(ids))));
    expect(involved).toEqual([]);
    const [all] = await db.select({ n: count() }).from(twinnings);
    expect(all!.n).toBe(2);
  });
});

describe('re-seeding the demo', () => {
  test('adds no twinning, evaluation, goal, thread or event twice, and keeps what a pole declared since', async () => {
    const ids = await poleIdsOf('figeacteurs', 'pole-sud');
    await db
      .update(poles)
      .set({ mentoringCapacity: 1, languages: ['fr', 'en'] })
      .where(eq(poles.id, ids['figeacteurs']!));
    await db.delete(poleMentoringTopics).where(eq(poleMentoringTopics.poleId, ids['figeacteurs']!));
    await db.insert(poleMentoringTopics).values({ poleId: ids['figeacteurs']!, topicSlug: 'tiers-lieu' });
    const before = await tally();
    await seedDatabase(db, { demo: true });
    await seedDatabase(db, { demo: true });
    await seedIfEmpty(database, { demo: true, logger: createLogger('silent') });
    expect(await tally()).toEqual(before);
    const figeacteurs = await mentoringProfileOf(db, ids['figeacteurs']!);
    expect(figeacteurs).toMatchObject({ capacity: 1, languages: ['fr', 'en'], topics: [expect.objectContaining({ slug: 'tiers-lieu' })] });
  });

  test('a demo database made before the pairing desk gets its capacities and twinnings at start-up, once', async () => {
    await db.delete(twinnings);
    await db.delete(poleMentoringTopics);
    await db.update(poles).set({ mentoringCapacity: 0, languages: ['fr'] });
    await seedIfEmpty(database, { demo: true, logger: createLogger('silent') });
    const [declared] = await db
      .select({ n: count() })
      .from(poles)
      .where(sql`${poles.mentoringCapacity} > 0`);
    const [twinningRows] = await db.select({ n: count() }).from(twinnings);
    expect([declared!.n, twinningRows!.n]).toEqual([16, 2]);
    const after = await tally();
    await seedIfEmpty(database, { demo: true, logger: createLogger('silent') });
    expect(await tally()).toEqual(after);
  });
});

describe('demo visits', () => {
  test('upcoming visits hosted by mature poles, at 09:30 in Paris, bookable until a week before, with no bookings', async () => {
    const rows = await db
      .select({ visit: visits, slug: poles.slug, maturity: poles.maturity, regionCode: poles.regionCode })
      .from(visits)
      .innerJoin(poles, eq(poles.id, visits.poleId))
      .where(
        inArray(
          visits.title,
          demoVisits.map((visit) => visit.title),
        ),
      )
      .orderBy(asc(visits.startsAt));
    expect(rows.map((row) => row.slug)).toEqual(['figeacteurs', 'kaleidoscoop']);
    expect(new Set(rows.map((row) => row.regionCode)).size).toBe(2);
    for (const { visit, maturity } of rows) {
      expect(maturity).toBe('mature');
      expect(visit.state).toBe('scheduled');
      expect(visit.startsAt.getTime()).toBeGreaterThan(Date.now());
      expect(toParisParts(visit.startsAt).time).toBe('09:30');
      expect(toParisParts(visit.bookingDeadline).time).toBe('18:00');
      expect(visit.bookingDeadline.getTime()).toBeLessThan(visit.startsAt.getTime());
      const tags = await db.select().from(visitTopics).where(eq(visitTopics.visitId, visit.id));
      expect(tags.length).toBeGreaterThan(0);
      expect(await db.select().from(visitBookings).where(eq(visitBookings.visitId, visit.id))).toEqual([]);
    }
    expect(rows[0]!.visit).toMatchObject({ seats: 10, bookingMode: 'instant' });
    expect(rows[1]!.visit).toMatchObject({ bookingMode: 'host_confirms' });
    const daysAway = (rows[0]!.visit.startsAt.getTime() - Date.now()) / 86_400_000;
    expect(daysAway).toBeGreaterThan(19);
    expect(daysAway).toBeLessThan(22);
  });

  test('the reference seed alone has no visit', async () => {
    expect(await reference.services.db.select().from(visits)).toEqual([]);
  });
});

describe('demo forum', () => {
  test('a topic in the Occitanie forum where the demo accounts talk, and a welcome topic in the national one, messages in order', async () => {
    const topics = await db
      .select({ id: threads.id, regionCode: threads.regionCode, title: threads.title })
      .from(threads)
      .where(eq(threads.subjectType, 'forum'))
      .orderBy(asc(threads.createdAt));
    expect(topics.map((topic) => topic.regionCode)).toEqual([null, '76']);
    const occitanie = await db
      .select({ seq: messages.seq, author: users.email, createdAt: messages.createdAt })
      .from(messages)
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(eq(messages.threadId, topics[1]!.id))
      .orderBy(asc(messages.seq));
    expect(occitanie.map((message) => message.author)).toEqual(['figeacteurs@demo.ptce.fr', 'emergent@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr']);
    expect([...occitanie].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())).toEqual(occitanie);
  });

  test('a demo database made before the live threads gets its forum topics at start-up, once', async () => {
    await db.delete(threads).where(eq(threads.subjectType, 'forum'));
    await seedIfEmpty(database, { demo: true, logger: createLogger('silent') });
    await seedIfEmpty(database, { demo: true, logger: createLogger('silent') });
    const [topicRows] = await db.select({ n: count() }).from(threads).where(eq(threads.subjectType, 'forum'));
    expect(topicRows!.n).toBe(2);
  });
});
