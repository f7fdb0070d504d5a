import type { Catalogue } from '../types';
import type french from '../fr/dashboard';

export default {
  placeholder: 'To replace',
} satisfies Catalogue<typeof french>;
