import { createElement } from 'react';
import { describe, expect, test } from 'vitest';
import { PoleVisits } from '#app/components/dashboard/pole-activity';
import { ItemList } from '#app/components/home/home-lists';
import { PoleMarket } from '#app/components/poles/pole-market';
import { loader as homeLoader } from '#app/routes/_index';
import { loader as poleLoader } from '#app/routes/poles.$slug';
import { loader as dashboardLoader } from '#app/routes/tableau-de-bord';
import { offerTopics, visitBookings } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { createOffer, createPoleWithMember, createRequest } from '#tests/setup/market-factories';
import { settle } from '#tests/setup/responses';
import { renderAt } from '#tests/setup/search-fixtures';
import { createGuestPole, createVisit, demoHostPole } from '#tests/setup/visit-factories';

/**
 * The short lists built from one component each, driven by the kind of what they list: a pole's
 * visits on the start page (hosted, booked), a pole page's offers and requests, and the item card
 * the home page and the pole page share. Rendered from their loaders' data, as the pages do.
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const ours = await createPoleWithMember(db, { verified: true, role: 'admin', name: 'Pôle des cartes (test)' });
const offer = await createOffer(db, { poleId: ours.pole.id, title: 'Offre des cartes', publishedAt: new Date('2030-03-04T10:00:00Z') });
await db.insert(offerTopics).values([
  { offerId: offer.id, topicSlug: 'juridique' },
  { offerId: offer.id, topicSlug: 'gouvernance' },
]);
const underWay = await createRequest(db, { poleId: ours.pole.id, state: 'in_progress', title: 'Demande des cartes en cours' });

// A visit we host (full, one pole waiting), and a place we wait for on Figeacteurs' visit.
const [guest1, guest2] = [await createGuestPole(db), await createGuestPole(db)];
const hosted = await createVisit(db, { hostPoleId: ours.pole.id, seats: 2, title: 'Visite accueillie des cartes' });
await db.insert(visitBookings).values([
  { visitId: hosted.id, poleId: guest1.pole.id, state: 'confirmed', seats: 2 },
  { visitId: hosted.id, poleId: guest2.pole.id, state: 'waiting', seats: 1 },
]);
const elsewhere = await createVisit(db, { hostPoleId: (await demoHostPole(db)).id, seats: 1, title: 'Visite réservée des cartes' });
await db.insert(visitBookings).values([
  { visitId: elsewhere.id, poleId: guest1.pole.id, state: 'confirmed', seats: 1 },
  { visitId: elsewhere.id, poleId: ours.pole.id, state: 'waiting', seats: 2 },
]);

/** The `<li>` that holds this text, whole. */
function cardWith(html: string, text: string): string {
  const at = html.indexOf(text);
  const start = html.lastIndexOf('<li', at);
  return html.slice(start, html.indexOf('</li>', at) + '</li>'.length);
}

describe('a pole’s visits on the start page', () => {
  test('the hosted and the booked lists: their headings, and what each card says', async () => {
    const { data } = await settle(dashboardLoader(routeArgs(context, makeRequest('/tableau-de-bord', { cookie: await cookieFor(ours.email) }))));
    const [item] = data.poles;
    const html = await renderAt('/tableau-de-bord', createElement(PoleVisits, { headingId: 'v', hosted: item.hosted, booked: item.booked, mayHost: true }));
    expect(html).toContain('<h3 id="v-accueil" class="text-xl font-semibold">Visites que vous accueillez</h3>');
    expect(html).toContain('<h3 id="v-reservees" class="text-xl font-semibold">Visites réservées par votre pôle</h3>');
    expect(html).toContain('aria-labelledby="v-accueil"');
    expect(html).toContain('aria-labelledby="v-reservees"');
    const mine = cardWith(html, 'Visite accueillie des cartes');
    expect(mine).toContain(`href="/visites/${hosted.id}"`);
    expect(mine).toContain('2 places réservées sur 2');
    expect(mine).toContain('1 pôle en liste d’attente');
    expect(mine).not.toContain('Chez ');
    const booked = cardWith(html, 'Visite réservée des cartes');
    expect(booked).toContain(`href="/visites/${elsewhere.id}"`);
    expect(booked).toMatch(/<a [^>]*href="\/poles\/figeacteurs"[^>]*>Chez Figeacteurs<\/a>/);
    expect(booked).toContain('Sur liste d’attente, position 1');
    expect(booked).toContain('2 participants');
    expect(booked).not.toContain('places réservées');
  });

  test('empty lists: hosting one is offered to those who may, booking one to all', async () => {
    const render = (mayHost: boolean) => renderAt('/tableau-de-bord', createElement(PoleVisits, { headingId: 'v', hosted: [], booked: [], mayHost }));
    const host = await render(true);
    expect(host).toContain('Aucune visite apprenante à venir chez vous.');
    expect(host).toMatch(/<a [^>]*href="\/visites\/nouvelle"[^>]*>Organiser une visite<\/a>/);
    expect(host).toContain('Votre pôle n’a réservé aucune visite à venir.');
    expect(host).toMatch(/<a [^>]*href="\/visites"[^>]*>Voir les visites apprenantes<\/a>/);
    const member = await render(false);
    expect(member).toContain('Aucune visite apprenante à venir chez vous.');
    expect(member).not.toContain('Organiser une visite');
    expect(member).toContain('Voir les visites apprenantes');
  });
});

