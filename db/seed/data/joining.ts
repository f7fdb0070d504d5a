/**
 * Demo « Inscrire mon pôle » applications, one waiting on each demo coordinator's desk. The poles
 * and people are fictional (marked « fictif » / « démo »), the addresses at demo.ptce.fr.
 */
export const demoApplications = [
  {
    regionCode: '76',
    poleName: 'Coopérative de la Haute Vallée de l’Aude (fictif)',
    town: 'Quillan',
    postalCode: '11500',
    contactName: 'Marie Fabre (démo)',
    contactEmail: 'haute-vallee-aude@demo.ptce.fr',
    description:
      'Une vingtaine d’associations, deux scop et la communauté de communes travaillent ensemble sur l’alimentation locale et un tiers-lieu dans l’ancienne gare. Nous cherchons de l’aide pour structurer la gouvernance et trouver des financements.',
    website: null,
    daysAgo: 3,
  },
  {
    regionCode: '84',
    poleName: 'Pôle Drôme Provençale en Transition (fictif)',
    town: 'Nyons',
    postalCode: '26110',
    contactName: 'Karim Benali (démo)',
    contactEmail: 'drome-provencale@demo.ptce.fr',
    description:
      'Un collectif d’entreprises de l’économie sociale, d’agriculteurs et de la mairie de Nyons autour de la transition énergétique et du réemploi. Le pôle démarre : nous voulons apprendre des pôles qui ont monté une SCIC.',
    website: null,
    daysAgo: 1,
  },
];
