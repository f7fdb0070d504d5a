import type { Catalogue } from '../types';
import type market from '../fr/market';

export default {
  formats: {
    learning_visit: 'Learning visit',
    remote_mentoring: 'Remote mentoring',
    workshop: 'Workshop',
    twinning: 'Twinning',
  },
  reach: { regional: 'Regional', national: 'National', european: 'European' },
  offerStates: { draft: 'Draft', published: 'Published', paused: 'Paused', closed: 'Closed' },
  requestStates: { open: 'Open', in_progress: 'In progress', answered: 'Answered', closed: 'Closed' },
  urgency: { low: 'Not urgent', medium: 'Medium urgency', high: 'Urgent' },
  languages: { fr: 'French', en: 'English', es: 'Spanish', de: 'German', it: 'Italian', oc: 'Occitan', br: 'Breton', eu: 'Basque', ca: 'Catalan', pt: 'Portuguese' },
} satisfies Catalogue<typeof market>;
