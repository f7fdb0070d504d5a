import { z } from 'zod';
import { listedRequestStates, offerFormats, offerReaches } from '#app/domain/market/rules';
import { poleMaturities } from './filters';

/**
 * The query strings of /offres and /demandes: what each parameter may hold. A value that makes
 * no sense is dropped, never an error page. Shared by the models, the statements and the pages.
 */

const maxTextLength = 200;

/** A long text is cut between words, so the last word is never half a word. */
function cutText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= maxTextLength) return trimmed;
  const cut = trimmed.slice(0, maxTextLength + 1);
  const lastSpace = cut.search(/\s\S*$/);
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut.slice(0, maxTextLength)).trim();
}

const slugParam = z
  .string()
  .regex(/^[a-z0-9-]{1,80}$/)
  .optional()
  .catch(undefined);
const searchFields = {
  q: z.string().transform(cutText).optional().catch(undefined),
  topic: slugParam,
  sector: slugParam,
  format: z.enum(offerFormats).optional().catch(undefined),
  region: z
    .string()
    .regex(/^[0-9A-Za-z-]{1,10}$/)
    .optional()
    .catch(undefined),
  maturity: z.enum(poleMaturities).optional().catch(undefined),
  km: z.coerce.number().int().min(1).max(2000).optional().catch(undefined),
  depuis: slugParam,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
};

/** /offres's query string. */
export const offerSearchSchema = z.object({ ...searchFields, reach: z.enum(offerReaches).optional().catch(undefined) });
/** /demandes's query string: requests still looking for help, one of the two states or both. */
export const requestSearchSchema = z.object({ ...searchFields, state: z.enum(listedRequestStates).optional().catch(undefined) });

export type SearchQuery = Partial<z.infer<typeof offerSearchSchema> & z.infer<typeof requestSearchSchema>>;

/** The filters actually applied: unknown slugs and a distance without a pole of one's own are gone. */
export type SearchFilters = Omit<SearchQuery, 'page'>;
export type FilterKey = Exclude<keyof SearchFilters, 'depuis'>;
export const filterKeys: FilterKey[] = ['q', 'topic', 'sector', 'format', 'reach', 'state', 'region', 'maturity', 'km'];
