import { eq } from 'drizzle-orm';
import type { Language } from '#app/i18n';
import { greedyCohort, optimalCohort, type Cohort } from '#app/domain/pairing/cohort';
import { defaultWeights, exclusionOf, rankCandidates, resolveWeights, type Suggestion, type WeightOverrides, type Weights } from '#app/domain/pairing/scoring';
import { offerPath } from '#app/domain/paths';
import type { Database, Executor } from '#db/client';
import { poles, regionPairingWeights, regions } from '#db/schema';
import { recordAudit } from './audit.server';
import {
  loadCandidates,
  loadPoleNeeds,
  loadRegionWeights,
  loadRequestNeeds,
  openTwinningsOfMentees,
  pairKey,
  type DeskCandidate,
  type DeskNeed,
  type OpenTwinning,
} from './pairing-sources.server';
import { loadVocabulary } from './vocabulary.server';

/**
 * The coordinator's pairing desk: the region's needs, ranked suggestions with their reasons, the
 * optimal cohort and the region's weights. Loading is in pairing-sources.server.ts, proposing in
 * pairing-proposals.server.ts, the desk's other lists in pairing-desk.server.ts.
 */

export { proposeTwinning, proposeCohort, type ProposalOutcome, type CohortOutcome, type CohortChoice } from './pairing-proposals.server';
export {
  listAsks,
  dismissAsk,
  findAskRegion,
  listRegionTwinnings,
  listUnpairedClosedRequests,
  type DeskAsk,
  type DeskTwinning,
  type ClosedRequest,
} from './pairing-desk.server';
export { loadRegionWeights, type DeskCandidate, type DeskNeed } from './pairing-sources.server';

// ─── Weights ──────────────────────────────────────────────────────────────

/** Saves a region's overrides (an empty object restores the defaults), audited in the same transaction. */
export async function saveRegionWeights(db: Database, input: { regionCode: string; weights: WeightOverrides; actorId: string }): Promise<Weights> {
  const weights = resolveWeights(input.weights);
  const stored = Object.fromEntries(Object.entries(input.weights).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .insert(regionPairingWeights)
      .values({ regionCode: input.regionCode, weights: stored, updatedById: input.actorId, updatedAt: now })
      .onConflictDoUpdate({ target: regionPairingWeights.regionCode, set: { weights: stored, updatedById: input.actorId, updatedAt: now } });
    await recordAudit(tx, {
      action: 'pairing.weights-changed',
      actorId: input.actorId,
      subject: { type: 'region', id: input.regionCode },
      regionCode: input.regionCode,
      data: { weights: { ...weights } },
    });
  });
  return weights;
}

export { defaultWeights };

// ─── Suggestions ──────────────────────────────────────────────────────────

export type SuggestedOffer = { id: string; title: string; path: string };
export type DeskSuggestion = Suggestion & { slug: string; offer: SuggestedOffer | null };

/** The candidate's published offer whose topics overlap the need's most (none without overlap). */
function bestOffer(need: DeskNeed, candidate: DeskCandidate): SuggestedOffer | null {
  const wanted = new Set(need.need.topics.map((topic) => (typeof topic === 'string' ? topic : topic.slug)));
  let best: SuggestedOffer | null = null;
  let bestOverlap = 0;
  for (const offer of candidate.offers) {
    const overlap = offer.topics.filter((slug) => wanted.has(slug)).length;
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = { id: offer.id, title: offer.title, path: offerPath(offer.id) };
    }
  }
  return best;
}

/** The candidates that may mentor this need: never the pole itself, never a pair already open. */
function eligibleFor(need: DeskNeed, candidates: readonly DeskCandidate[], openPairs: ReadonlySet<string>): DeskCandidate[] {
  return candidates.filter((candidate) => candidate.poleId !== need.pole.id && !openPairs.has(pairKey(candidate.poleId, need.pole.id)));
}

