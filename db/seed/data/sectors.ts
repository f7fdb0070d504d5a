// Sectors of activity (filières) of the poles.
// Names follow the wording of the survey annex of « Relancer les PTCE : diagnostic et propositions »
// (Le Labo de l’ESS, 2021, question « Secteur(s) d’activité de votre PTCE »), with typography normalised.
// 'textile-mode' and 'sport-loisirs' are not survey categories: they come from the names of
// poles listed in the report (Les Gouttes d’Or de la Mode et du Design, Fibres 49, Pôle Laine du
// Pays de Saugues, LABSPORT…). 'transversal' (a survey answer) is used for poles whose sectors
// neither the report nor their name makes clear.

export type SectorSeed = { slug: string; name: string; nameEn: string };

export const sectors: SectorSeed[] = [
  {
    slug: 'eco-activites-recyclage',
    name: 'Éco-activités / développement durable / valorisation et recyclage des déchets',
    nameEn: 'Eco-activities, sustainable development, waste recovery and recycling',
  },
  { slug: 'agriculture-alimentation', name: 'Agriculture et alimentation', nameEn: 'Agriculture and food' },
  {
    slug: 'emploi-parcours',
    name: 'Activités liées à l’emploi et à la sécurisation des parcours socio-professionnels',
    nameEn: 'Employment and secure career pathways',
  },
  {
    slug: 'solidarite-democratie',
    name: 'Lutte contre les inégalités / Solidarité / Démocratie',
    nameEn: 'Fighting inequality, solidarity and democracy',
  },
  { slug: 'services-entreprises', name: 'Services aux entreprises', nameEn: 'Business services' },
  { slug: 'energie-transition-energetique', name: 'Énergie / Transition énergétique', nameEn: 'Energy and energy transition' },
  { slug: 'batiment', name: 'Bâtiment', nameEn: 'Building and construction' },
  { slug: 'mobilite', name: 'Mobilité', nameEn: 'Mobility' },
  { slug: 'sante-soin-service-personne', name: 'Santé / Soin / Service à la personne', nameEn: 'Health, care and personal services' },
  { slug: 'culture-industries-creatives', name: 'Culture et industries créatives', nameEn: 'Culture and creative industries' },
  { slug: 'finance', name: 'Finance', nameEn: 'Finance' },
  { slug: 'tourisme', name: 'Tourisme', nameEn: 'Tourism' },
  { slug: 'commerce', name: 'Commerce', nameEn: 'Trade' },
  {
    slug: 'numerique',
    name: 'Numérique / Technologies de l’information et de la communication',
    nameEn: 'Digital, information and communication technologies',
  },
  { slug: 'formation-recherche', name: 'Formation et recherche', nameEn: 'Training and research' },
  { slug: 'transversal', name: 'Transversal (multi-filières)', nameEn: 'Cross-sector' },
  { slug: 'innovation-sociale', name: 'Innovation sociale', nameEn: 'Social innovation' },
  { slug: 'textile-mode', name: 'Textile, mode et design', nameEn: 'Textile, fashion and design' },
  { slug: 'sport-loisirs', name: 'Sport et loisirs', nameEn: 'Sport and leisure' },
];
