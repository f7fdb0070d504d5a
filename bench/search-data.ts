import { demoOffers, demoRequests } from '#db/seed/data/marketplace';
import { poles as realPoles } from '#db/seed/data/poles';
import { regions } from '#db/seed/data/regions';
import { sectors } from '#db/seed/data/sectors';
import { topics } from '#db/seed/data/topics';

/**
 * Varied French text for the search benchmark, drawn from the platform's real vocabulary: the
 * topics and sectors of the survey, the demo offers and requests (the report's practices), the
 * towns of the 74 poles. Deterministic: the same seed gives the same rows and queries.
 */

import type { Random } from './random';

export { seededRandom, type Random } from './random';

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.length > 20);
/** What an offer says about a topic: the topic's description and the demo items' sentences on it. */
const sentencesByTopic = new Map(
  topics.map((topic) => [
    topic.slug,
    [
      topic.description,
      ...[...demoOffers.map((offer) => ({ ...offer, text: offer.description })), ...demoRequests.map((request) => ({ ...request, text: request.context }))]
        .filter((item) => item.topics.includes(topic.slug))
        .flatMap((item) => sentencesOf(item.text)),
    ],
  ]),
);
/** Who does what in which sector: the slots of the sentences that make each text different. */
const actors = [
  'les associations du territoire',
  'les entreprises adhérentes',
  'la communauté de communes',
  'des habitants bénévoles',
  'une coopérative d’activité et d’emploi',
  'les chantiers d’insertion',
  'les élus locaux',
  'des agriculteurs',
  'les artisans',
  'un lycée professionnel',
  'l’université',
  'la CRESS',
  'les bailleurs sociaux',
  'une régie de quartier',
  'les commerçants',
  'une fondation d’entreprise',
  'le département',
  'des doctorants',
  'une SCOP',
  'une SCIC',
];
const verbs = [
  'mutualisent',
  'coconstruisent',
  'financent',
  'animent',
  'expérimentent',
  'développent',
  'accompagnent',
  'évaluent',
  'structurent',
  'relocalisent',
  'gèrent',
  'essaiment',
];
const objectsBySector: Record<string, string[]> = {
  'eco-activites-recyclage': ['une ressourcerie', 'le réemploi des matériaux', 'la collecte des biodéchets'],
  'agriculture-alimentation': ['une légumerie', 'les circuits courts', 'une cuisine centrale', 'un magasin de producteurs'],
  'emploi-parcours': ['un groupement d’employeurs', 'des parcours d’insertion', 'une plateforme mobilité-emploi'],
  'solidarite-democratie': ['une épicerie solidaire', 'des budgets participatifs', 'l’accès aux droits'],
  'services-entreprises': ['une conciergerie d’entreprises', 'des achats groupés', 'un service de paie mutualisé'],
  'energie-transition-energetique': ['une centrale villageoise', 'la rénovation énergétique', 'un réseau de chaleur bois'],
  batiment: ['la construction en bois local', 'l’écoconstruction', 'l’autoréhabilitation accompagnée'],
  mobilite: ['un garage solidaire', 'l’autopartage', 'le covoiturage rural'],
  'sante-soin-service-personne': ['une crèche interentreprises', 'l’aide à domicile', 'une maison de santé'],
  'culture-industries-creatives': ['une fabrique artistique', 'des résidences d’artistes', 'un festival'],
  finance: ['l’épargne solidaire', 'un fonds de prêts d’honneur', 'les monnaies locales'],
  tourisme: ['le tourisme social', 'des gîtes collectifs', 'des itinéraires de randonnée'],
  commerce: ['la revitalisation du centre-bourg', 'une boutique à l’essai', 'un marché de créateurs'],
  numerique: ['un fablab', 'la médiation numérique', 'des logiciels libres'],
  'formation-recherche': ['des thèses CIFRE', 'une recherche-action', 'des formations certifiantes'],
  transversal: ['des locaux partagés', 'une équipe d’animation commune', 'un observatoire territorial'],
  'innovation-sociale': ['l’incubation de projets', 'un laboratoire d’innovation sociale', 'des expérimentations locales'],
  'textile-mode': ['un atelier de couture solidaire', 'le recyclage textile', 'la filière laine'],
  'sport-loisirs': ['le sport santé', 'des équipements sportifs partagés', 'l’éducation populaire'],
};
const titleTemplates: Array<(topic: string, town: string, object: string) => string> = [
  (topic) => `${topic} : retour d’expérience`,
  (topic, _town, object) => `${topic} autour de ${object}`,
  (topic, town) => `${topic} à ${town}`,
  (_topic, town, object) => `Atelier pratique : ${object} à ${town}`,
  (topic, town) => `Visite apprenante à ${town} : ${topic.toLowerCase()}`,
  (_topic, _town, object) => `Jumelage pour développer ${object}`,
  (topic, _town, object) => `Méthode et outils pour ${object} (${topic.toLowerCase()})`,
];
const demoTitles = [...demoOffers, ...demoRequests].map((item) => item.title);