export function suggestionsFor(
  need: DeskNeed,
  candidates: readonly DeskCandidate[],
  openPairs: ReadonlySet<string>,
  weights: Weights,
  /** How many, best first; null: all of them. */
  limit: number | null = 3,
): DeskSuggestion[] {
  const eligible = eligibleFor(need, candidates, openPairs);
  const byId = new Map(eligible.map((candidate) => [candidate.poleId, candidate]));
  return rankCandidates(need.need, eligible, { weights, limit: limit ?? undefined }).map((suggestion) => {
    const candidate = byId.get(suggestion.poleId)!;
    return { ...suggestion, slug: candidate.slug, offer: bestOffer(need, candidate) };
  });
}

// ─── The desk ─────────────────────────────────────────────────────────────

export type DeskRegion = Pick<typeof regions.$inferSelect, 'code' | 'name' | 'nameEn'>;

/** The regions whose desk this person may open: a coordinator's own; every region with poles for a national admin. */
export async function deskRegions(db: Executor, actor: { isNationalAdmin: boolean; regionCodes: ReadonlySet<string> }): Promise<DeskRegion[]> {
  const { regions: all } = await loadVocabulary(db);
  if (actor.isNationalAdmin) {
    const withPoles = new Set((await db.selectDistinct({ code: poles.regionCode }).from(poles)).map((row) => row.code));
    return all.filter((region) => withPoles.has(region.code));
  }
  return all.filter((region) => actor.regionCodes.has(region.code));
}

export type DeskNeedItem = DeskNeed & { suggestions: DeskSuggestion[]; openTwinning: OpenTwinning | null };
export type MentorLoad = { poleId: string; slug: string; name: string; region: string; capacity: number; activeLoad: number; proposedLoad: number };

export type Desk = {
  weights: Weights;
  requests: DeskNeedItem[];
  emerging: DeskNeedItem[];
  mentors: MentorLoad[];
};

function openPairsOf(open: readonly OpenTwinning[]): Set<string> {
  return new Set(open.map((twinning) => pairKey(twinning.mentorPoleId, twinning.menteePoleId)));
}

/** Whether a candidate's reach covers the region at all (whatever its load). */
function reaches(candidate: DeskCandidate, place: { region: string; country: string }): boolean {
  return exclusionOf(place, { ...candidate, activeLoad: 0, capacity: Math.max(1, candidate.capacity) }) === null;
}

/**
 * A region's desk: its open requests (oldest first) and its emerging poles nobody helps yet, each
 * with its best three suggestions under the region's weights, and the mentoring poles that reach it.
 */
export async function loadDesk(db: Executor, input: { regionCode: string; language: Language }): Promise<Desk> {
  const [{ weights }, requestNeeds, poleNeeds, candidates] = await Promise.all([
    loadRegionWeights(db, input.regionCode),
    loadRequestNeeds(db, { regionCode: input.regionCode, language: input.language }),
    loadPoleNeeds(db, { regionCode: input.regionCode, language: input.language }),
    loadCandidates(db),
  ]);
  const open = await openTwinningsOfMentees(db, [...new Set(requestNeeds.map((need) => need.pole.id))]);
  const openPairs = openPairsOf(open);
  const requestsItems = requestNeeds.map((need) => ({
    ...need,
    suggestions: suggestionsFor(need, candidates, openPairs, weights),
    openTwinning: open.find((twinning) => twinning.requestId === need.request!.id) ?? null,
  }));
  const emerging = poleNeeds.map((need) => ({ ...need, suggestions: suggestionsFor(need, candidates, openPairs, weights), openTwinning: null }));
  const [region] = await db.select({ country: regions.country }).from(regions).where(eq(regions.code, input.regionCode));
  const place = { region: input.regionCode, country: region?.country ?? 'FR' };
  const mentors = candidates
    .filter((candidate) => reaches(candidate, place))
    .sort((a, b) => Number(b.region === input.regionCode) - Number(a.region === input.regionCode))
    .map(({ poleId, slug, name, region, capacity, activeLoad, proposedLoad }) => ({ poleId, slug, name, region, capacity, activeLoad, proposedLoad }));
  return { weights, requests: requestsItems, emerging, mentors };
}

