import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { beforeAll, describe, expect, test } from 'vitest';
import { EmptyState } from '#app/components/search/empty-state';
import { SearchPage } from '#app/components/search/search-page';
import type { SearchListing } from '#app/models/search.server';
import { loader as requestsLoader } from '#app/routes/demandes._index';
import { loader as offersLoader } from '#app/routes/offres._index';
import { offers, poles, users } from '#db/schema';
import { addMembership } from '#db/seed/factories';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { daysAgo, renderAt, seedSearchFixtures, taggedOffer } from '#tests/setup/search-fixtures';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const { name } = await seedSearchFixtures(db);
const names = (listing: { results: Array<{ id: string }> }) => listing.results.map((result) => name.get(result.id) ?? result.id);

async function offersFor(query: string, cookie?: string) {
  return (await offersLoader({ request: makeRequest(`/offres${query}`, { cookie }), context, params: {} })).listing;
}
async function requestsFor(query: string, cookie?: string) {
  return (await requestsLoader({ request: makeRequest(`/demandes${query}`, { cookie }), context, params: {} })).listing;
}

const everyOffer = ['compostText', 'startup', 'bois', 'tiersLieu', 'creche', 'transfrontalier', 'compostTitle'];

describe('filters', () => {
  test('each filter keeps exactly the matching offers, freshest first', async () => {
    expect(names(await offersFor('?topic=juridique'))).toEqual(['creche']);
    expect(names(await offersFor('?topic=tiers-lieu'))).toEqual(['tiersLieu']);
    expect(names(await offersFor('?sector=eco-activites-recyclage'))).toEqual(['compostText', 'compostTitle']);
    expect(names(await offersFor('?format=workshop'))).toEqual(['compostText', 'bois', 'creche', 'compostTitle']);
    expect(names(await offersFor('?reach=european'))).toEqual(['startup', 'transfrontalier']);
    expect(names(await offersFor('?region=84'))).toEqual(['compostText', 'startup']);
    expect(names(await offersFor('?region=76'))).toEqual(['creche']);
    expect(names(await offersFor('?maturity=consolidating'))).toEqual(['compostText']);
    expect(names(await offersFor('?maturity=emerging'))).toEqual([]);
  });

  test('filters combine with each other and with the text', async () => {
    expect(names(await offersFor('?q=compostage&sector=eco-activites-recyclage&region=27'))).toEqual(['compostTitle']);
    expect(names(await offersFor('?format=workshop&reach=regional&maturity=mature'))).toEqual(['compostTitle']);
    expect(names(await offersFor('?q=cooperation&reach=european'))).toEqual(['startup', 'transfrontalier']);
  });

  test('requests filter the same way; reach is an offer filter only', async () => {
    expect(names(await requestsFor('?topic=animation-cooperation'))).toEqual(['animer']);
    expect(names(await requestsFor('?format=workshop'))).toEqual(['animer']);
    expect(names(await requestsFor('?region=76'))).toEqual(['animer', 'statuts']);
    expect(names(await requestsFor('?maturity=mature'))).toEqual(['friche']);
    const withReach = await requestsFor('?reach=european');
    expect(withReach.filters).toEqual({});
    expect(names(withReach)).toEqual(['friche', 'animer', 'statuts']);
  });

  test('the applied filters come back for the form', async () => {
    const listing = await offersFor('?q=+tiers+lieux+&topic=tiers-lieu&format=learning_visit&region=11&reach=regional&maturity=mature');
    expect(listing.filters).toEqual({ q: 'tiers lieux', topic: 'tiers-lieu', format: 'learning_visit', region: '11', reach: 'regional', maturity: 'mature' });
    expect(names(listing)).toEqual(['tiersLieu']);
  });
});

describe('bad values', () => {
  test('are dropped one by one, never an error', async () => {
    const listing = await offersFor(
      '?topic=%3Cscript%3E&sector=ABC&format=teleportation&reach=mars&region=%27%20or%201%3D1&maturity=old&km=-5&depuis=x%27y&page=abc&q=%20%21',
    );
    expect(listing.filters).toEqual({});
    expect(listing.page).toBe(1);
    expect(names(listing)).toEqual(everyOffer);
  });

  test('well-formed names of nothing are dropped too', async () => {
    const listing = await offersFor('?topic=inconnu&sector=nulle-part&region=99');
    expect(listing.filters).toEqual({});
    expect(listing.total).toEqual({ count: 7, more: false });
  });

  test('tsquery syntax, a huge text, huge numbers: searched as words, cut, or dropped', async () => {
    const syntax = await offersFor(`?q=${encodeURIComponent("':* | !( <-> &")}`);
    expect(syntax.filters.q).toBeUndefined();
    expect(syntax.total).toEqual({ count: 7, more: false });
    const operators = await offersFor(`?q=${encodeURIComponent('compostage:* | !voisins')}`);
    expect(names(operators)).toEqual(['compostTitle']);
    const long = await offersFor(`?q=${'compostage '.repeat(200)}`);
    expect(long.filters.q!.length).toBeLessThanOrEqual(200);
    expect(names(long)).toEqual(['compostTitle', 'compostText']);
    const huge = await offersFor('?page=99999999999&km=1e12');
    expect(huge.page).toBe(1);
    expect(huge.filters).toEqual({});
  });
});