describe('a pole page’s offers and requests', () => {
  test('each list under its heading, each item as a card: title, date, topics, « En cours » for help under way', async () => {
    const { data } = await settle(poleLoader(routeArgs(context, makeRequest(`/poles/${ours.pole.slug}`), { slug: ours.pole.slug })));
    const html = await renderAt(`/poles/${ours.pole.slug}`, createElement(PoleMarket, { offers: data.offers, requests: data.requests, canPublish: false }));
    expect(html).toContain('<h2 id="pole-offers" class="text-2xl font-semibold">Offres publiées</h2>');
    expect(html).toContain('<h2 id="pole-requests" class="text-2xl font-semibold">Demandes ouvertes</h2>');
    const offerCard = cardWith(html, 'Offre des cartes');
    expect(offerCard).toContain(`href="/offres/${offer.id}"`);
    expect(offerCard).toContain('Publiée le 4 mars 2030');
    const [shown] = data.offers;
    expect(shown.topics).toHaveLength(2);
    expect(offerCard).toContain(shown.topics.map((topic: { name: string }) => topic.name).join(' · '));
    // The pole is the page's own: its cards do not name it.
    expect(offerCard).not.toContain(`href="/poles/${ours.pole.slug}"`);
    const requestCard = cardWith(html, 'Demande des cartes en cours');
    expect(requestCard).toContain(`href="/demandes/${underWay.id}"`);
    expect(requestCard).toContain('Ouverte le');
    expect(requestCard).toContain('En cours');
  });

  test('empty lists lead a member to publish, anyone else to every pole’s', async () => {
    const render = (canPublish: boolean) => renderAt('/poles/x', createElement(PoleMarket, { offers: [], requests: [], canPublish }));
    const visitor = await render(false);
    expect(visitor).toContain('Ce pôle n’a pas d’offre de savoir-faire publiée pour le moment.');
    expect(visitor).toContain('Ce pôle n’a pas de demande ouverte pour le moment.');
    expect(visitor).toMatch(/<a [^>]*href="\/offres"[^>]*>Voir les offres de tous les pôles<\/a>/);
    expect(visitor).toMatch(/<a [^>]*href="\/demandes"[^>]*>Voir les demandes de tous les pôles<\/a>/);
    expect(visitor).not.toContain('/nouvelle');
    const member = await render(true);
    expect(member).toMatch(/<a [^>]*href="\/offres\/nouvelle"[^>]*>Publier une offre<\/a>/);
    expect(member).toMatch(/<a [^>]*href="\/demandes\/nouvelle"[^>]*>Publier une demande<\/a>/);
  });
});

describe('the item card the home page and the pole page share', () => {
  test('on the home page it also names the pole and its region; the card itself is the same', async () => {
    const home = await homeLoader({ request: makeRequest('/'), context, params: {} });
    expect(home.offers.map((item) => item.id)).toContain(offer.id);
    const html = await renderAt('/', createElement(ItemList, { kind: 'offers', items: home.offers, empty: 'vide' }));
    const onHome = cardWith(html, 'Offre des cartes');
    expect(onHome).toMatch(new RegExp(`<a [^>]*href="/poles/${ours.pole.slug}"[^>]*>Pôle des cartes \\(test\\)</a>`));
    expect(onHome).toContain('Occitanie');
    expect(onHome).toContain('Publiée le 4 mars 2030');
    const { data } = await settle(poleLoader(routeArgs(context, makeRequest(`/poles/${ours.pole.slug}`), { slug: ours.pole.slug })));
    const onPole = cardWith(
      await renderAt('/', createElement(PoleMarket, { offers: data.offers, requests: data.requests, canPublish: false })),
      'Offre des cartes',
    );
    const opening = (card: string) => card.slice(0, card.indexOf('>') + 1);
    expect(opening(onHome)).toBe(opening(onPole));
    // An empty list shows what the page gave for it.
    expect(await renderAt('/', createElement(ItemList, { kind: 'requests', items: [], empty: 'Rien encore' }))).toBe('Rien encore');
  });
});
