import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { loader } from '#app/routes/poles._index';
import { poleSectors, poles } from '#db/schema';
import { inLocatorFrame } from '#app/domain/poles/locator';
import { createPole } from '#db/seed/factories';
import { makeRequest, setupTestContext } from '#tests/setup/context';

const { context, services } = await setupTestContext();
const db = services.db;

async function directory(query = '') {
  return loader({ request: makeRequest(`/poles${query}`), context, params: {} });
}

async function count(where?: ReturnType<typeof and>) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(poles)
    .where(where);
  return row!.count;
}

/** Every pole the filters let through, all pages read. */
async function allSlugs(query: string) {
  const first = await directory(query);
  const slugs = first.poles.map((pole) => pole.slug);
  for (let page = 2; page <= first.pageCount; page += 1) {
    const next = await directory(`${query}${query ? '&' : '?'}page=${page}`);
    slugs.push(...next.poles.map((pole) => pole.slug));
  }
  return slugs;
}

describe('directory /poles', () => {
  test('lists the 74 real poles and the demo ones, 24 a page, sorted by French name', async () => {
    const result = await directory();
    expect(await count(eq(poles.fictional, false))).toBe(74);
    const demo = await count(eq(poles.fictional, true));
    expect(demo).toBeGreaterThan(0);
    expect(result.total).toBe(74 + demo);
    expect(result.pageCount).toBe(Math.ceil((74 + demo) / 24));
    expect(result.page).toBe(1);
    expect(result.poles).toHaveLength(24);

    const slugs = await allSlugs('');
    expect(new Set(slugs).size).toBe(result.total);
    const rows = await db.select({ slug: poles.slug, name: poles.name }).from(poles);
    const expected = rows
      .sort((a, b) => new Intl.Collator('fr', { sensitivity: 'base', numeric: true }).compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1))
      .map((row) => row.slug);
    expect(slugs).toEqual(expected);
    // A literal, so PGlite and PostgreSQL runs are held to the very same order.
    expect(slugs.slice(0, 5)).toEqual(['3-eva', 'act-essone', 'alice-coop', 'aliss-ptce', 'ancrage-guyane']);
    // Accented initials sort with their letter, not after « z » as a byte order would put them.
    expect(slugs.indexOf(rows.find((row) => row.name.startsWith('Écodomaine'))!.slug)).toBeLessThan(
      slugs.indexOf(rows.find((row) => row.name === 'Figeacteurs')!.slug),
    );
  });

  test('each result carries what the card shows, with the demo and verified flags', async () => {
    const slugs = await allSlugs('?q=fictif');
    expect(slugs.length).toBe(await count(eq(poles.fictional, true)));
    const { poles: found } = await directory('?q=Causses');
    const causses = found.find((pole) => pole.slug === 'causses-cevennes-demo')!;
    expect(causses).toMatchObject({ fictional: true, verified: true, status: 'active', maturity: 'emerging', region: { code: '76', name: 'Occitanie' } });
    const { poles: figeac } = await directory('?q=figeac');
    expect(figeac).toHaveLength(1);
    expect(figeac[0]).toMatchObject({ slug: 'figeacteurs', town: 'Figeac', departmentCode: '46', fictional: false, verified: true });
    expect(figeac[0]!.sectors.length).toBeGreaterThan(0);
    expect(figeac[0]!.sectors[0]).toHaveProperty('nameEn');
  });

  test('the region filter returns exactly the poles of Occitanie', async () => {
    const rows = await db.select({ slug: poles.slug }).from(poles).where(eq(poles.regionCode, '76'));
    const slugs = await allSlugs('?region=76');
    expect(slugs.sort()).toEqual(rows.map((row) => row.slug).sort());
    expect((await directory('?region=76')).filters.region).toBe('76');
  });

  test('status=inactive returns the 18 inactive real poles', async () => {
    const result = await directory('?status=inactive');
    expect(result.total).toBe(18);
    expect(result.poles.every((pole) => pole.status === 'inactive' && !pole.fictional)).toBe(true);
  });

  test('filters combine: region, status, maturity, sector and text', async () => {
    const [sectorRow] = await db
      .select({ sector: poleSectors.sectorSlug, count: sql<number>`count(*)::int` })
      .from(poleSectors)
      .innerJoin(poles, eq(poles.id, poleSectors.poleId))
      .where(and(eq(poles.status, 'active'), eq(poles.maturity, 'mature')))
      .groupBy(poleSectors.sectorSlug)
      .orderBy(sql`count(*) desc`, poleSectors.sectorSlug)
      .limit(1);
    const result = await directory(`?status=active&maturity=mature&sector=${sectorRow!.sector}`);
    expect(result.total).toBe(sectorRow!.count);
    expect(result.poles.every((pole) => pole.maturity === 'mature' && pole.sectors.some((sector) => sector.slug === sectorRow!.sector))).toBe(true);

    const occitanieActive = await directory('?region=76&status=active&maturity=consolidating');
    expect(occitanieActive.total).toBe(await count(and(eq(poles.regionCode, '76'), eq(poles.status, 'active'), eq(poles.maturity, 'consolidating'))));
    expect(occitanieActive.total).toBeGreaterThan(0);

    // The text box matches name or town, whatever the case; « % » is searched literally.
    expect((await directory('?q=FIGEAC&region=76')).total).toBe(1);
    expect((await directory('?q=figeac&region=84')).total).toBe(0);
    expect((await directory('?q=%25')).total).toBe(0);
  });

  test('pages: the last one holds the rest; beyond it and below 1 are clamped', async () => {
    const first = await directory();
    const last = await directory(`?page=${first.pageCount}`);
    expect(last.page).toBe(first.pageCount);
    expect(last.poles).toHaveLength(first.total - 24 * (first.pageCount - 1));
    expect((await directory('?page=2')).poles[0]!.slug).not.toBe(first.poles[0]!.slug);
    expect((await directory('?page=999')).page).toBe(first.pageCount);
    // An empty `page=` is redirected away before the page is read (tests/integration/search-forgiving.test.ts).
    for (const bad of ['-3', '0', 'abc', '2.5']) {
      expect((await directory(`?page=${bad}`)).page).toBe(1);
    }
    expect((await directory('?region=76&status=inactive&maturity=mature')).pageCount).toBe(1);
  });

  test('nonsense filter values are ignored, never an error', async () => {
    const result = await directory('?maturity=foo&status=dormant&region=zz&sector=nope&q=' + 'x'.repeat(300) + '&page=-3');
    expect(result.filters).toEqual({ q: undefined, region: undefined, status: undefined, maturity: undefined, sector: undefined });
    expect(result.total).toBe(await count());
    expect(result.page).toBe(1);
    expect((await directory('?region=%27%3B%20drop%20table%20poles')).total).toBe(await count());
  });

  test('a pole added to the database appears in the directory', async () => {
    const before = (await directory('?region=94')).total;
    await createPole(db, { name: 'Pôle insulaire de test', town: 'Corte', departmentCode: '2B', regionCode: '94' });
    const after = await directory('?region=94');
    expect(after.total).toBe(before + 1);
    expect(after.poles.map((pole) => pole.name)).toContain('Pôle insulaire de test');
  });

  test('the map gets every matching pole with its coordinates, not only the page shown', async () => {
    const all = await directory();
    expect(all.mapPoles).toHaveLength(all.total);
    expect(all.mapPoles.length).toBeGreaterThan(all.poles.length);
    expect(all.mapPoles.every((pole) => Number.isFinite(pole.latitude) && Number.isFinite(pole.longitude) && pole.town.length > 0)).toBe(true);
    // La Réunion and Guyane are listed beside the map rather than stretching it across the globe.
    const overseas = all.mapPoles.filter((pole) => !inLocatorFrame(pole));
    expect(overseas.length).toBeGreaterThan(0);
    expect(overseas.every((pole) => pole.latitude < 20)).toBe(true);

    const occitanie = await directory('?region=76&page=2');
    expect(occitanie.mapPoles.map((pole) => pole.slug).sort()).toEqual((await allSlugs('?region=76')).sort());
    expect(occitanie.mapPoles.every(inLocatorFrame)).toBe(true);
  });
});
