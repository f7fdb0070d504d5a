import type { Catalogue } from '../types';
import type french from '../fr/joining';

export default {
  placeholder: 'To replace',
} satisfies Catalogue<typeof french>;
