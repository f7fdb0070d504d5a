import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { describe, expect, test } from 'vitest';
import { SearchPage } from '#app/components/search/search-page';
import { loader as requestsLoader } from '#app/routes/demandes._index';
import { loader as offersLoader } from '#app/routes/offres._index';
import { loader as polesLoader } from '#app/routes/poles._index';
import { loader as visitsLoader } from '#app/routes/visites._index';
import { poleLogos, poles } from '#db/schema';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';
import { daysAgo, renderAt, seedSearchFixtures, taggedOffer } from '#tests/setup/search-fixtures';

/** Decision 020: hyphens, « R&D », place names, stop words, excerpts cut with « … ». */

const { context, services } = await setupTestContext();
const { name } = await seedSearchFixtures(services.db);
const more = {
  startupJoined: await taggedOffer(services.db, {
    pole: 'kaleidoscoop',
    title: 'Accompagner une startup coopérative',
    description: 'Du repérage des porteurs de projet à la première levée de fonds.',
    publishedAt: daysAgo(7),
  }),
  rd: await taggedOffer(services.db, {
    pole: 'le-phares',
    title: 'La R&D territoriale sans laboratoire',
    description: 'Des thèses en entreprise pour les questions du territoire.',
    publishedAt: daysAgo(8),
  }),
  rdSpaced: await taggedOffer(services.db, {
    pole: 'construire-solidaire',
    title: 'Programme de recherche avec l’université',
    description: 'Un programme de R & D mené avec des doctorants.',
    publishedAt: daysAgo(9),
  }),
  occitanieText: await taggedOffer(services.db, {
    pole: 'kaleidoscoop',
    title: 'Essaimer notre méthode en Occitanie',
    description: 'Deux rencontres avec des pôles du Sud-Ouest.',
    publishedAt: daysAgo(11),
  }),
  longText: await taggedOffer(services.db, {
    pole: 'clus-ter-jura',
    title: 'Un long retour d’expérience',
    description: [
      'Tout a commencé par une réunion publique à la salle des fêtes, un soir de novembre.',
      'Les agriculteurs, les élus et les habitants se sont retrouvés chaque mois pendant deux ans.',
      'Un bureau d’études a chiffré plusieurs scénarios, du plus modeste au plus ambitieux.',
      'La méthanisation collective est née de ces rencontres, portée par une société coopérative.',
      'Chacun a apporté ses terres, ses outils ou son temps au projet commun.',
      'Les premiers mois de fonctionnement ont demandé beaucoup d’ajustements techniques.',
      'Aujourd’hui, le digestat fertilise les champs voisins et la chaleur sert à l’école.',
      'Tout est documenté dans un guide que nous partageons volontiers.',
    ].join(' '),
    publishedAt: daysAgo(12),
  }),
};
for (const [key, offer] of Object.entries(more)) name.set(offer.id, key);

async function offersFor(query: string) {
  return (await offersLoader({ request: makeRequest(`/offres${query}`), context, params: {} })).listing;
}
async function requestsFor(query: string) {
  return (await requestsLoader({ request: makeRequest(`/demandes${query}`), context, params: {} })).listing;
}
const names = (listing: { results: Array<{ id: string }> }) => listing.results.map((result) => name.get(result.id));
const sortedNames = (listing: { results: Array<{ id: string }> }) => names(listing).sort();
const q = (text: string) => `?q=${encodeURIComponent(text)}`;

describe('hyphenated words', () => {
  test('« startup », « start-up » and « start up » find « Start-up de territoire » and « startup » alike', async () => {
    for (const typed of ['startup', 'start-up', 'start up', 'Start-Up', 'startups']) {
      expect(sortedNames(await offersFor(q(typed))), typed).toEqual(['startup', 'startupJoined']);
    }
  });

  test('each spelling marks « Start-up » whole in the title, and the glued « startup » too', async () => {
    const marks = (result: { title: Array<{ text: string; match: boolean }> }) =>
      result.title.filter((segment) => segment.match).map((segment) => segment.text);
    for (const typed of ['startup', 'start-up', 'start up', 'Start-Up', 'startups']) {
      const listing = await offersFor(q(typed));
      const byName = new Map(listing.results.map((result) => [name.get(result.id), result]));
      expect(marks(byName.get('startup')!), typed).toEqual(['Start-up']);
      expect(marks(byName.get('startupJoined')!), typed).toEqual(['startup']);
    }
  });

  test('« tiers lieux », « tiers-lieux » and « tierslieux » find the tiers-lieu', async () => {
    for (const typed of ['tiers lieux', 'tiers-lieux', 'tierslieux', 'tiers-lieu']) {
      expect(names(await offersFor(q(typed))), typed).toEqual(['tiersLieu']);
    }
  });
});

