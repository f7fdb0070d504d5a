import { z } from 'zod';
import { languageCodes, limits, offerFormats, offerReaches, offerStates, requestStates, requestUrgencies } from './rules';

/**
 * The editors' schemas, shared by the browser and the server (conform validates with the same
 * schema on both sides). Messages are catalogue keys.
 */

// ─── Fields ───────────────────────────────────────────────────────────────

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, 'market.errors.unknownChoice');

const title = z
  .string({ required_error: 'market.errors.titleRequired' })
  .trim()
  .min(limits.title.min, 'market.errors.titleTooShort')
  .max(limits.title.max, 'market.errors.titleTooLong');

/** The offer's description or the request's context. */
const body = z
  .string({ required_error: 'market.errors.bodyRequired' })
  .trim()
  .min(limits.body.min, 'market.errors.bodyTooShort')
  .max(limits.body.max, 'market.errors.bodyTooLong');

const topicSlugs = z.array(slug).min(limits.topics.min, 'market.errors.topicsRequired').max(limits.topics.max, 'market.errors.topicsTooMany');
const sectorSlugs = z.array(slug).max(limits.sectors.max, 'market.errors.sectorsTooMany');
const formats = z.array(z.enum(offerFormats, { errorMap: () => ({ message: 'market.errors.unknownChoice' }) })).min(1, 'market.errors.formatsRequired');

const poleId = z.string({ required_error: 'market.errors.poleRequired' }).uuid('market.errors.poleRequired');

// ─── Offers ───────────────────────────────────────────────────────────────

/** What the new and edit forms share; the pole and the first state are chosen on creation only. */
export const offerFieldsSchema = z.object({
  title,
  description: body,
  topics: topicSlugs,
  sectors: sectorSlugs,
  formats,
  reach: z.enum(offerReaches, { errorMap: () => ({ message: 'market.errors.reachRequired' }) }),
  languages: z.array(z.enum(languageCodes, { errorMap: () => ({ message: 'market.errors.unknownChoice' }) })).min(1, 'market.errors.languagesRequired'),
  capacity: z
    .number({ required_error: 'market.errors.capacityRequired', invalid_type_error: 'market.errors.capacityInvalid' })
    .int('market.errors.capacityInvalid')
    .min(limits.capacity.min, 'market.errors.capacityRange')
    .max(limits.capacity.max, 'market.errors.capacityRange'),
});
export type OfferFields = z.infer<typeof offerFieldsSchema>;

/** A new offer starts as a draft or published at once. */
export const newOfferStates = ['published', 'draft'] as const;
export const newOfferSchema = offerFieldsSchema.extend({
  poleId,
  state: z.enum(newOfferStates, { errorMap: () => ({ message: 'market.errors.stateRequired' }) }),
});

export const offerStateSchema = z.object({
  intent: z.literal('state'),
  state: z.enum(offerStates, { errorMap: () => ({ message: 'market.errors.stateRequired' }) }),
});

// ─── Requests ─────────────────────────────────────────────────────────────

export const requestFieldsSchema = z.object({
  title,
  context: body,
  topics: topicSlugs,
  sectors: sectorSlugs,
  preferredFormats: formats,
  urgency: z.enum(requestUrgencies, { errorMap: () => ({ message: 'market.errors.urgencyRequired' }) }),
});
export type RequestFields = z.infer<typeof requestFieldsSchema>;

export const newRequestSchema = requestFieldsSchema.extend({ poleId });

export const requestStateSchema = z.object({
  intent: z.literal('state'),
  state: z.enum(requestStates, { errorMap: () => ({ message: 'market.errors.stateRequired' }) }),
});