describe('distance from my pole', () => {
  test('is not offered to visitors: the km filter is dropped', async () => {
    const listing = await offersFor('?km=150');
    expect(listing.filters.km).toBeUndefined();
    expect(listing.options.myPoles).toEqual([]);
    expect(listing.total).toEqual({ count: 7, more: false });
  });

  test('keeps the offers of poles within the distance of my pole, with their distance', async () => {
    const cookie = await cookieFor('emergent@demo.ptce.fr');
    expect(names(await offersFor('?km=120', cookie))).toEqual(['creche']);
    const listing = await offersFor('?km=140', cookie);
    expect(names(listing)).toEqual(['startup', 'creche']);
    expect(listing.filters).toEqual({ km: 140, depuis: 'causses-cevennes-demo' });
    expect(listing.origin).toEqual({ slug: 'causses-cevennes-demo', name: 'Coopérative des Causses et Cévennes (fictif)' });
    // Haversine from Mende to Romans-sur-Isère and to Figeac.
    expect(listing.results.map((result) => result.distanceKm)).toEqual([136, 117]);
    expect(names(await offersFor('?km=150&q=compostage', cookie))).toEqual(['compostText']);
    // Without a distance, the member's pole is offered but nothing is measured.
    const plain = await offersFor('', cookie);
    expect(plain.options.myPoles).toEqual([{ slug: 'causses-cevennes-demo', name: 'Coopérative des Causses et Cévennes (fictif)' }]);
    expect(plain.results.every((result) => result.distanceKm === null)).toBe(true);
  });

  test('a member of several poles picks the pole to measure from; a pole not theirs is ignored', async () => {
    const [member] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'membre@demo.ptce.fr'));
    const [causses] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'causses-cevennes-demo'));
    await addMembership(db, { userId: member!.id, poleId: causses!.id, role: 'member' });
    const cookie = await cookieFor('membre@demo.ptce.fr');

    const fromFigeac = await offersFor('?km=200&depuis=figeacteurs', cookie);
    expect(names(fromFigeac)).toEqual(['compostText', 'creche']);
    expect(fromFigeac.results.map((result) => result.distanceKm)).toEqual([154, 0]);
    expect(names(await offersFor('?km=200&depuis=causses-cevennes-demo', cookie))).toEqual(['compostText', 'startup', 'creche']);
    // Not one of theirs: the first of their poles in French order is used instead.
    const elsewhere = await offersFor('?km=200&depuis=le-phares', cookie);
    expect(elsewhere.filters.depuis).toBe('causses-cevennes-demo');
    expect(elsewhere.options.myPoles.map((pole) => pole.slug)).toEqual(['causses-cevennes-demo', 'figeacteurs']);
    expect(names(await requestsFor('?km=50&depuis=causses-cevennes-demo', cookie))).toEqual(['animer', 'statuts']);
  });
});

describe('when nothing is found', () => {
  test('counts the results without each active filter', async () => {
    const listing = await offersFor('?q=juridique&region=84');
    expect(listing.total).toEqual({ count: 0, more: false });
    expect(listing.results).toEqual([]);
    expect(listing.suggestions).toEqual([
      { key: 'q', count: 2, more: false },
      { key: 'region', count: 1, more: false },
    ]);
  });

  test('counts at most six filters', async () => {
    const cookie = await cookieFor('emergent@demo.ptce.fr');
    const listing = await offersFor('?q=bois&topic=juridique&sector=batiment&format=twinning&reach=regional&region=11&maturity=emerging&km=10', cookie);
    expect(listing.total).toEqual({ count: 0, more: false });
    expect(listing.suggestions.map((suggestion) => suggestion.key)).toEqual(['q', 'topic', 'sector', 'format', 'reach', 'region']);
  });

  test('shows links that remove one filter, in French, and says so when none helps', async () => {
    // An address with an empty field is redirected before it is searched; the links never keep one either.
    const html = await renderEmptyState(await offersFor('?q=juridique&region=84'), '/offres?q=juridique&region=84&topic=');
    expect(html).toContain('Sans le filtre « Région : Auvergne-Rhône-Alpes » : 1 offre');
    expect(html).toContain('href="/offres?q=juridique"');
    expect(html).toContain('Sans le filtre « Mots-clés : juridique » : 2 offres');
    expect(html).toContain('href="/offres?region=84"');

    const stuck = await offersFor('?q=compostage&region=76&maturity=consolidating&format=twinning');
    expect(stuck.suggestions.every((suggestion) => suggestion.count === 0)).toBe(true);
    const stuckHtml = await renderEmptyState(stuck, '/offres?q=compostage&region=76&maturity=consolidating&format=twinning');
    expect(stuckHtml).toContain('Retirer un seul filtre ne suffit pas');
    expect(stuckHtml).toContain('href="/offres"');
  });
});

