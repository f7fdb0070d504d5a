// Demo offers and requests (demo mode only). Offers restate what the 2021 report says these poles
// actually do (the « Start-up de territoire » method of Pôle Sud / Groupe ARCHER, replicated by
// Figeacteurs, Clus’Ter Jura and InnoVales; the inter-company crèche at Figeacteurs; Construire
// Solidaire's wood-construction sector; third places at Le PHARES, Vivre les Mureaux and
// KaléidosCOOP; Clus’Ter Jura's CIFRE doctoral student). Requests come from the fictional emerging
// poles and match the survey's top needs: legal set-up (38 %), animating cooperation (33 %),
// fundraising (29 %), communication (29 %). Formats, capacities and dates are invented for the demo.

type Format = 'learning_visit' | 'remote_mentoring' | 'workshop' | 'twinning';

export type DemoOffer = {
  poleSlug: string;
  title: string;
  description: string;
  topics: string[];
  sectors: string[];
  formats: Format[];
  reach: 'regional' | 'national' | 'european';
  languages: string[];
  capacity: number;
  state: 'draft' | 'published' | 'paused' | 'closed';
  /** Published this many days before the seed runs. */
  daysAgo: number;
};

export type DemoRequest = {
  poleSlug: string;
  title: string;
  context: string;
  topics: string[];
  sectors: string[];
  preferredFormats: Format[];
  urgency: 'low' | 'medium' | 'high';
  state: 'open' | 'in_progress' | 'answered' | 'closed';
  daysAgo: number;
};

