import type { Catalogue } from '../types';
import type french from '../fr/twinnings';

export default {
  metaTitle: 'Erasmus PTCE',
} satisfies Catalogue<typeof french>;
