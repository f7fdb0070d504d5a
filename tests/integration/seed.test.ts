import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { offers, poles, regionalBodies, regionalBodyRegions, regions, requests, sectors, topics, users } from '#db/schema';
import { demoOffers, demoRequests } from '#db/seed/data/marketplace';
import { seedDatabase } from '#db/seed/seed';
import { setupTestContext } from '#tests/setup/context';

const { services } = await setupTestContext({ demo: true });
const db = services.db;

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
  return {
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
    expect(counts).toMatchObject({ real: 74, active: 56, regions: 18, users: 7, offers: demoOffers.length, requests: demoRequests.length });
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
