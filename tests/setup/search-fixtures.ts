import { eq } from 'drizzle-orm';
import { createInstance } from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from 'react-router-dom/server';
import { i18nConfig } from '#app/i18n';
import { resources } from '#app/locales/catalogues.server';
import { keywordsFor } from '#app/models/vocabulary.server';
import type { Executor } from '#db/client';
import { offerSectors, offerTopics, offers, poles, requestSectors, requestTopics, requests } from '#db/schema';
import { createOffer, createRequest } from './market-factories';

/**
 * Offers and requests with topics and sectors, their `keywords` computed as the editors do,
 * for the search tests. Poles are named by slug.
 */

type Tags = { pole: string; topics?: string[]; sectors?: string[] };

async function poleIdOf(db: Executor, slug: string): Promise<string> {
  const [pole] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, slug));
  if (!pole) throw new Error(`no pole ${slug}`);
  return pole.id;
}

export async function taggedOffer(db: Executor, input: Tags & Omit<Partial<typeof offers.$inferInsert>, 'poleId' | 'keywords'>) {
  const { pole, topics = [], sectors = [], ...values } = input;
  const keywords = await keywordsFor(db, { topicSlugs: topics, sectorSlugs: sectors });
  const offer = await createOffer(db, { ...values, poleId: await poleIdOf(db, pole), keywords });
  if (topics.length) await db.insert(offerTopics).values(topics.map((topicSlug) => ({ offerId: offer.id, topicSlug })));
  if (sectors.length) await db.insert(offerSectors).values(sectors.map((sectorSlug) => ({ offerId: offer.id, sectorSlug })));
  return offer;
}

export async function taggedRequest(db: Executor, input: Tags & Omit<Partial<typeof requests.$inferInsert>, 'poleId' | 'keywords'>) {
  const { pole, topics = [], sectors = [], ...values } = input;
  const keywords = await keywordsFor(db, { topicSlugs: topics, sectorSlugs: sectors });
  const request = await createRequest(db, { ...values, poleId: await poleIdOf(db, pole), keywords });
  if (topics.length) await db.insert(requestTopics).values(topics.map((topicSlug) => ({ requestId: request.id, topicSlug })));
  if (sectors.length) await db.insert(requestSectors).values(sectors.map((sectorSlug) => ({ requestId: request.id, sectorSlug })));
  return request;
}

/** Removes every offer and request (the demo ones too), so a test file knows exactly what exists. */
export async function clearMarketplace(db: Executor) {
  await db.delete(offers);
  await db.delete(requests);
}

/** A date `days` before a fixed moment, so orders by freshness are the same on every run. */
export function daysAgo(days: number): Date {
  return new Date(Date.UTC(2025, 0, 31, 12) - days * 86_400_000);
}

/**
 * A small marketplace with a known answer to each search: seven published offers in five
 * regions, three unlisted ones, two open requests, one in progress and two finished ones.
 */
