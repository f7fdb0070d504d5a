export default {
  formats: {
    learning_visit: 'Visite apprenante',
    remote_mentoring: 'Accompagnement à distance',
    workshop: 'Atelier',
    twinning: 'Jumelage',
  },
  reach: { regional: 'Régionale', national: 'Nationale', european: 'Européenne' },
  offerStates: { draft: 'Brouillon', published: 'Publiée', paused: 'En pause', closed: 'Clôturée' },
  requestStates: { open: 'Ouverte', in_progress: 'En cours', answered: 'Satisfaite', closed: 'Clôturée' },
  urgency: { low: 'Peu urgente', medium: 'Urgence moyenne', high: 'Urgente' },
  languages: { fr: 'Français', en: 'Anglais', es: 'Espagnol', de: 'Allemand', it: 'Italien', oc: 'Occitan', br: 'Breton', eu: 'Basque', ca: 'Catalan', pt: 'Portugais' },
};