export const towns = realPoles.map((pole) => ({
  town: pole.town,
  departmentCode: pole.departmentCode,
  regionCode: pole.regionCode,
  latitude: pole.latitude,
  longitude: pole.longitude,
}));
export const formats = ['learning_visit', 'remote_mentoring', 'workshop', 'twinning'] as const;
export const reaches = ['regional', 'national', 'european'] as const;
export const maturities = ['emerging', 'consolidating', 'mature'] as const;
export const regionCodes = [...new Set(realPoles.map((pole) => pole.regionCode))].filter((code) => regions.some((region) => region.code === code));
export const topicSlugs = topics.map((topic) => topic.slug);
export const sectorSlugs = sectors.map((sector) => sector.slug);
const topicBySlug = new Map(topics.map((topic) => [topic.slug, topic]));
const sectorBySlug = new Map(sectors.map((sector) => [sector.slug, sector]));
const poleWords = ['Pôle', 'PTCE', 'Coopérative', 'Cluster', 'Réseau', 'Fabrique', 'Collectif', 'Maison'];

export function poleRow(random: Random, index: number) {
  const base = random.pick(towns);
  const maturity = random.pick(maturities);
  return {
    slug: `bench-pole-${index}`,
    name: `${random.pick(poleWords)} ${base.town} ${index}`,
    town: base.town,
    departmentCode: base.departmentCode,
    regionCode: base.regionCode,
    // Around a real pole's town, so distances and regions stay plausible.
    latitude: base.latitude + (random.next() - 0.5) * 1.2,
    longitude: base.longitude + (random.next() - 0.5) * 1.6,
    maturity,
    verified: maturity !== 'emerging' || random.next() < 0.5,
    sectors: random.some(sectorSlugs, 1 + random.int(2)),
  };
}

/** The same `keywords` the editors write: topic and sector names, French and English. */
function keywordsOf(topicSlugsOfItem: string[], sectorSlugsOfItem: string[]): string {
  return [...topicSlugsOfItem.map((slug) => topicBySlug.get(slug)!), ...sectorSlugsOfItem.map((slug) => sectorBySlug.get(slug)!)]
    .flatMap((item) => [item.name, item.nameEn])
    .join(' · ');
}

const day = 86_400_000;
const now = Date.UTC(2025, 5, 1);

/**
 * Offer number `index` of `count`: offers arrive over three years, so the table is roughly in
 * publication order, as a real one filled day by day is (a few days of jitter).
 */
