import type { Catalogue } from '../types';
import type search from '../fr/search';

export default {} satisfies Catalogue<typeof search>;