export const demoOffers: DemoOffer[] = [
  {
    poleSlug: 'pole-sud',
    title: 'La démarche « Start-up de territoire » : faire émerger des projets avec les habitants',
    description:
      'Initiée par le Groupe ARCHER, structure porteuse du Pôle Sud à Romans-sur-Isère, la démarche « Start-up de territoire » réunit habitants, porteurs de projets et acteurs locaux lors de soirées conviviales pour repérer les besoins non couverts du territoire et faire naître des entreprises qui y répondent. Nous transmettons la méthode : préparation avec les élus et les entreprises, animation des ateliers d’idéation, suivi des équipes projets jusqu’à la création.',
    topics: ['incubation', 'animation-cooperation', 'implication-habitants'],
    sectors: ['innovation-sociale', 'emploi-parcours'],
    formats: ['learning_visit', 'workshop', 'twinning'],
    reach: 'national',
    languages: ['fr'],
    capacity: 3,
    state: 'published',
    daysAgo: 12,
  },
  {
    poleSlug: 'figeacteurs',
    title: 'Monter une crèche interentreprises : montage juridique et financier',
    description:
      'Figeacteurs s’est créé autour d’un projet de crèche interentreprises qui rend service aux salariés des entreprises membres du pôle. Nous partageons le montage juridique (statuts, conventions de réservation de berceaux avec les employeurs), le plan de financement avec la CAF et les collectivités, et les erreurs à éviter. Accompagnement juridique à distance et visite de la crèche à Figeac.',
    topics: ['juridique', 'financement', 'offre-services', 'cooperation-entreprises'],
    sectors: ['sante-soin-service-personne', 'services-entreprises'],
    formats: ['remote_mentoring', 'learning_visit'],
    reach: 'national',
    languages: ['fr'],
    capacity: 2,
    state: 'published',
    daysAgo: 5,
  },
  {
    poleSlug: 'figeacteurs',
    title: 'Adapter la « Start-up de territoire » en milieu rural',
    description:
      'Après le Pôle Sud, Figeacteurs a adapté la démarche « Start-up de territoire » au Grand-Figeac : mobiliser un bassin rural, associer les entreprises industrielles et les associations, tenir le rythme après l’événement. Atelier d’une journée pour les équipes d’animation des pôles émergents.',
    topics: ['incubation', 'animation-cooperation', 'relations-collectivites'],
    sectors: ['innovation-sociale'],
    formats: ['workshop'],
    reach: 'regional',
    languages: ['fr', 'oc'],
    capacity: 4,
    state: 'published',
    daysAgo: 30,
  },
  {
    poleSlug: 'clus-ter-jura',
    title: 'Une doctorante CIFRE pour la R&D territoriale sur la coopération',
    description:
      'Clus’Ter Jura a embauché une doctorante en convention CIFRE pour structurer un programme de R&D territoriale sur la coopération, afin d’accélérer le développement du territoire par l’entrepreneuriat. Nous expliquons comment construire le partenariat avec le laboratoire, financer le poste avec l’ANRT et faire vivre la recherche dans le pôle.',
    topics: ['rd-territoriale', 'veille-production-savoirs', 'financement'],
    sectors: ['formation-recherche'],
    formats: ['remote_mentoring', 'twinning'],
    reach: 'european',
    languages: ['fr', 'en'],
    capacity: 2,
    state: 'published',
    daysAgo: 20,
  },
  {
    poleSlug: 'innovales',
    title: 'Start-up de territoire en vallée alpine : retour d’expérience',
    description:
      'InnoVales a répliqué la démarche « Start-up de territoire » dans la vallée de l’Arve : mobilisation des entreprises, des communes et des habitants, puis accompagnement des projets retenus. Visite apprenante à Saint-Pierre-en-Faucigny et échanges avec les porteurs de projets.',
    topics: ['incubation', 'implication-habitants', 'cooperation-entreprises'],
    sectors: ['innovation-sociale', 'services-entreprises'],
    formats: ['learning_visit'],
    reach: 'european',
    languages: ['fr', 'it'],
    capacity: 3,
    state: 'published',
    daysAgo: 45,
  },
  {
    poleSlug: 'construire-solidaire',
    title: 'Structurer une filière de construction bois solidaire',
    description:
      'Construire Solidaire accompagne la structuration d’une filière francilienne de construction à base du matériau bois, en rassemblant des acteurs de l’habitat et de la construction écologique autour de projets solidaires et responsables. Nous transmettons notre méthode d’animation de filière : cartographie des acteurs, chantiers partagés, insertion professionnelle.',
    topics: ['structuration-filiere', 'animation-cooperation', 'cooperation-entreprises'],
    sectors: ['batiment', 'emploi-parcours', 'eco-activites-recyclage'],
    formats: ['learning_visit', 'workshop'],
    reach: 'national',
    languages: ['fr'],
    capacity: 2,
    state: 'published',
    daysAgo: 8,
  },
  {
    poleSlug: 'le-phares',
    title: 'Ouvrir un tiers-lieu avec des services mutualisés pour les membres',
    description:
      'Le PHARES, pôle d’hospitalité aux activités à rayonnement écologique et solidaire, propose à ses membres un lieu partagé associé à des services mutualisés (accueil, salles, comptabilité, communication). Visite du tiers-lieu à L’Île-Saint-Denis, modèle économique des loyers et des services, gouvernance entre résidents.',
    topics: ['tiers-lieu', 'mutualisation', 'modele-economique', 'gouvernance'],
    sectors: ['transversal', 'solidarite-democratie'],
    formats: ['learning_visit', 'remote_mentoring'],
    reach: 'national',
    languages: ['fr', 'en'],
    capacity: 3,
    state: 'published',
    daysAgo: 3,
  },
  {
    poleSlug: 'vivre-les-mureaux',
    title: 'Un tiers-lieu de quartier au service de l’emploi',
    description:
      'Vivre les Mureaux a développé un tiers-lieu en quartier prioritaire qui rapproche habitants, associations et entreprises autour de l’emploi et de l’entrepreneuriat. Nous partageons la relation avec la commune, le financement du lieu et l’animation au quotidien.',
    topics: ['tiers-lieu', 'relations-collectivites', 'implication-habitants'],
    sectors: ['emploi-parcours', 'solidarite-democratie'],
    formats: ['learning_visit', 'twinning'],
    reach: 'regional',
    languages: ['fr'],
    capacity: 2,
    state: 'published',
    daysAgo: 15,
  },
  {
    poleSlug: 'kaleidoscoop',
    title: 'KaléidosCOOP : un tiers-lieu coopératif transfrontalier',
    description:
      'À Strasbourg, le tiers-lieu KaléidosCOOP matérialise la coopération du pôle dans un espace partagé. Gouvernance coopérative, création d’une SCIC, partenariats avec l’Allemagne voisine : échanges en français ou en allemand.',
    topics: ['tiers-lieu', 'creation-scic', 'gouvernance'],
    sectors: ['transversal', 'innovation-sociale'],
    formats: ['learning_visit', 'remote_mentoring'],
    reach: 'european',
    languages: ['fr', 'de'],
    capacity: 2,
    state: 'published',
    daysAgo: 25,
  },
  {
    poleSlug: 'imaginations-fertiles',
    title: 'Communiquer sur l’impact d’un pôle auprès des financeurs',
    description:
      'Imaginations fertiles partage ses outils de communication et d’évaluation d’impact : rapport d’activité, récits de coopération, indicateurs suivis avec les partenaires publics. Atelier à distance pour les pôles qui préparent une demande de financement.',
    topics: ['communication', 'evaluation-impact', 'financement'],
    sectors: ['culture-industries-creatives'],
    formats: ['workshop', 'remote_mentoring'],
    reach: 'national',
    languages: ['fr'],
    capacity: 5,
    state: 'published',
    daysAgo: 40,
  },
  {
    poleSlug: 'figeacteurs',
    title: 'Brouillon : gouvernance partagée entre entreprises et associations',
    description: 'Offre en préparation, visible seulement des membres de Figeacteurs tant qu’elle n’est pas publiée.',
    topics: ['gouvernance'],
    sectors: [],
    formats: ['workshop'],
    reach: 'regional',
    languages: ['fr'],
    capacity: 1,
    state: 'draft',
    daysAgo: 1,
  },
];