export async function seedSearchFixtures(db: Executor) {
  await clearMarketplace(db);
  const offer = {
    creche: await taggedOffer(db, {
      pole: 'figeacteurs',
      title: 'Crèche interentreprises : le montage juridique',
      description: 'Comment nous avons choisi les statuts juridiques de la crèche avec les entreprises du territoire, puis financé son démarrage.',
      topics: ['juridique', 'cooperation-entreprises'],
      sectors: ['sante-soin-service-personne'],
      formats: ['learning_visit', 'workshop'],
      reach: 'national',
      publishedAt: daysAgo(10),
    }),
    tiersLieu: await taggedOffer(db, {
      pole: 'le-phares',
      title: 'Ouvrir un tiers-lieu',
      description: 'Visite de nos tiers-lieux : services mutualisés, gouvernance entre résidents.',
      topics: ['tiers-lieu', 'mutualisation'],
      sectors: ['transversal'],
      formats: ['learning_visit'],
      reach: 'regional',
      publishedAt: daysAgo(5),
    }),
    startup: await taggedOffer(db, {
      pole: 'pole-sud',
      title: 'Start-up de territoire : la méthode',
      description: 'Animer la coopération entre habitants, entreprises et collectivités pour faire émerger des projets.',
      topics: ['incubation', 'animation-cooperation'],
      sectors: ['services-entreprises'],
      formats: ['twinning', 'remote_mentoring'],
      reach: 'european',
      publishedAt: daysAgo(1),
    }),
    transfrontalier: await taggedOffer(db, {
      pole: 'kaleidoscoop',
      title: 'Coopérations transfrontalières',
      description: 'Partenariats avec l’Allemagne voisine, échanges en français et en allemand.',
      topics: ['gouvernance'],
      sectors: ['innovation-sociale'],
      formats: ['remote_mentoring'],
      reach: 'european',
      publishedAt: daysAgo(20),
    }),
    bois: await taggedOffer(db, {
      pole: 'construire-solidaire',
      title: '<script>alert(1)</script> Filière bois solidaire',
      description: 'Structurer une filière de construction en bois avec les chantiers d’insertion.',
      topics: ['structuration-filiere'],
      sectors: ['batiment'],
      formats: ['workshop'],
      reach: 'national',
      publishedAt: daysAgo(3),
    }),
    // The same word in a title (older) and in a text (fresher): relevance comes before freshness.
    compostTitle: await taggedOffer(db, {
      pole: 'clus-ter-jura',
      title: 'Compostage partagé entre voisins',
      description: 'Une plateforme gérée par les membres du pôle.',
      topics: ['mutualisation'],
      sectors: ['eco-activites-recyclage'],
      formats: ['workshop'],
      reach: 'regional',
      publishedAt: daysAgo(40),
    }),
    compostText: await taggedOffer(db, {
      pole: 'le-damier',
      title: 'Économie circulaire en ville',
      description: 'Ressourceries, réemploi et une plateforme de compostage pour les restaurants.',
      topics: ['structuration-filiere'],
      sectors: ['eco-activites-recyclage'],
      formats: ['learning_visit', 'workshop'],
      reach: 'regional',
      publishedAt: daysAgo(0),
    }),
    draft: await taggedOffer(db, { pole: 'figeacteurs', title: 'Brouillon : coopération juridique', topics: ['juridique'], state: 'draft', publishedAt: null }),
    paused: await taggedOffer(db, {
      pole: 'figeacteurs',
      title: 'En pause : coopération juridique',
      topics: ['juridique'],
      state: 'paused',
      publishedAt: daysAgo(2),
    }),
    closed: await taggedOffer(db, {
      pole: 'clus-ter-jura',
      title: 'Close : coopération juridique',
      topics: ['juridique'],
      state: 'closed',
      publishedAt: daysAgo(30),
    }),
  };
  const request = {
    statuts: await taggedRequest(db, {
      pole: 'causses-cevennes-demo',
      title: 'Choisir nos statuts juridiques',
      context: 'Association ou SCIC ? Nous cherchons un pôle qui a déjà fait ce choix.',
      topics: ['juridique', 'creation-scic'],
      preferredFormats: ['remote_mentoring'],
      urgency: 'high',
      updatedAt: daysAgo(4),
    }),
    animer: await taggedRequest(db, {
      pole: 'causses-cevennes-demo',
      title: 'Animer la coopération entre membres',
      context: 'Nos membres sont dispersés sur un territoire rural.',
      topics: ['animation-cooperation'],
      preferredFormats: ['learning_visit', 'workshop'],
      state: 'in_progress',
      updatedAt: daysAgo(2),
    }),
    friche: await taggedRequest(db, {
      pole: 'clus-ter-jura',
      title: 'Créer un tiers-lieu dans une friche',
      context: 'Une ancienne usine à transformer en lieu partagé.',
      topics: ['tiers-lieu'],
      preferredFormats: ['learning_visit'],
      updatedAt: daysAgo(1),
    }),
    answered: await taggedRequest(db, {
      pole: 'causses-cevennes-demo',
      title: 'Satisfaite : statuts juridiques',
      topics: ['juridique'],
      state: 'answered',
      updatedAt: daysAgo(6),
    }),
    closed: await taggedRequest(db, {
      pole: 'causses-cevennes-demo',
      title: 'Close : coopération juridique',
      topics: ['juridique'],
      state: 'closed',
      updatedAt: daysAgo(7),
    }),
  };
  const name = new Map<string, string>([...Object.entries(offer), ...Object.entries(request)].map(([key, row]) => [row.id, key]));
  return { offer, request, name };
}

/** Server-renders a component as the page at `url` would (a data router, for <Form>), in French or English. */
export async function renderAt(url: string, element: ReactElement, language: 'fr' | 'en' = 'fr'): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng: language });
  const handler = createStaticHandler([{ path: '*', element }]);
  const context = await handler.query(new Request(new URL(url, 'http://localhost')));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}
