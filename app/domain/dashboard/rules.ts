import { z } from 'zod';
import { offerStates, requestStates, type OfferReach, type OfferState, type RequestState } from '#app/domain/market/rules';
import { exclusionOf } from '#app/domain/pairing/scoring';

/**
 * The start page's rules, with no React and no database: which one-click state changes it offers
 * beside an offer or a request, the schema of those forms, and which offers of other poles it
 * suggests for a pole's open requests. The state changes themselves are the marketplace's
 * (`changeOfferState`, `changeRequestState`, the `offer:publish` / `request:publish` permissions):
 * only the choice of buttons is made here.
 */

export type QuickVerb = 'publish' | 'pause' | 'republish' | 'close' | 'reopen';
export type QuickAction<State extends string> = { to: State; verb: QuickVerb };

/** Beside an offer: publier (a draft), mettre en pause, republier (paused or closed), clore. */
const offerActions: Record<OfferState, QuickAction<OfferState>[]> = {
  draft: [{ to: 'published', verb: 'publish' }],
  published: [
    { to: 'paused', verb: 'pause' },
    { to: 'closed', verb: 'close' },
  ],
  paused: [
    { to: 'published', verb: 'republish' },
    { to: 'closed', verb: 'close' },
  ],
  closed: [{ to: 'published', verb: 'republish' }],
};

/** Beside a request (a need has no draft and no pause): clore while help is wanted, rouvrir after. */
const requestActions: Record<RequestState, QuickAction<RequestState>[]> = {
  open: [{ to: 'closed', verb: 'close' }],
  in_progress: [{ to: 'closed', verb: 'close' }],
  answered: [{ to: 'open', verb: 'reopen' }],
  closed: [{ to: 'open', verb: 'reopen' }],
};

export function offerQuickActions(state: OfferState): readonly QuickAction<OfferState>[] {
  return offerActions[state];
}

export function requestQuickActions(state: RequestState): readonly QuickAction<RequestState>[] {
  return requestActions[state];
}

const itemId = z.string({ required_error: 'dashboard.errors.unknownItem' }).uuid('dashboard.errors.unknownItem');
const stateError = { errorMap: () => ({ message: 'market.errors.stateRequired' }) };

/** One small form per button: the item and the state it moves to. */
export const quickActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('offer-state'), itemId, state: z.enum(offerStates, stateError) }),
    z.object({ intent: z.literal('request-state'), itemId, state: z.enum(requestStates, stateError) }),
  ],
  { errorMap: () => ({ message: 'dashboard.errors.unknownIntent' }) },
);

// ─── Suggestions ──────────────────────────────────────────────────────────

type Place = { region: string; country: string };

/**
 * Whether an offer's reach covers the asking pole: the matching engine's own reach rule
 * (`exclusionOf`), the mentoring load aside (an offer is suggested whatever its pole carries).
 */
export function offerReachesPole(offer: Place & { reach: OfferReach }, asker: Place): boolean {
  return (
    exclusionOf(asker, {
      poleId: '',
      name: '',
      topics: [],
      sectors: [],
      location: null,
      maturity: 'mature',
      languages: [],
      capacity: 1,
      activeLoad: 0,
      ...offer,
    }) === null
  );
}

/** An offer that shares topics with a request, as the model reads it. */
export type SuggestionCandidate = {
  requestId: string;
  offerId: string;
  sharedTopics: readonly unknown[];
  sameRegion: boolean;
  publishedAt: Date | null;
  reaches: boolean;
};

export const suggestionsPerRequest = 3;

/**
 * The offers suggested for each request: those whose reach covers the asking pole, the most shared
 * topics first, then an offer of the pole's own region, then the latest published.
 */
export function pickSuggestions<T extends SuggestionCandidate>(candidates: readonly T[], perRequest = suggestionsPerRequest): Map<string, T[]> {
  const ranked = candidates
    .filter((candidate) => candidate.reaches && candidate.sharedTopics.length > 0)
    .sort(
      (a, b) =>
        b.sharedTopics.length - a.sharedTopics.length ||
        Number(b.sameRegion) - Number(a.sameRegion) ||
        (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) ||
        a.offerId.localeCompare(b.offerId),
    );
  const picked = new Map<string, T[]>();
  for (const candidate of ranked) {
    const list = picked.get(candidate.requestId) ?? [];
    if (list.length >= perRequest) continue;
    list.push(candidate);
    picked.set(candidate.requestId, list);
  }
  return picked;
}

// ─── Coordination ─────────────────────────────────────────────────────────

/**
 * A region's backlog, in the order the page lists it: applications of poles wanting to join
 * (« Inscrire mon pôle »), poles waiting for validation, open requests no twinning answers yet,
 * twinning proposals waiting for the poles' answer, reported messages.
 */
export const backlogKinds = ['applications', 'poles', 'requests', 'proposals', 'reports'] as const;
export type BacklogKind = (typeof backlogKinds)[number];