describe('« R&D »', () => {
  test('« R&D », « R & D » and « r&d » find « R&D » and « R & D »', async () => {
    for (const typed of ['R&D', 'R & D', 'r&d']) {
      expect(sortedNames(await offersFor(q(typed))), typed).toEqual(['rd', 'rdSpaced']);
    }
  });

  test('« RD » finds « R&D »; « R&D territoriale » needs both words', async () => {
    expect(names(await offersFor(q('RD')))).toContain('rd');
    expect(names(await offersFor(q('R&D territoriale')))).toEqual(['rd']);
  });

  test('the matched words are marked in the title', async () => {
    const [rd] = (await offersFor(q('territoriale'))).results;
    expect(rd!.title.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['territoriale']);
  });
});

describe('place names', () => {
  test('a region finds the items of its poles, and those that name it first', async () => {
    for (const typed of ['Occitanie', 'occitanie', 'OCCITANIE']) {
      const listing = await offersFor(q(typed));
      expect(names(listing), typed).toEqual(['occitanieText', 'creche']);
      expect(listing.places).toEqual([{ kind: 'region', code: '76', name: 'Occitanie', nameEn: 'Occitania' }]);
    }
    // The English name too (no French text writes it).
    expect(names(await offersFor(q('Occitania')))).toEqual(['creche']);
    expect(names(await requestsFor(q('Occitanie')))).toEqual(['animer', 'statuts']);
  });

  test('a region of several words, typed with or without accents and hyphens', async () => {
    for (const typed of ['Auvergne-Rhône-Alpes', 'auvergne rhone alpes', 'Auvergne Rhône-Alpes']) {
      expect(names(await offersFor(q(typed))), typed).toEqual(['compostText', 'startup']);
    }
    // A part of a region's name is only a word.
    expect((await offersFor(q('Auvergne'))).places).toEqual([]);
  });

  test('a town finds the items of the poles there', async () => {
    const listing = await offersFor(q('Figeac'));
    expect(names(listing)).toEqual(['creche']);
    expect(listing.places).toEqual([{ kind: 'town', name: 'Figeac', towns: ['Figeac'] }]);
    expect(names(await requestsFor(q('mende')))).toEqual(['animer', 'statuts']);
  });

  test('with other words, each of them must match too', async () => {
    expect(names(await offersFor(q('juridique Occitanie')))).toEqual(['creche']);
    expect(names(await offersFor(q('juridique en Occitanie')))).toEqual(['creche']);
    expect(names(await offersFor(q('compostage Occitanie')))).toEqual([]);
    expect(names(await offersFor(`${q('Occitanie')}&format=workshop`))).toEqual(['creche']);
  });

  test('the page says the poles there are included', async () => {
    const listing = await offersFor(q('Occitanie'));
    const french = await renderAt('/offres?q=Occitanie', createElement(SearchPage, { listing, canPublish: false }));
    expect(french).toContain('« Occitanie » est une région : vous voyez aussi les offres des pôles qui s’y trouvent.');
    const english = await renderAt('/offres?q=Occitanie', createElement(SearchPage, { listing, canPublish: false }), 'en');
    expect(english).toContain('“Occitania” is a region: the offers of the poles located there are shown too.');
    const town = await requestsFor(q('Mende'));
    const html = await renderAt('/demandes?q=Mende', createElement(SearchPage, { listing: town, canPublish: false }));
    expect(html).toContain('« Mende » est une commune : vous voyez aussi les demandes des pôles qui s’y trouvent.');
  });
});