function renderEmptyState(listing: SearchListing, url: string) {
  return renderAt(url, createElement(EmptyState, { listing }));
}

describe('pagination', () => {
  const many = 45;
  beforeAll(async () => {
    for (let index = 0; index < many; index += 1) {
      await taggedOffer(db, {
        pole: 'figeacteurs',
        title: `Zéphyr n° ${index}`,
        description: 'Une offre parmi beaucoup.',
        topics: ['communication'],
        publishedAt: daysAgo(100 + index),
      });
    }
  });

  test('20 a page, the count of all, every result once, in a stable order', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => offersFor(`?q=zephyr&page=${page}`)));
    expect(pages.map((page) => page.results.length)).toEqual([20, 20, 5]);
    expect(pages.every((page) => page.total.count === many && page.pageCount === 3)).toBe(true);
    const titles = pages.flatMap((page) => page.results.map((result) => result.title.map((segment) => segment.text).join('')));
    expect(titles).toEqual(Array.from({ length: many }, (_, index) => `Zéphyr n° ${index}`));
  });

  test('a page past the end shows the last page', async () => {
    const listing = await offersFor('?q=zephyr&page=99');
    expect(listing.page).toBe(3);
    expect(listing.results).toHaveLength(5);
    expect(listing.total).toEqual({ count: many, more: false });
  });

  test('without words, the same order by freshness across pages', async () => {
    const first = await offersFor('?topic=communication');
    const third = await offersFor('?topic=communication&page=3');
    expect(first.total).toEqual({ count: many, more: false });
    expect(first.results[0]!.title[0]!.text).toBe('Zéphyr n° 0');
    expect(third.results.at(-1)!.title[0]!.text).toBe('Zéphyr n° 44');
  });
});

describe('beyond 1,000 matches', () => {
  beforeAll(async () => {
    const [figeacteurs] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'figeacteurs'));
    const rows = Array.from({ length: 1010 }, (_, index) => ({
      poleId: figeacteurs!.id,
      // Every tenth says it twice: relevance, not only freshness, orders the page.
      title: index % 10 === 0 ? `Quasar quasar n° ${index}` : `Quasar n° ${index}`,
      description: 'Une offre parmi beaucoup.',
      formats: ['workshop' as const],
      reach: 'national' as const,
      languages: ['fr'],
      capacity: 1,
      state: 'published' as const,
      publishedAt: daysAgo(200 + index),
    }));
    await db.insert(offers).values(rows);
  });

  test('counts « more than 1,000 », ranks the 1,000 freshest matches, pages up to the 50th', async () => {
    const first = await offersFor('?q=quasar');
    expect(first.total).toEqual({ count: 1000, more: true });
    expect(first.pageCount).toBe(50);
    const titles = first.results.map((result) => result.title.map((segment) => segment.text).join(''));
    // The double mentions among the 1,001 freshest come first, the freshest of them first.
    expect(titles.slice(0, 3)).toEqual(['Quasar quasar n° 0', 'Quasar quasar n° 10', 'Quasar quasar n° 20']);
    const last = await offersFor('?q=quasar&page=999');
    expect(last.page).toBe(50);
    expect(last.results).toHaveLength(20);
    const html = await renderAt('/offres?q=quasar', createElement(SearchPage, { listing: first, canPublish: false }));
    expect(html).toContain('Plus de 1\u202f000 offres');
  });

  test('without words too: the freshest first, counted up to 1,000', async () => {
    const listing = await offersFor('?format=workshop');
    expect(listing.total).toEqual({ count: 1000, more: true });
    expect(names(listing).slice(0, 4)).toEqual(['compostText', 'bois', 'creche', 'compostTitle']);
  });
});
