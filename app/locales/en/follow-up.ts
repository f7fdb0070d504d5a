import type { Catalogue } from '../types';
import type french from '../fr/follow-up';

export default {
  metaTitle: 'Erasmus PTCE',
} satisfies Catalogue<typeof french>;
