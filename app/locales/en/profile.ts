import type { Catalogue } from '../types';
import type profile from '../fr/profile';

export default {} satisfies Catalogue<typeof profile>;
