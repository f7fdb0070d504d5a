import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { Highlighted } from '#app/components/search/result-card';
import { SearchPage } from '#app/components/search/search-page';
import { splitHighlights } from '#app/models/search.server';
import { loader as requestsLoader } from '#app/routes/demandes._index';
import { loader as offersLoader } from '#app/routes/offres._index';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { renderAt, seedSearchFixtures } from '#tests/setup/search-fixtures';

const { context, services, cookieFor } = await setupTestContext();

async function offersFor(query: string, cookie?: string) {
  return (await offersLoader({ request: makeRequest(`/offres${query}`, { cookie }), context, params: {} })).listing;
}
async function requestsFor(query: string, cookie?: string) {
  return (await requestsLoader({ request: makeRequest(`/demandes${query}`, { cookie }), context, params: {} })).listing;
}

// Searched before the fixtures replace the demo content: the journey starts with it.
const demoSearch = await offersFor('?q=juridique');

describe('the demo marketplace', () => {
  test('« juridique » finds the demo offers about legal set-up', () => {
    const listing = demoSearch;
    expect(listing.total.count).toBeGreaterThan(0);
    expect(
      listing.results.every(
        (result) =>
          result.title.some((segment) => segment.match) ||
          result.excerpt.some((segment) => segment.match) ||
          result.topics.some((topic) => topic.slug === 'juridique'),
      ),
    ).toBe(true);
  });
});

const { name } = await seedSearchFixtures(services.db);
const names = (listing: { results: Array<{ id: string }> }) => listing.results.map((result) => name.get(result.id));

describe('the French query', () => {
  test('typed tsquery syntax is only punctuation between words', async () => {
    expect(names(await offersFor(`?q=${encodeURIComponent("juridiques:* | !statuts & (crèche) <-> 'x'")}`))).toEqual(['creche']);
    expect(names(await offersFor(`?q=${encodeURIComponent('?! … «»')}`))).toHaveLength(7);
  });

  test('finds coopération without its accent, and the plural « Coopérations »', async () => {
    // startup: two topic names and the text; transfrontalier: the title; creche: two topic names.
    const expected = ['startup', 'transfrontalier', 'creche'];
    expect(names(await offersFor('?q=cooperation'))).toEqual(expected);
    expect(names(await offersFor('?q=Coop%C3%A9rations'))).toEqual(expected);
    expect(names(await offersFor('?q=COOPERATION'))).toEqual(expected);
  });

  test('« tiers lieux » finds the tiers-lieu, « juridiques » finds juridique', async () => {
    expect(names(await offersFor('?q=tiers+lieux'))).toEqual(['tiersLieu']);
    expect(names(await offersFor('?q=tiers-lieux'))).toEqual(['tiersLieu']);
    expect(names(await offersFor('?q=juridiques'))).toEqual(['creche']);
    expect(names(await requestsFor('?q=tiers+lieux'))).toEqual(['friche']);
    expect(names(await requestsFor('?q=juridiques'))).toEqual(['statuts']);
  });

  test('every word must match; the topic names count as words of the item', async () => {
    expect(names(await offersFor('?q=juridique+bois'))).toEqual([]);
    // « Structuration de filière » is a topic of both: found by its English name too.
    expect(names(await offersFor('?q=structuring+sector'))).toEqual(['compostText', 'bois']);
    expect(names(await offersFor('?q=third+place'))).toEqual(['tiersLieu']);
  });

  test('ranks a match in the title above a match in the text, however fresh', async () => {
    const listing = await offersFor('?q=compostage');
    expect(names(listing)).toEqual(['compostTitle', 'compostText']);
    expect(listing.results[0]!.title.some((segment) => segment.match)).toBe(true);
    expect(listing.results[1]!.title.some((segment) => segment.match)).toBe(false);
    expect(listing.results[1]!.excerpt.some((segment) => segment.match)).toBe(true);
  });

  test('without words, the freshest first', async () => {
    expect(names(await offersFor(''))).toEqual(['compostText', 'startup', 'bois', 'tiersLieu', 'creche', 'transfrontalier', 'compostTitle']);
    expect(names(await requestsFor(''))).toEqual(['friche', 'animer', 'statuts']);
  });

  test('a text of stop words alone finds nothing and says which filter to drop', async () => {
    const listing = await offersFor('?q=de+la');
    expect(listing.total).toEqual({ count: 0, more: false });
    expect(listing.suggestions).toEqual([{ key: 'q', count: 7, more: false }]);
  });
});