// ─── The cohort ───────────────────────────────────────────────────────────

export type CohortOption = { poleId: string; name: string; slug: string; score: number };
export type CohortRequest = DeskNeed & { options: CohortOption[] };
export type CohortProposal = {
  requestId: string;
  poleId: string;
  score: number;
  suggestion: DeskSuggestion;
};

export type CohortPlan = {
  requests: CohortRequest[];
  /** Mentoring poles with room left (capacity − active − proposed). */
  room: Map<string, number>;
  optimal: Cohort;
  greedy: Cohort;
  proposals: CohortProposal[];
  unassigned: CohortRequest[];
};

/**
 * The region's optimal cohort: its open requests with no open twinning yet, each paired with at
 * most one mentoring pole, each pole given at most its room (capacity − active − proposed), the
 * total score as high as possible; the greedy pass's total beside it, for comparison.
 */
export async function loadCohort(db: Executor, input: { regionCode: string; language: Language }): Promise<CohortPlan> {
  const [{ weights }, requestNeeds, candidates] = await Promise.all([
    loadRegionWeights(db, input.regionCode),
    loadRequestNeeds(db, { regionCode: input.regionCode, language: input.language }),
    loadCandidates(db),
  ]);
  const open = await openTwinningsOfMentees(db, [...new Set(requestNeeds.map((need) => need.pole.id))]);
  const answered = new Set(open.flatMap((twinning) => (twinning.requestId ? [twinning.requestId] : [])));
  const openPairs = openPairsOf(open);
  const needs = requestNeeds.filter((need) => !answered.has(need.request!.id));
  const room = new Map(candidates.map((candidate) => [candidate.poleId, Math.max(0, candidate.capacity - candidate.activeLoad - candidate.proposedLoad)]));
  const withRoom = candidates.filter((candidate) => room.get(candidate.poleId)! > 0);

  const ranked = new Map<string, DeskSuggestion[]>();
  const requestsList: CohortRequest[] = needs.map((need) => {
    const suggestions = suggestionsFor(need, withRoom, openPairs, weights, null);
    ranked.set(need.request!.id, suggestions);
    return { ...need, options: suggestions.map(({ poleId, name, slug, score }) => ({ poleId, name, slug, score })) };
  });
  const cohortInput = {
    requestIds: needs.map((need) => need.request!.id),
    poles: withRoom.map((candidate) => ({ id: candidate.poleId, capacity: room.get(candidate.poleId)! })),
    pairs: [...ranked].flatMap(([requestId, suggestions]) =>
      suggestions.map((suggestion) => ({ requestId, poleId: suggestion.poleId, score: suggestion.score })),
    ),
    // A pole with several open requests is paired at most once with the same mentoring pole.
    groupOf: new Map(needs.map((need) => [need.request!.id, need.pole.id])),
  };
  const optimal = optimalCohort(cohortInput);
  const greedy = greedyCohort(cohortInput);
  const assigned = new Set(optimal.assignments.map((pair) => pair.requestId));
  const proposals = requestsList.flatMap((request) => {
    const pair = optimal.assignments.find((assignment) => assignment.requestId === request.request!.id);
    if (!pair) return [];
    const suggestion = ranked.get(pair.requestId)!.find((item) => item.poleId === pair.poleId)!;
    return [{ requestId: pair.requestId, poleId: pair.poleId, score: pair.score, suggestion }];
  });
  return {
    requests: requestsList,
    room,
    optimal,
    greedy,
    proposals,
    unassigned: requestsList.filter((request) => !assigned.has(request.request!.id)),
  };
}