export function offerRow(random: Random, index: number, count: number, poleCount: number) {
  const offerTopics = random.some(topicSlugs, 1 + random.int(3));
  const offerSectors = random.some(sectorSlugs, 1 + random.int(2));
  const town = random.pick(towns).town;
  const object = random.pick(objectsBySector[offerSectors[0]!] ?? ['des projets communs']);
  const mainTopic = topicBySlug.get(offerTopics[0]!)!;
  const title = random.next() < 0.05 ? random.pick(demoTitles) : random.pick(titleTemplates)(mainTopic.name, town, object);
  const sentences = [
    ...offerTopics.map((slug) => random.pick(sentencesByTopic.get(slug)!)),
    `Depuis ${2010 + random.int(15)}, ${random.pick(actors)} de ${town} ${random.pick(verbs)} ${object} avec ${random.pick(actors)}.`,
    `Nous ${random.pick(['partageons', 'transmettons', 'présentons', 'documentons'])} ${random.pick(['nos outils', 'nos erreurs', 'notre méthode', 'nos conventions', 'nos budgets', 'nos statuts'])} pour ${random.pick(objectsBySector[random.pick(sectorSlugs)]!)}.`,
  ];
  const roll = random.next();
  const state = roll < 0.85 ? 'published' : roll < 0.9 ? 'draft' : roll < 0.95 ? 'paused' : 'closed';
  return {
    poleIndex: random.int(poleCount),
    title,
    description: sentences.join(' '),
    formats: random.some(formats, 1 + random.int(2)),
    reach: random.pick(reaches),
    languages: random.next() < 0.2 ? ['fr', random.pick(['en', 'es', 'de', 'it'])] : ['fr'],
    capacity: 1 + random.int(4),
    state,
    keywords: keywordsOf(offerTopics, offerSectors),
    publishedAt: state === 'draft' ? null : new Date(now - ((count - index) / count) * 3 * 365 * day + (random.next() - 0.5) * 4 * day),
    topics: offerTopics,
    sectors: offerSectors,
  };
}

const searchTexts = [
  'juridique',
  'juridiques',
  'cooperation',
  'Coopérations',
  'tiers lieux',
  'tiers-lieu',
  'financement',
  'financements europeens',
  'communication',
  'gouvernance partagée',
  'start-up de territoire',
  'crèche',
  'creche interentreprises',
  'SCIC',
  'habitants',
  'collectivités',
  'filière bois',
  'construction',
  'mobilité',
  'alimentation',
  'emploi',
  'numérique',
  'recyclage',
  'CIFRE',
  'évaluation impact',
  'mutualisation',
  'animation cooperation',
  'incubation',
  'statuts association',
  'visite apprenante',
  'Figeac',
  'Romans-sur-Isère',
  'jeux',
  'réemploi ressourcerie',
  'third place',
  'fundraising',
  'zéphyr introuvable',
  'entreprises territoire',
  'garage solidaire',
  'légumerie',
  'centrale villageoise',
  'fablab',
  'épicerie solidaire',
  'groupement d’employeurs',
  'lycée professionnel',
  'monnaies locales',
];

/** A query string of /offres: text, filters, both, later pages, distance (for a signed-in member). */
export function searchQuery(random: Random, category: 'text' | 'text+filters' | 'filters' | 'pages' | 'distance', depuis: string[]): string {
  const params = new URLSearchParams();
  const filters = () => {
    const choices: Array<() => void> = [
      () => params.set('topic', random.pick(topicSlugs)),
      () => params.set('sector', random.pick(sectorSlugs)),
      () => params.set('format', random.pick(formats)),
      () => params.set('region', random.pick(regionCodes)),
      () => params.set('reach', random.pick(reaches)),
      () => params.set('maturity', random.pick(maturities)),
    ];
    for (const choose of random.some(choices, 1 + random.int(3))) choose();
  };
  if (category !== 'filters') params.set('q', random.pick(searchTexts));
  if (category === 'text+filters' || category === 'filters') filters();
  if (category === 'pages') {
    if (random.next() < 0.5) params.delete('q');
    if (random.next() < 0.5) filters();
    params.set('page', String(2 + random.int(2)));
  }
  if (category === 'distance') {
    if (random.next() < 0.5) params.delete('q');
    params.set('km', String(random.pick([25, 50, 100, 200])));
    params.set('depuis', random.pick(depuis));
    if (random.next() < 0.3) filters();
  }
  return params.toString() ? `?${params}` : '';
}