export const demoRequests: DemoRequest[] = [
  {
    poleSlug: 'causses-cevennes-demo',
    title: 'Choisir la forme juridique de notre pôle : association ou SCIC ?',
    context:
      'Notre coopérative naissante réunit une quinzaine de structures en Lozère (agriculteurs, associations d’insertion, communes). Nous hésitons entre une association et une SCIC pour porter le pôle et ses salariés, et voulons comprendre les conséquences sur la gouvernance et les financements.',
    topics: ['juridique', 'creation-scic', 'gouvernance'],
    sectors: ['agriculture-alimentation'],
    preferredFormats: ['remote_mentoring', 'learning_visit'],
    urgency: 'high',
    state: 'open',
    daysAgo: 2,
  },
  {
    poleSlug: 'causses-cevennes-demo',
    title: 'Animer la coopération entre membres dispersés sur un territoire rural',
    context:
      'Nos membres sont éloignés de plus d’une heure de route. Comment tenir une dynamique de coopération, des réunions utiles et des projets communs sans poste d’animation à plein temps ?',
    topics: ['animation-cooperation'],
    sectors: ['transversal'],
    preferredFormats: ['twinning', 'workshop'],
    urgency: 'medium',
    state: 'open',
    daysAgo: 9,
  },
  {
    poleSlug: 'cantal-cooperation-demo',
    title: 'Trouver des financements pour le poste d’animation',
    context:
      'Le pôle fonctionne avec des bénévoles depuis deux ans. Nous cherchons comment financer un premier poste d’animation : fonds européens, région, fondations, cotisations des membres.',
    topics: ['financement', 'modele-economique'],
    sectors: ['transversal'],
    preferredFormats: ['remote_mentoring'],
    urgency: 'high',
    state: 'open',
    daysAgo: 6,
  },
  {
    poleSlug: 'berry-cooperation-demo',
    title: 'Se faire connaître des entreprises et des élus du territoire',
    context:
      'Notre pôle est encore peu visible : nous voulons une stratégie de communication simple (site, lettre, événements) pour convaincre les entreprises locales et les élus de rejoindre la coopération.',
    topics: ['communication', 'relations-collectivites', 'cooperation-entreprises'],
    sectors: ['services-entreprises'],
    preferredFormats: ['workshop'],
    urgency: 'medium',
    state: 'open',
    daysAgo: 14,
  },
  {
    poleSlug: 'nievre-en-commun-demo',
    title: 'Créer un tiers-lieu dans une ancienne friche industrielle',
    context:
      'La commune nous propose une friche pour y installer un tiers-lieu. Nous cherchons un pôle qui a déjà ouvert un tiers-lieu pour comprendre le modèle économique et les travaux à prévoir.',
    topics: ['tiers-lieu', 'modele-economique', 'relations-collectivites'],
    sectors: ['eco-activites-recyclage'],
    preferredFormats: ['learning_visit', 'twinning'],
    urgency: 'low',
    state: 'in_progress',
    daysAgo: 21,
  },
];
