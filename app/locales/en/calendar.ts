import type { Catalogue } from '../types';
import type french from '../fr/calendar';

export default {
  metaTitle: 'Erasmus PTCE',
} satisfies Catalogue<typeof french>;
