import type { Catalogue } from '../types';
import type french from '../fr/visit-hosting';

export default {
  metaTitle: 'Erasmus PTCE',
} satisfies Catalogue<typeof french>;
