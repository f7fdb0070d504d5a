import { z } from 'zod';
import type { OfferReach } from '#app/domain/market/rules';
import { maturities, type Maturity } from '#app/domain/poles/profile';
import { haversineKm, type Coordinates } from '#app/domain/geo';
import frenchPairing from '#app/locales/fr/pairing';

/**
 * The matching engine's score: how well a mentoring pole fits a request (or an emerging pole as a
 * whole), as a sum of named criteria so that the desk can say why. Plain objects in, plain
 * objects out: the models load the poles, this module only weighs them.
 *
 * Each criterion gives a fit between 0 and 1, multiplied by its weight; with the default weights
 * (summing to 100) a perfect candidate scores 100.
 */

export const criteria = ['topics', 'sectors', 'distance', 'maturity', 'load', 'language', 'evaluations'] as const;
export type Criterion = (typeof criteria)[number];
export type Weights = Record<Criterion, number>;

/** The one place where the weights are set; a region's coordinator may override any of them. */
export const defaultWeights: Weights = {
  topics: 40,
  sectors: 10,
  distance: 15,
  maturity: 10,
  load: 10,
  language: 10,
  evaluations: 5,
};

/** A region's overrides, as stored or posted by the coordinator's form: non-negative numbers only. */
export const weightOverridesSchema = z
  .object(
    Object.fromEntries(
      criteria.map((criterion) => [
        criterion,
        z.number({ invalid_type_error: 'pairing.errors.weightInvalid' }).finite().nonnegative('pairing.errors.weightNegative').optional(),
      ]),
    ) as Record<Criterion, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();
export type WeightOverrides = z.infer<typeof weightOverridesSchema>;

/** Defaults with the region's overrides on top; throws a ZodError on a negative or unknown weight. */
export function resolveWeights(overrides: unknown = {}): Weights {
  const parsed = weightOverridesSchema.parse(overrides ?? {});
  const weights = { ...defaultWeights };
  for (const criterion of criteria) {
    const value = parsed[criterion];
    if (value !== undefined) weights[criterion] = value;
  }
  return weights;
}

/** At this distance the proximity criterion gives half its weight (it decreases as 1 / (1 + km / 100)). */
export const halfProximityKm = 100;

export type RequestTopic = { slug: string; label?: string; weight?: number };

/** What is asked: an open request, or an emerging pole as a whole (its needs as topics). */
export type PairingNeed = {
  /** Slugs (each weighing 1) or weighted topics; a label is what the explanation shows. */
  topics: readonly (string | RequestTopic)[];
  /** Slugs, or slugs with the label the explanation shows. */
  sectors: readonly (string | { slug: string; label: string })[];
  location: Coordinates | null;
  region: string;
  /** ISO code, 'FR' for French regions. */
  country: string;
  maturity: Maturity;
  languages: readonly string[];
};

/** A mentoring pole that could answer, with what it declared and what it already carries. */
export type MentorCandidate = {
  poleId: string;
  name: string;
  /** Topics it can pass on. */
  topics: readonly string[];
  sectors: readonly string[];
  location: Coordinates | null;
  region: string;
  country: string;
  maturity: Maturity;
  /** How many twinnings it can carry at once as the mentoring side. */
  capacity: number;
  /** Its active twinnings now. */
  activeLoad: number;
  languages: readonly string[];
  /** How far its offer goes: its own region, France, or anywhere in Europe. */
  reach: OfferReach;
  /** Closing evaluations of its past twinnings, 1 to 5. */
  ratings?: readonly number[];
};

export type ExplanationValues = Record<string, string | number>;
export type ExplanationEntry = { criterion: Criterion; contribution: number; key: string; values: ExplanationValues };
export type Suggestion = { poleId: string; name: string; score: number; explanation: ExplanationEntry[] };
export type Exclusion = 'reach' | 'capacity';

type PreparedNeed = {
  need: PairingNeed;
  topicWeight: Map<string, number>;
  topicLabel: Map<string, string>;
  totalTopicWeight: number;
  sectors: Set<string>;
  sectorLabel: Map<string, string>;
  languages: Set<string>;
  maturityLevel: number;
};

function prepare(need: PairingNeed): PreparedNeed {
  const topicWeight = new Map<string, number>();
  const topicLabel = new Map<string, string>();
  for (const topic of need.topics) {
    const { slug, label, weight } = typeof topic === 'string' ? { slug: topic, label: topic, weight: 1 } : topic;
    topicWeight.set(slug, Math.max(0, weight ?? 1));
    topicLabel.set(slug, label ?? slug);
  }
  let totalTopicWeight = 0;
  for (const weight of topicWeight.values()) totalTopicWeight += weight;
  const sectorLabel = new Map(need.sectors.map((sector) => (typeof sector === 'string' ? [sector, sector] : [sector.slug, sector.label])));
  return {
    need,
    topicWeight,
    topicLabel,
    totalTopicWeight,
    sectors: new Set(sectorLabel.keys()),
    sectorLabel,
    languages: new Set(need.languages),
    maturityLevel: maturities.indexOf(need.maturity),
  };
}

/** Whether the candidate may answer at all: its reach covers the need's place, and it has room. */
export function exclusionOf(need: Pick<PairingNeed, 'region' | 'country'>, candidate: MentorCandidate): Exclusion | null {
  if (candidate.activeLoad >= candidate.capacity) return 'capacity';
  if (candidate.region !== need.region) {
    if (candidate.reach === 'regional') return 'reach';
    if (candidate.reach === 'national' && candidate.country !== need.country) return 'reach';
  }
  return null;
}

const maxMaturityGap = maturities.length - 1;

/**
 * The score, and the explanation when `explain` is set (ranking scores everyone first and
 * explains only the suggestions it returns). Both come from the same additions in the same
 * order, so the contributions always sum to the score.
 */
function scorePrepared(prepared: PreparedNeed, candidate: MentorCandidate, weights: Weights, explain: true): Suggestion | null;
function scorePrepared(prepared: PreparedNeed, candidate: MentorCandidate, weights: Weights, explain: false): number | null;
function scorePrepared(prepared: PreparedNeed, candidate: MentorCandidate, weights: Weights, explain: boolean): Suggestion | number | null {
  const { need } = prepared;
  if (exclusionOf(need, candidate) !== null) return null;

  let sharedWeight = 0;
  for (const slug of candidate.topics) sharedWeight += prepared.topicWeight.get(slug) ?? 0;
  const topics = prepared.totalTopicWeight > 0 ? sharedWeight / prepared.totalTopicWeight : 0;

  let sharedSectorCount = 0;
  for (const sector of candidate.sectors) if (prepared.sectors.has(sector)) sharedSectorCount++;
  const sectors = prepared.sectors.size > 0 ? sharedSectorCount / prepared.sectors.size : 0;

  const km = need.location && candidate.location ? haversineKm(need.location, candidate.location) : null;
  const distance = km === null ? 0 : halfProximityKm / (halfProximityKm + km);

  const gap = maturities.indexOf(candidate.maturity) - prepared.maturityLevel;
  const maturity = Math.max(0, gap) / maxMaturityGap;

  const load = 1 - candidate.activeLoad / candidate.capacity;

  let sharesLanguage = false;
  for (const code of candidate.languages) if (prepared.languages.has(code)) sharesLanguage = true;
  const language = sharesLanguage ? 1 : 0;

  const ratings = candidate.ratings ?? [];
  let ratingSum = 0;
  for (const rating of ratings) ratingSum += rating;
  const average = ratings.length > 0 ? ratingSum / ratings.length : null;
  // No evaluation yet: neutral, neither a bonus nor a penalty against evaluated poles.
  const evaluations = average === null ? 0.5 : (Math.min(5, Math.max(1, average)) - 1) / 4;

  const contributions = [
    weights.topics * topics,
    weights.sectors * sectors,
    weights.distance * distance,
    weights.maturity * maturity,
    weights.load * load,
    weights.language * language,
    weights.evaluations * evaluations,
  ] as const;
  // Summed in the order of `criteria`, the order of the explanation below.
  const score = contributions[0] + contributions[1] + contributions[2] + contributions[3] + contributions[4] + contributions[5] + contributions[6];
  // Ranking scores every candidate and explains only those it returns: no object for the others.
  if (!explain) return score;

  const sharedTopics = candidate.topics.filter((slug) => prepared.topicWeight.has(slug)).map((slug) => prepared.topicLabel.get(slug)!);
  const sharedSectors = candidate.sectors.filter((sector) => prepared.sectors.has(sector)).map((sector) => prepared.sectorLabel.get(sector)!);
  const sharedLanguages = candidate.languages.filter((code) => prepared.languages.has(code));
  const explanation: ExplanationEntry[] = [
    {
      criterion: 'topics',
      contribution: contributions[0],
      key: 'pairing.reasons.topics',
      values: { count: sharedTopics.length, topics: sharedTopics.join(', ') },
    },
    {
      criterion: 'sectors',
      contribution: contributions[1],
      key: 'pairing.reasons.sectors',
      values: { count: sharedSectors.length, sectors: sharedSectors.join(', ') },
    },
    km === null
      ? { criterion: 'distance', contribution: contributions[2], key: 'pairing.reasons.distanceUnknown', values: {} }
      : { criterion: 'distance', contribution: contributions[2], key: 'pairing.reasons.distance', values: { km: Math.round(km) } },
    {
      criterion: 'maturity',
      contribution: contributions[3],
      key: gap > 0 ? 'pairing.reasons.maturity' : 'pairing.reasons.maturityNone',
      values: { mentor: candidate.maturity, mentee: need.maturity },
    },
    { criterion: 'load', contribution: contributions[4], key: 'pairing.reasons.load', values: { count: candidate.activeLoad, capacity: candidate.capacity } },
    sharesLanguage
      ? { criterion: 'language', contribution: contributions[5], key: 'pairing.reasons.language', values: { languages: sharedLanguages.join(', ') } }
      : { criterion: 'language', contribution: contributions[5], key: 'pairing.reasons.languageNone', values: {} },
    average === null
      ? { criterion: 'evaluations', contribution: contributions[6], key: 'pairing.reasons.evaluationsNone', values: {} }
      : {
          criterion: 'evaluations',
          contribution: contributions[6],
          key: 'pairing.reasons.evaluations',
          values: { count: ratings.length, average: Math.round(average * 10) / 10 },
        },
  ];
  return { poleId: candidate.poleId, name: candidate.name, score, explanation };
}

/** One candidate's score and explanation, or null when its reach or its capacity excludes it. */
export function scoreCandidate(need: PairingNeed, candidate: MentorCandidate, weights: Weights = defaultWeights): Suggestion | null {
  return scorePrepared(prepare(need), candidate, weights, true);
}

/**
 * The candidates that may answer, best first (score descending, then name, then id, so the order
 * never depends on the input's). `weights` are the region's overrides, merged over the defaults.
 */
export function rankCandidates(
  need: PairingNeed,
  candidates: readonly MentorCandidate[],
  options: { weights?: WeightOverrides; limit?: number } = {},
): Suggestion[] {
  const weights = resolveWeights(options.weights);
  const prepared = prepare(need);
  const scores = new Float64Array(candidates.length);
  const eligible: number[] = [];
  candidates.forEach((candidate, index) => {
    const score = scorePrepared(prepared, candidate, weights, false);
    if (score === null) return;
    scores[index] = score;
    eligible.push(index);
  });
  eligible.sort((a, b) => compareRanked(scores[a]!, candidates[a]!, scores[b]!, candidates[b]!));
  const shown = options.limit === undefined ? eligible : eligible.slice(0, options.limit);
  // Explaining recomputes the very same score, in the same order of additions.
  return shown.map((index) => scorePrepared(prepared, candidates[index]!, weights, true)!);
}

/** Best first: score descending, then name, then id, so the order never depends on the input's. */
function compareRanked(scoreA: number, a: { name: string; poleId: string }, scoreB: number, b: { name: string; poleId: string }): number {
  if (scoreA !== scoreB) return scoreB - scoreA;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.poleId < b.poleId ? -1 : a.poleId > b.poleId ? 1 : 0;
}

export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  return compareRanked(a.score, a, b.score, b);
}