describe('highlighting', () => {
  test('marks the matched words in the title and the excerpt', async () => {
    const [creche] = (await offersFor('?q=juridiques')).results;
    expect(creche!.title).toEqual([
      { text: 'Crèche interentreprises : le montage ', match: false },
      { text: 'juridique', match: true },
    ]);
    expect(creche!.excerpt.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['juridiques']);
  });

  test('marks « tiers-lieu » and the plural « tiers-lieux » whole', async () => {
    const [tiersLieu] = (await offersFor('?q=tiers+lieux')).results;
    expect(tiersLieu!.title.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['tiers-lieu']);
    expect(tiersLieu!.excerpt.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['tiers-lieux']);
  });

  test('a title with <script> is shown as text, the match inside <mark>', async () => {
    const [bois] = (await offersFor('?q=bois')).results;
    expect(bois!.title[0]).toEqual({ text: '<script>alert(1)</script> Filière ', match: false });
    const html = renderToStaticMarkup(createElement(Highlighted, { segments: bois!.title }));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/<mark[^>]*>bois<\/mark>/);
  });

  test('without words, the title is plain and the excerpt is the start of the text', async () => {
    const listing = await offersFor('');
    expect(listing.results.every((result) => result.title.length === 1 && !result.title[0]!.match)).toBe(true);
    const creche = listing.results.find((result) => name.get(result.id) === 'creche')!;
    expect(creche.excerpt[0]!.text.startsWith('Comment nous avons choisi')).toBe(true);
  });

  test('stray markers in a text never open a mark that is not closed', () => {
    expect(splitHighlights('a\u0002b\u0003c\u0003d\u0002')).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: true },
      { text: 'c', match: false },
      { text: 'd', match: false },
    ]);
  });
});

describe('visibility', () => {
  test('drafts, paused and closed offers are never listed, even for their own pole', async () => {
    const cookie = await cookieFor('figeacteurs@demo.ptce.fr');
    for (const query of ['', '?q=juridique', '?q=cooperation', '?q=brouillon', '?q=pause']) {
      const listed = [...names(await offersFor(query)), ...names(await offersFor(query, cookie))];
      expect(listed).not.toContain('draft');
      expect(listed).not.toContain('paused');
      expect(listed).not.toContain('closed');
    }
  });

  test('requests: open and in progress by default, one of the two on demand, never answered or closed', async () => {
    expect(names(await requestsFor('?q=juridique'))).toEqual(['statuts']);
    expect(names(await requestsFor('?state=open'))).toEqual(['friche', 'statuts']);
    expect(names(await requestsFor('?state=in_progress'))).toEqual(['animer']);
    // Not a state this page lists: dropped, so the default applies.
    const answered = await requestsFor('?state=answered');
    expect(answered.filters.state).toBeUndefined();
    expect(names(answered)).toEqual(['friche', 'animer', 'statuts']);
  });

  test('offers carry what the card shows', async () => {
    const [startup] = (await offersFor('?q=start+up')).results;
    expect(startup).toMatchObject({
      formats: ['twinning', 'remote_mentoring'],
      reach: 'european',
      capacity: 2,
      state: null,
      urgency: null,
      distanceKm: null,
      pole: { slug: 'pole-sud', maturity: 'mature', verified: true },
      region: { code: '84' },
    });
    expect(startup!.topics.map((topic) => topic.slug)).toEqual(['animation-cooperation', 'incubation']);
    expect(startup!.sectors.map((sector) => sector.slug)).toEqual(['services-entreprises']);
    const [statuts] = (await requestsFor('?q=statuts')).results;
    expect(statuts).toMatchObject({ formats: ['remote_mentoring'], state: 'open', urgency: 'high', reach: null, pole: { slug: 'causses-cevennes-demo' } });
  });
});

describe('the page', () => {
  test('a GET search form with labelled fields, the count, the results with their marks, escaped', async () => {
    const url = '/offres?q=bois';
    const listing = await offersFor('?q=bois');
    const html = await renderAt(url, createElement(SearchPage, { listing, canPublish: false }));
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toMatch(/<form[^>]*method="get"[^>]*action="\/offres"|<form[^>]*action="\/offres"[^>]*method="get"/);
    expect(html).toContain('role="search"');
    expect(html).toMatch(/<label for="[^"]+"[^>]*>Mots-clés<\/label>/);
    expect(html).toContain('value="bois"');
    expect(html).toContain('1 offre');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toMatch(/<mark[^>]*>bois<\/mark>/);
    expect(html).toContain(`href="/offres/${listing.results[0]!.id}"`);
    // The distance is for members of a pole; publishing too.
    expect(html).not.toContain('name="km"');
    expect(html).not.toContain('/offres/nouvelle');
  });

  test('a member sees the distance from their pole and the link to publish, in English too', async () => {
    const cookie = await cookieFor('emergent@demo.ptce.fr');
    const { listing, canPublish } = await offersLoader({ request: makeRequest('/offres?km=200', { cookie }), context, params: {} });
    expect(canPublish).toBe(true);
    const french = await renderAt('/offres?km=200', createElement(SearchPage, { listing, canPublish }));
    expect(french).toContain('name="km"');
    expect(french).toContain('Distance de Coopérative des Causses et Cévennes (fictif)');
    expect(french).not.toContain('name="depuis"');
    expect(french).toContain('href="/offres/nouvelle"');
    expect(french).toMatch(/à \d+ km de Coopérative des Causses/);
    const english = await renderAt('/offres?km=200', createElement(SearchPage, { listing, canPublish }), 'en');
    expect(english).toContain('Know-how offers');
    expect(english).toMatch(/\d+ km from Coopérative des Causses/);
  });

  test('requests have their own page, states and preferred formats', async () => {
    const listing = await requestsFor('');
    const html = await renderAt('/demandes', createElement(SearchPage, { listing, canPublish: false }));
    expect(html).toContain('Demandes d’accompagnement');
    expect(html).toContain('action="/demandes"');
    expect(html).toContain('name="state"');
    expect(html).not.toContain('name="reach"');
    expect(html).toContain('3 demandes');
    expect(html).toContain('Formats souhaités');
    expect(html).toContain('Urgente');
  });
});
