import type { offerFormat, offerReach, offerState, requestState, requestUrgency } from '#db/schema';
import type frenchMarket from '#app/locales/fr/market';

/**
 * The marketplace's rules, with no React and no database: value lists, which states are public or
 * can be contacted, and the editors' limits, shared by the browser, the routes and the models.
 * The editors' schemas are in `schemas.ts`, so a page that only shows items loads no zod.
 * The lists are spelled out here so the browser bundle pulls in neither the database schema nor
 * the catalogue; `SameValues` below fails the type check the day they drift apart.
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
  Assert<SameValues<LanguageCode, keyof typeof frenchMarket.languages>>,
];

/** Languages an offer can be given in: the codes of the `market.languages` catalogue. */
export const languageCodes = ['fr', 'en', 'es', 'de', 'it', 'oc', 'br', 'eu', 'ca', 'pt'] as const;
export type LanguageCode = (typeof languageCodes)[number];

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
