import { z } from 'zod';
import type { offerFormat, offerReach, offerState, requestState, requestUrgency } from '#db/schema';
import frenchMarket from '#app/locales/fr/market';

/**
 * The marketplace's rules, with no React and no database: value lists, which states are public or
 * can be contacted, and the editor schemas, shared by the browser, the routes and the models
 * (conform validates with the same schema on both sides). Messages are catalogue keys.
 * The lists are spelled out here so the browser bundle does not pull in the database schema;
 * `SameValues` below fails the type check the day they drift apart.
 */

export const offerFormats = ['learning_visit', 'remote_mentoring', 'workshop', 'twinning'] as const;
export const offerReaches = ['regional', 'national', 'european'] as const;
export const offerStates = ['draft', 'published', 'paused', 'closed'] as const;
export const requestStates = ['open', 'in_progress', 'answered', 'closed'] as const;
export const requestUrgencies = ['low', 'medium', 'high'] as const;

export type OfferFormat = (typeof offerFormats)[number];
export type OfferReach = (typeof offerReaches)[number];
export type OfferState = (typeof offerStates)[number];
export type RequestState = (typeof requestStates)[number];
export type RequestUrgency = (typeof requestUrgencies)[number];

type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type DatabaseValues<T extends { enumValues: readonly string[] }> = T['enumValues'][number];
type _ListsMatchDatabase = [
  Assert<SameValues<OfferFormat, DatabaseValues<typeof offerFormat>>>,
  Assert<SameValues<OfferReach, DatabaseValues<typeof offerReach>>>,
  Assert<SameValues<OfferState, DatabaseValues<typeof offerState>>>,
  Assert<SameValues<RequestState, DatabaseValues<typeof requestState>>>,
  Assert<SameValues<RequestUrgency, DatabaseValues<typeof requestUrgency>>>,
];

/** Languages an offer can be given in: the codes of the `market.languages` catalogue. */
export type LanguageCode = keyof typeof frenchMarket.languages;
export const languageCodes = Object.keys(frenchMarket.languages) as [LanguageCode, ...LanguageCode[]];

/**
 * The rules as lists, so that the same list feeds the checks in JavaScript (below) and the SQL
 * filters (`inArray(offers.state, publicOfferStates)`).
 */
/** States in which the offer is shown to everyone; the others are for the owning pole's members. */
export const publicOfferStates = ['published'] as const satisfies readonly OfferState[];
/** States in which a request is listed on /demandes (its page is public in every state). */
export const listedRequestStates = ['open', 'in_progress'] as const satisfies readonly RequestState[];
/** States in which the owner can still be contacted ("Demander un accompagnement", "Proposer mon aide"). */
export const contactableOfferStates = publicOfferStates;
export const contactableRequestStates = listedRequestStates;

const isIn = <T extends string>(list: readonly T[], state: T) => list.includes(state);

export function offerIsPublic(state: OfferState): boolean {
  return isIn<OfferState>(publicOfferStates, state);
}

export function requestIsListed(state: RequestState): boolean {
  return isIn<RequestState>(listedRequestStates, state);
}

/**
 * Whether a state change makes the item public again (publishing a draft, republishing a paused
 * offer, reopening a closed request): only a validated pole may do it (`offer:publish`,
 * `request:publish`). Moving between two public states, or out of them, makes nothing public.
 */
export function offerChangePublishes(from: OfferState, to: OfferState): boolean {
  return offerIsPublic(to) && !offerIsPublic(from);
}
export function requestChangePublishes(from: RequestState, to: RequestState): boolean {
  return requestIsListed(to) && !requestIsListed(from);
}

export function offerTakesContact(state: OfferState): boolean {
  return isIn<OfferState>(contactableOfferStates, state);
}
export function requestTakesContact(state: RequestState): boolean {
  return isIn<RequestState>(contactableRequestStates, state);
}

export const limits = {
  title: { min: 5, max: 120 },
  body: { min: 20, max: 5000 },
  topics: { min: 1, max: 5 },
  sectors: { max: 5 },
  capacity: { min: 1, max: 50 },
} as const;

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
