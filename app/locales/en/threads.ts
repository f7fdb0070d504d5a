import type { Catalogue } from '../types';
import type french from '../fr/threads';

export default {
  placeholder: '',
} satisfies Catalogue<typeof french>;
