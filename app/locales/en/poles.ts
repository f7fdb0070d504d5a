import type { Catalogue } from '../types';
import type poles from '../fr/poles';

export default {} satisfies Catalogue<typeof poles>;
