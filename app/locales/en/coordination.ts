import type { Catalogue } from '../types';
import type coordination from '../fr/coordination';

export default {} satisfies Catalogue<typeof coordination>;
