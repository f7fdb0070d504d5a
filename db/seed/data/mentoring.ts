// Demo mode only: what the mature poles declare as the mentoring side, and two twinnings.
//
// These are DEMO ESTIMATES, not facts from the 2021 report (« Relancer les PTCE »), which grades
// no pole and says nothing of how many poles each could mentor. Topics are taken from what each
// pole is known for: its demo offers (data/marketplace.ts) and its description (data/poles.ts).
// Languages: French everywhere, plus the language of a border or of a demo offer (KaléidosCOOP in
// Strasbourg, PTCE Sud Aquitaine at the Spanish border, InnoVales near Italy, Figeacteurs' Occitan).
// The reference seed declares nothing for the real poles: a pole declares its own capacity.
//
// Figeacteurs is, on purpose, the clear best mentor for the requests of the fictional
// `causses-cevennes-demo` (legal set-up, SCIC, governance, animating cooperation): the browser
// test proposes that pair, so no seeded twinning involves either of them.

export type MentoringSeed = { capacity: number; topics: string[]; languages: string[] };

/** Keyed by pole slug: the 16 mature poles of data/poles.ts. */
export const demoMentoring: Record<string, MentoringSeed> = {
  'bou-sol': { capacity: 2, topics: ['structuration-filiere', 'cooperation-entreprises', 'mutualisation', 'modele-economique'], languages: ['fr'] },
  'clus-ter-jura': { capacity: 2, topics: ['rd-territoriale', 'veille-production-savoirs', 'financement', 'incubation'], languages: ['fr', 'en'] },
  'construire-solidaire': { capacity: 2, topics: ['structuration-filiere', 'cooperation-entreprises', 'formation-echange-savoirs'], languages: ['fr'] },
  'domb-innov': { capacity: 2, topics: ['cooperation-entreprises', 'mutualisation', 'relations-collectivites'], languages: ['fr'] },
  'ecopole-alimentaire-d-audruicq': {
    capacity: 2,
    topics: ['tiers-lieu', 'structuration-filiere', 'sensibilisation', 'formation-echange-savoirs'],
    languages: ['fr'],
  },
  figeacteurs: {
    capacity: 3,
    topics: ['juridique', 'creation-scic', 'gouvernance', 'animation-cooperation', 'financement', 'incubation'],
    languages: ['fr', 'oc'],
  },
  'imaginations-fertiles': { capacity: 2, topics: ['communication', 'evaluation-impact', 'financement', 'tiers-lieu', 'mutualisation'], languages: ['fr'] },
  innovales: { capacity: 2, topics: ['incubation', 'implication-habitants', 'cooperation-entreprises'], languages: ['fr', 'it'] },
  kaleidoscoop: { capacity: 2, topics: ['tiers-lieu', 'creation-scic', 'gouvernance', 'mutualisation'], languages: ['fr', 'de', 'en'] },
  'le-phares': { capacity: 3, topics: ['tiers-lieu', 'mutualisation', 'modele-economique', 'gouvernance'], languages: ['fr', 'en'] },
  'le-solilab': { capacity: 2, topics: ['mutualisation', 'cooperation-entreprises', 'offre-services'], languages: ['fr'] },
  nola: { capacity: 2, topics: ['relations-collectivites', 'cooperation-entreprises', 'implication-habitants'], languages: ['fr'] },
  'pole-sud': {
    capacity: 3,
    topics: ['incubation', 'animation-cooperation', 'implication-habitants', 'cooperation-entreprises', 'relations-collectivites'],
    languages: ['fr'],
  },
  'ptce-sud-aquitaine': { capacity: 2, topics: ['cooperation-entreprises', 'mutualisation', 'relations-collectivites'], languages: ['fr', 'es', 'eu'] },
  tetris: { capacity: 2, topics: ['rd-territoriale', 'incubation', 'tiers-lieu', 'veille-production-savoirs'], languages: ['fr'] },
  'vivre-les-mureaux': { capacity: 2, topics: ['tiers-lieu', 'relations-collectivites', 'implication-habitants'], languages: ['fr'] },
};

export type DemoGoal = { title: string; dueInDays: number; done: boolean };

export type DemoTwinning = {
  mentorSlug: string;
  menteeSlug: string;
  /** The coordinator who proposed it (a demo account). */
  proposedBy: string;
  message: string;
  /** Proposed, then activated, this many days before the seed runs. */
  proposedDaysAgo: number;
  activatedDaysAgo: number;
  goals: DemoGoal[];
} & (
  | { state: 'active' }
  | {
      state: 'completed';
      completedDaysAgo: number;
      /** Each side's closing evaluation (the mentee's rating is the one the matching reads). */
      evaluations: Record<'mentor' | 'mentee', { goalsReached: 'yes' | 'partly' | 'no'; rating: number; learned: string }>;
    }
);

/** One completed twinning in Occitanie and one under way in Auvergne-Rhône-Alpes (invented for the demo). */
export const demoTwinnings: DemoTwinning[] = [
  {
    mentorSlug: 'imaginations-fertiles',
    menteeSlug: 'les-ateliers',
    proposedBy: 'coord.occitanie@demo.ptce.fr',
    message:
      'Les Ateliers veulent relancer leur pôle à Castres et convaincre de nouveaux financeurs : Imaginations fertiles peut partager ses outils de communication et d’évaluation d’impact.',
    proposedDaysAgo: 240,
    activatedDaysAgo: 232,
    goals: [
      { title: 'Rédiger le premier rapport d’activité du pôle relancé', dueInDays: -150, done: true },
      { title: 'Choisir trois indicateurs d’impact suivis avec la communauté d’agglomération', dueInDays: -90, done: true },
      { title: 'Présenter le pôle à deux financeurs', dueInDays: -40, done: true },
    ],
    state: 'completed',
    completedDaysAgo: 30,
    evaluations: {
      mentor: {
        goalsReached: 'yes',
        rating: 4,
        learned: 'Expliquer nos outils à un pôle qui redémarre nous a obligés à les simplifier ; nous les utilisons désormais aussi.',
      },
      mentee: {
        goalsReached: 'yes',
        rating: 5,
        learned: 'Un rapport d’activité clair et trois indicateurs suivis : deux financeurs nous ont reçus et l’un soutient la relance du pôle.',
      },
    },
  },
  {
    mentorSlug: 'pole-sud',
    menteeSlug: 'pole-alpen',
    proposedBy: 'coord.aura@demo.ptce.fr',
    message:
      'Le Pôle Alpen souhaite redémarrer à Grenoble en faisant émerger des projets avec les habitants : le Pôle Sud transmet la démarche « Start-up de territoire » qu’il a initiée.',
    proposedDaysAgo: 75,
    activatedDaysAgo: 68,
    goals: [
      { title: 'Assister à une soirée « Start-up de territoire » à Romans-sur-Isère', dueInDays: -30, done: true },
      { title: 'Réunir élus et entreprises pour préparer la première soirée à Grenoble', dueInDays: 45, done: false },
    ],
    state: 'active',
  },
];
