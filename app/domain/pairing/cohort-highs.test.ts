import loadHighs from 'highs';
import { describe, expect, test } from 'vitest';
import { greedyCohort, optimalCohort, type CohortInput } from './cohort';
import { seededRandom } from '../../../bench/random';

/**
 * The cohort against an independent solver on instances too large for brute force: HiGHS (the
 * University of Edinburgh's LP/MIP solver, compiled to WebAssembly) solves the same assignment as
 * an integer program — maximise Σ score·x over the allowed pairs, each request at most once,
 * each pole at most its capacity, x binary — and its optimum must equal the min-cost flow's.
 */

const highs = await loadHighs();

function solverOptimum({ requestIds, poles, pairs, groupOf }: CohortInput): number {
  const variable = (index: number) => `x${index}`;
  const usable = pairs.map((pair, index) => ({ ...pair, name: variable(index) })).filter((pair) => pair.score > 0);
  if (usable.length === 0) return 0;
  const byRequest = new Map(requestIds.map((id) => [id, [] as string[]]));
  const byPole = new Map(poles.map((pole) => [pole.id, [] as string[]]));
  for (const pair of usable) {
    byRequest.get(pair.requestId)?.push(pair.name);
    byPole.get(pair.poleId)?.push(pair.name);
  }
  // An asking pole is paired at most once with the same mentoring pole.
  const byGroupAndPole = new Map<string, string[]>();
  for (const pair of usable) {
    const group = groupOf?.get(pair.requestId);
    if (group === undefined) continue;
    const key = `${group}>${pair.poleId}`;
    byGroupAndPole.set(key, [...(byGroupAndPole.get(key) ?? []), pair.name]);
  }
  const rows = [
    ...[...byRequest.values()].filter((names) => names.length > 0).map((names, index) => ` r${index}: ${names.join(' + ')} <= 1`),
    ...[...byGroupAndPole.values()].filter((names) => names.length > 1).map((names, index) => ` g${index}: ${names.join(' + ')} <= 1`),
    ...poles.flatMap((pole, index) => (byPole.get(pole.id)!.length > 0 ? [` p${index}: ${byPole.get(pole.id)!.join(' + ')} <= ${pole.capacity}`] : [])),
  ];
  const model = [
    'Maximize',
    ` total: ${usable.map((pair) => `${pair.score} ${pair.name}`).join(' + ')}`,
    'Subject To',
    ...rows,
    'Binaries',
    ` ${usable.map((pair) => pair.name).join(' ')}`,
    'End',
  ].join('\n');
  const solution = highs.solve(model, { output_flag: false, mip_rel_gap: 0 });
  expect(solution.Status).toBe('Optimal');
  return solution.ObjectiveValue;
}

/** A region as the bench builds it, smaller: each request has a handful of candidate poles. */
function regionInstance(seed: number, requestCount: number, poleCount: number, candidatesPerRequest: number, asking?: number): CohortInput {
  const random = seededRandom(seed).next;
  const requestIds = Array.from({ length: requestCount }, (_, index) => `r${index}`);
  const poles = Array.from({ length: poleCount }, (_, index) => ({ id: `p${index}`, capacity: Math.floor(random() * 5) }));
  const pairs = requestIds.flatMap((requestId) => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(candidatesPerRequest, poleCount)) chosen.add(Math.floor(random() * poleCount));
    // Two decimals: exact at the flow's precision, so both optima are the same number.
    return [...chosen].map((pole) => ({ requestId, poleId: `p${pole}`, score: Math.floor(random() * 10_000) / 100 }));
  });
  // `asking` poles share the requests: each pairs at most once with a mentoring pole.
  const groupOf = asking ? new Map(requestIds.map((id) => [id, `g${Math.floor(random() * asking)}`])) : undefined;
  return { requestIds, poles, pairs, groupOf };
}

describe('optimalCohort against the HiGHS solver', () => {
  test.each([
    { seed: 11, requests: 120, poles: 30, candidates: 8, asking: 0 },
    { seed: 12, requests: 300, poles: 60, candidates: 10, asking: 0 },
    { seed: 13, requests: 300, poles: 40, candidates: 20, asking: 0 },
    { seed: 14, requests: 600, poles: 150, candidates: 12, asking: 0 },
    // Requests from fewer asking poles: each pairs at most once with a mentoring pole.
    { seed: 15, requests: 300, poles: 40, candidates: 15, asking: 60 },
    { seed: 16, requests: 600, poles: 100, candidates: 12, asking: 150 },
  ])('$requests requests × $poles poles, $candidates candidates each, seed $seed: the same optimum', ({ seed, requests, poles, candidates, asking }) => {
    const input = regionInstance(seed, requests, poles, candidates, asking);
    const cohort = optimalCohort(input);
    const optimum = solverOptimum(input);
    expect(cohort.total).toBeCloseTo(optimum, 6);
    // The instances are hard enough for greedy to fall short, or the comparison would prove little.
    expect(greedyCohort(input).total).toBeLessThan(optimum);
    // Where poles ask several times, the rule "once per pair of poles" binds: without it the total would be higher.
    if (asking) expect(optimalCohort({ ...input, groupOf: undefined }).total).toBeGreaterThan(optimum + 1e-6);
  });
});