describe('stop words only', () => {
  test('« le la des » and « et » find nothing and say why, not « no offer matches »', async () => {
    for (const typed of ['le la des', 'et', 'De la']) {
      const listing = await offersFor(q(typed));
      expect(listing.total.count, typed).toBe(0);
      expect(listing.stopWordsOnly, typed).toBe(true);
      expect(listing.suggestions, typed).toEqual([{ key: 'q', count: 12, more: false }]);
    }
    const listing = await offersFor(q('le la des'));
    const html = await renderAt('/offres?q=le+la+des', createElement(SearchPage, { listing, canPublish: false }));
    expect(html).toContain('Votre recherche ne contient que des mots trop courants');
    expect(html).toContain('Aucun mot assez précis à chercher');
    expect(html).not.toContain('Aucune offre');
    const requests = await requestsFor(q('des et'));
    expect(requests.stopWordsOnly).toBe(true);
    const english = await renderAt('/demandes?q=des+et', createElement(SearchPage, { listing: requests, canPublish: false }), 'en');
    expect(english).toContain('Your search holds only words too common');
  });

  test('a real word among them, or no word at all, is not that case', async () => {
    expect((await offersFor(q('la crèche'))).stopWordsOnly).toBe(false);
    expect((await offersFor(q('zorglub'))).stopWordsOnly).toBe(false);
    expect((await offersFor(q('?!'))).stopWordsOnly).toBe(false);
    expect((await offersFor('')).stopWordsOnly).toBe(false);
  });
});

describe('excerpts', () => {
  test('a fragment cut from the middle of a long text shows « … » at both ends', async () => {
    const [long] = (await offersFor(q('méthanisation'))).results;
    expect(long!.excerpt[0]).toEqual({ text: '… ', match: false });
    expect(long!.excerpt.at(-1)).toEqual({ text: ' …', match: false });
    expect(long!.excerpt.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['méthanisation']);
  });

  test('a whole short text shows no « … », and keeps its full stop', async () => {
    const [creche] = (await offersFor(q('juridiques'))).results;
    const text = creche!.excerpt.map((segment) => segment.text).join('');
    expect(text).toBe('Comment nous avons choisi les statuts juridiques de la crèche avec les entreprises du territoire, puis financé son démarrage.');
  });

  test('without words, a long text is cut between words, with « … »', async () => {
    const long = (await offersFor('')).results.find((result) => name.get(result.id) === 'longText')!;
    const [excerpt] = long.excerpt;
    expect(excerpt!.text.endsWith(' …')).toBe(true);
    expect(excerpt!.text.length).toBeLessThanOrEqual(322);
  });
});

describe('logos', () => {
  test('a result carries its pole’s logo version, and the card shows the logo', async () => {
    const [figeacteurs] = await services.db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'figeacteurs'));
    await services.db.insert(poleLogos).values({ poleId: figeacteurs!.id, contentType: 'image/png', bytes: Buffer.from([137, 80, 78, 71]) });
    const listing = await offersFor(q('juridique'));
    const [creche] = listing.results;
    expect(creche!.pole.logoUpdatedAt).toBeInstanceOf(Date);
    const html = await renderAt('/offres?q=juridique', createElement(SearchPage, { listing, canPublish: false }));
    expect(html).toMatch(/<img src="\/poles\/figeacteurs\/logo\?v=[0-9a-z]+" alt=""/);
    // A pole without a logo shows its initials, hidden from screen readers (its name is written beside).
    const bois = await offersFor(q('bois'));
    expect(bois.results[0]!.pole.logoUpdatedAt).toBeNull();
  });
});

describe('empty parameters', () => {
  const loaders = {
    '/offres': offersLoader,
    '/demandes': requestsLoader,
    '/poles': polesLoader,
    '/visites': visitsLoader,
  } as const;
  const run = (path: keyof typeof loaders, search: string) => settle(loaders[path]({ request: makeRequest(`${path}${search}`), context, params: {} }));

  test.each(Object.keys(loaders) as Array<keyof typeof loaders>)('%s redirects to its address without the empty ones, page kept', async (path) => {
    expect(await run(path, '?q=&region=&page=2')).toMatchObject({ status: 302, location: `${path}?page=2` });
    expect(await run(path, '?q=bois&region=&sector=+')).toMatchObject({ status: 302, location: `${path}?q=bois` });
    expect(await run(path, '?q=&region=')).toMatchObject({ status: 302, location: path });
    // Nothing empty: the page itself.
    expect(await run(path, '?region=76&page=1')).toMatchObject({ status: 200, location: null });
    expect(await run(path, '')).toMatchObject({ status: 200, location: null });
  });

  test('the visits keep their view and month', async () => {
    expect(await run('/visites', '?vue=mois&mois=2026-05&region=&topic=&sector=')).toMatchObject({ status: 302, location: '/visites?vue=mois&mois=2026-05' });
  });
});
