/**
 * npm run bench:matching — the pairing engine on random data (no database).
 *
 * 1. Ranks one request against 10,000 random mentoring candidates, ~50 times: p50 / p95.
 * 2. Solves a random region cohort of 2,000 requests × 500 mentoring poles (capacities 1..5,
 *    ~20 candidate pairs per request, scores from the ranking itself) with the exact min-cost
 *    flow, then the greedy pass on the same instance: times, totals and their ratio.
 * BENCH_SEED changes the instance; BENCH_CANDIDATES, BENCH_REQUESTS, BENCH_POLES the volume.
 */
import { performance } from 'node:perf_hooks';
import { offerReaches } from '#app/domain/market/rules';
import { greedyCohort, optimalCohort, type CohortPair } from '#app/domain/pairing/cohort';
import { rankCandidates, type MentorCandidate, type PairingNeed } from '#app/domain/pairing/scoring';
import { maturities } from '#app/domain/poles/profile';
import { seededRandom } from './search-data';

const seed = Number(process.env.BENCH_SEED ?? 42);
const candidateCount = Number(process.env.BENCH_CANDIDATES ?? 10_000);
const requestCount = Number(process.env.BENCH_REQUESTS ?? 2_000);
const poleCount = Number(process.env.BENCH_POLES ?? 500);
const pairsPerRequest = 20;
const rankingRuns = 50;

const random = seededRandom(seed);
const topics = Array.from({ length: 40 }, (_, index) => `thematique-${index}`);
const sectors = Array.from({ length: 15 }, (_, index) => `filiere-${index}`);
const regions = ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];
const languages = ['fr', 'en', 'es', 'de', 'it'];
// Metropolitan France, roughly.
const location = () => ({ latitude: 42.5 + random.next() * 8.5, longitude: -4.5 + random.next() * 12.5 });

function randomNeed(region = random.pick(regions)): PairingNeed {
  return {
    topics: random.some(topics, 1 + random.int(5)).map((slug) => ({ slug, label: slug, weight: 1 + random.int(3) })),
    sectors: random.some(sectors, random.int(3)),
    location: location(),
    region,
    country: 'FR',
    maturity: random.next() < 0.8 ? 'emerging' : 'consolidating',
    languages: random.next() < 0.9 ? ['fr'] : ['fr', random.pick(languages)],
  };
}

function randomCandidate(index: number, region = random.pick(regions)): MentorCandidate {
  const capacity = 1 + random.int(5);
  return {
    poleId: `pole-${index}`,
    name: `Pôle ${index}`,
    topics: random.some(topics, 2 + random.int(8)),
    sectors: random.some(sectors, 1 + random.int(3)),
    location: location(),
    region,
    country: random.next() < 0.95 ? 'FR' : 'BE',
    maturity: random.next() < 0.7 ? 'mature' : random.pick(maturities),
    capacity,
    activeLoad: random.int(capacity + 1),
    languages: random.next() < 0.8 ? ['fr'] : ['fr', random.pick(languages)],
    reach: random.pick(offerReaches),
    ratings: random.next() < 0.5 ? [] : Array.from({ length: 1 + random.int(4) }, () => 1 + random.int(5)),
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

// ─── 1. Ranking ───────────────────────────────────────────────────────────
const candidates = Array.from({ length: candidateCount }, (_, index) => randomCandidate(index));
const needs = Array.from({ length: rankingRuns + 5 }, () => randomNeed());
function timeRanking(limit: number | undefined) {
  let ranked = 0;
  const times: number[] = [];
  needs.forEach((need, run) => {
    const start = performance.now();
    const suggestions = rankCandidates(need, candidates, { limit });
    const elapsed = performance.now() - start;
    ranked += suggestions.length;
    // The first runs warm the JIT up.
    if (run >= 5) times.push(elapsed);
  });
  times.sort((a, b) => a - b);
  const what = limit === undefined ? 'every eligible candidate explained' : `top ${limit} explained`;
  console.log(
    `  ${what}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(times.at(-1)!)} (target < 20 ms); ${Math.round(ranked / needs.length)} returned per request`,
  );
}
console.log(`Ranking one request against ${candidateCount.toLocaleString('en')} candidates, ${rankingRuns} runs each:`);
timeRanking(10);
timeRanking(undefined);

// ─── 2. Cohort ────────────────────────────────────────────────────────────
// One region: every pole there, reach regional, each pole's remaining capacity 1..5.
const region = '76';
const poles = Array.from({ length: poleCount }, (_, index) => ({ ...randomCandidate(index, region), reach: 'regional' as const, activeLoad: 0 }));
const requestIds = Array.from({ length: requestCount }, (_, index) => `request-${index}`);
const pairs: CohortPair[] = [];
const scoringStart = performance.now();
for (const requestId of requestIds) {
  const need = randomNeed(region);
  // The models would pre-select candidates (topics, distance); here, ~20 random poles a request.
  const shortlist = random.some(poles, pairsPerRequest);
  for (const suggestion of rankCandidates(need, shortlist)) pairs.push({ requestId, poleId: suggestion.poleId, score: suggestion.score });
}
const scoringTime = performance.now() - scoringStart;
const cohortPoles = poles.map((pole) => ({ id: pole.poleId, capacity: pole.capacity }));
const totalCapacity = cohortPoles.reduce((sum, pole) => sum + pole.capacity, 0);
const input = { requestIds, poles: cohortPoles, pairs };

let start = performance.now();
const optimum = optimalCohort(input);
const optimumTime = performance.now() - start;
start = performance.now();
const greedy = greedyCohort(input);
const greedyTime = performance.now() - start;

console.log(
  `\nCohort of ${requestCount.toLocaleString('en')} requests × ${poleCount} mentoring poles (total capacity ${totalCapacity}), ${pairs.length.toLocaleString('en')} candidate pairs (scored in ${ms(scoringTime)}):`,
);
console.log(`  optimum (min-cost flow): total ${optimum.total.toFixed(1)}, ${optimum.assignments.length} pairs, ${ms(optimumTime)} (target < 2,000 ms)`);
console.log(`  greedy:                  total ${greedy.total.toFixed(1)}, ${greedy.assignments.length} pairs, ${ms(greedyTime)}`);
console.log(`  greedy / optimum: ${((greedy.total / optimum.total) * 100).toFixed(2)} %`);
