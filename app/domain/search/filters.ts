import type { poleMaturity } from '#db/schema';

/**
 * The values the search forms offer, without zod: the forms are in every list page's JavaScript;
 * the query strings' schemas (`query.ts`) stay on the server.
 */

export type SearchKind = 'offer' | 'request';

export const poleMaturities = ['emerging', 'consolidating', 'mature'] as const;
type DatabaseMaturity = (typeof poleMaturity.enumValues)[number];
type Maturity = (typeof poleMaturities)[number];
// Fails the type check the day the list and the database's enum drift apart.
const _sameMaturities: [Maturity] extends [DatabaseMaturity] ? ([DatabaseMaturity] extends [Maturity] ? true : false) : false = true;
