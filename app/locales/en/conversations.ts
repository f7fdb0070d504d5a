import type { Catalogue } from '../types';
import type conversations from '../fr/conversations';

export default {} satisfies Catalogue<typeof conversations>;
