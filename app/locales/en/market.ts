import type { Catalogue } from '../types';
import type market from '../fr/market';

export default {} satisfies Catalogue<typeof market>;
