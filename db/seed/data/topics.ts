// Know-how themes (topics) for peer-to-peer transfer between poles.
// Drawn from the survey annex of « Relancer les PTCE : diagnostic et propositions »
// (Le Labo de l’ESS, 2021): needs for support (« besoins d’accompagnement en termes de savoir
// et/ou de savoir-faire »: juridique 38 %, animation de la coopération 33 %, fundraising 29 %,
// communication 29 %, administratif 10 %), types of activity, forms of cooperation and priorities,
// and from the report’s diagnosis and proposals (tiers-lieux, « Start-up de territoire », R&D and
// CIFRE, collectivités, zones blanches, entreprises).

export type TopicSeed = { slug: string; name: string; nameEn: string; description: string };

export const topics: TopicSeed[] = [
  {
    slug: 'juridique',
    name: 'Structuration juridique',
    nameEn: 'Legal structuring',
    description: 'Choisir et mettre en place la forme juridique du pôle et de sa structure d’animation (association, SCIC, SCOP, convention entre membres).',
  },
  {
    slug: 'animation-cooperation',
    name: 'Animation de la coopération',
    nameEn: 'Animating cooperation',
    description:
      'Faire vivre la coopération entre les membres du pôle : rencontres, coordination des actions, circulation de l’information et co-portage de projets.',
  },
  {
    slug: 'financement',
    name: 'Recherche de financements',
    nameEn: 'Fundraising',
    description:
      'Identifier et obtenir des financements publics et privés (subventions, appels à projets, fonds européens, mécénat, fonds propres) pour le pôle et ses projets.',
  },
  {
    slug: 'communication',
    name: 'Communication',
    nameEn: 'Communication',
    description: 'Rendre le pôle et son action visibles auprès des habitant·e·s, des partenaires, des collectivités et des financeurs.',
  },
  {
    slug: 'administration-gestion',
    name: 'Administration et gestion',
    nameEn: 'Administration and management',
    description: 'Organiser les tâches administratives, la gestion budgétaire, la trésorerie, les dossiers de subvention et le reporting du pôle.',
  },
  {
    slug: 'gouvernance',
    name: 'Gouvernance',
    nameEn: 'Governance',
    description:
      'Définir les règles de décision et de contrôle partagées entre membres, les formaliser (charte, convention) et les ouvrir à de nouveaux acteurs.',
  },
  {
    slug: 'modele-economique',
    name: 'Modèle économique',
    nameEn: 'Business model',
    description: 'Consolider les ressources du pôle en équilibrant subventions, vente de services ou de biens, cotisations et mécénat.',
  },
  {
    slug: 'tiers-lieu',
    name: 'Gestion d’un tiers-lieu',
    nameEn: 'Running a third place',
    description: 'Créer et gérer un lieu partagé offrant des services mutualisés, qui ancre physiquement la coopération sur le territoire.',
  },
  {
    slug: 'incubation',
    name: 'Incubation de projets (« Start-up de territoire »)',
    nameEn: 'Project incubation (“Start-up de territoire”)',
    description:
      'Accompagner l’émergence de projets entrepreneuriaux répondant aux besoins du territoire, notamment par la démarche « Start-up de territoire ».',
  },
  {
    slug: 'rd-territoriale',
    name: 'R&D territoriale (thèses CIFRE)',
    nameEn: 'Territorial R&D (CIFRE PhDs)',
    description:
      'Conduire une recherche appliquée sur le territoire et ses besoins avec des chercheur·euse·s, des établissements d’enseignement supérieur ou des doctorant·e·s en CIFRE.',
  },
  {
    slug: 'relations-collectivites',
    name: 'Relations avec les collectivités',
    nameEn: 'Working with local authorities',
    description: 'Associer les collectivités territoriales et les services de l’État à la dynamique du pôle, à son financement et à sa gouvernance.',
  },
  {
    slug: 'evaluation-impact',
    name: 'Évaluation d’impact',
    nameEn: 'Impact evaluation',
    description:
      'Mesurer et rendre compte des effets du pôle sur l’emploi, la transition écologique et les acteurs du territoire, y compris les impacts extra-financiers.',
  },
  {
    slug: 'creation-scic',
    name: 'Création d’une SCIC',
    nameEn: 'Setting up a SCIC',
    description: 'Monter une société coopérative d’intérêt collectif associant salarié·e·s, usager·e·s, entreprises et collectivités autour du projet du pôle.',
  },
  {
    slug: 'mutualisation',
    name: 'Mutualisation (emplois, locaux, achats)',
    nameEn: 'Pooling (jobs, premises, purchasing)',
    description: 'Mettre en commun entre membres des compétences, des emplois, des lieux, des moyens matériels ou financiers et des achats.',
  },
  {
    slug: 'structuration-filiere',
    name: 'Structuration de filière',
    nameEn: 'Structuring a sector',
    description: 'Créer et développer une filière locale en organisant le maillage des acteurs d’un même secteur d’activité.',
  },
  {
    slug: 'offre-services',
    name: 'Offre de services',
    nameEn: 'Service offering',
    description:
      'Concevoir et commercialiser des services aux membres, aux entreprises et aux habitant·e·s du territoire (veille, accompagnement, outils partagés).',
  },
  {
    slug: 'sensibilisation',
    name: 'Actions de sensibilisation',
    nameEn: 'Awareness-raising',
    description: 'Faire connaître l’économie sociale et solidaire et la coopération territoriale auprès du public, des jeunes, des élu·e·s et des entreprises.',
  },
  {
    slug: 'formation-echange-savoirs',
    name: 'Formation et échange de savoirs',
    nameEn: 'Training and knowledge exchange',
    description: 'Organiser des formations, des visites apprenantes et des échanges de pratiques entre membres et avec d’autres pôles.',
  },
  {
    slug: 'veille-production-savoirs',
    name: 'Veille et production de savoirs',
    nameEn: 'Monitoring and knowledge production',
    description: 'Assurer une veille et une écoute territoriale pour repérer les besoins non couverts et produire des connaissances partagées.',
  },
  {
    slug: 'cooperation-entreprises',
    name: 'Coopération avec les entreprises',
    nameEn: 'Cooperation with businesses',
    description:
      'Impliquer artisans, TPE, PME et grandes entreprises dans le pôle, notamment autour de leur responsabilité territoriale et de la relocalisation d’activités.',
  },
  {
    slug: 'implication-habitants',
    name: 'Implication des habitant·e·s',
    nameEn: 'Involving residents',
    description: 'Associer les habitant·e·s à l’action et à la gouvernance du pôle et faire connaître ses activités au grand public.',
  },
  {
    slug: 'emergence-zones-blanches',
    name: 'Émergence d’un pôle en zone blanche',
    nameEn: 'Starting a pole in an area without social economy',
    description:
      'Faire émerger une dynamique de coopération là où l’économie sociale et solidaire est peu présente : diagnostic, mobilisation des acteurs, idéation.',
  },
];
