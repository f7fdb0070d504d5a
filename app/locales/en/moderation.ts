import type { Catalogue } from '../types';
import type french from '../fr/moderation';

export default {
  placeholder: '',
} satisfies Catalogue<typeof french>;
