import type { Catalogue } from '../types';
import type account from '../fr/account';

export default {} satisfies Catalogue<typeof account>;