// ─── Words ────────────────────────────────────────────────────────────────

type PairingCatalogue = Pick<typeof frenchPairing, 'reasons' | 'maturity'>;

/**
 * One reason as a sentence, from a catalogue's `pairing.reasons` (`_zero`/`_one`/`_other` forms
 * picked from `count` by the language's plural rules, as i18next does) and `pairing.maturity`. Pages use `t()` with the same keys.
 */
export function reasonLine(entry: ExplanationEntry, catalogue: PairingCatalogue = frenchPairing, locale = 'fr-FR'): string {
  const reasons = catalogue.reasons as Record<string, string>;
  const { count } = entry.values;
  let key = entry.key.replace(/^pairing\.reasons\./, '');
  if (typeof count === 'number') {
    key = count === 0 && `${key}_zero` in reasons ? `${key}_zero` : `${key}_${new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other'}`;
  }
  const template = reasons[key] ?? entry.key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = entry.values[name];
    if (value === undefined) return '';
    if (name === 'mentor' || name === 'mentee') return catalogue.maturity[value as Maturity] ?? String(value);
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

/**
 * The explanation as one French line, reasons joined by « · », e.g.
 * « 3 thématiques en commun : juridique, gouvernance, financement · 42 km · 1 jumelage en cours sur 3 possibles ».
 * `only` keeps the named criteria (in that order); by default every criterion that counted.
 */
export function explainInFrench(explanation: readonly ExplanationEntry[], options: { only?: readonly Criterion[] } = {}): string {
  const entries = options.only
    ? options.only.flatMap((criterion) => explanation.filter((entry) => entry.criterion === criterion))
    : explanation.filter((entry) => entry.contribution > 0);
  return entries.map((entry) => reasonLine(entry)).join(' · ');
}
