import type { Catalogue } from '../types';
import type french from '../fr/forum';

export default {
  placeholder: '',
} satisfies Catalogue<typeof french>;
