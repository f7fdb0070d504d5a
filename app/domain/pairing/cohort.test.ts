import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../../bench/random';
import { greedyCohort, optimalCohort, type CohortInput } from './cohort';

/** The benchmarks' seeded generator, so a failing instance can be replayed. */
const seeded = (seed: number) => seededRandom(seed).next;

function randomInstance(seed: number, options: { grouped?: boolean } = {}): CohortInput {
  const random = seeded(seed);
  const requestCount = 1 + Math.floor(random() * 6);
  const poleCount = 1 + Math.floor(random() * 4);
  const requestIds = Array.from({ length: requestCount }, (_, index) => `r${index}`);
  const poles = Array.from({ length: poleCount }, (_, index) => ({ id: `p${index}`, capacity: Math.floor(random() * 4) }));
  const pairs = [];
  for (const requestId of requestIds) {
    for (const pole of poles) {
      // Some pairs are not allowed; scores have two decimals (exact at the solver's precision), some are zero.
      if (random() < 0.7) pairs.push({ requestId, poleId: pole.id, score: Math.floor(random() * 10_000) / 100 });
    }
  }
  // Grouped: requests belong to 1–3 asking poles, each paired at most once with a mentoring pole.
  const groupOf = options.grouped ? new Map(requestIds.map((id) => [id, `g${Math.floor(random() * 3)}`])) : undefined;
  return { requestIds, poles, pairs, groupOf };
}

/** Tries every assignment: each request to nothing or to an allowed pole with room left. */
function bruteForceTotal({ requestIds, poles, pairs, groupOf }: CohortInput): number {
  const remaining = new Map(poles.map((pole) => [pole.id, pole.capacity]));
  const pairedGroups = new Set<string>();
  const options = requestIds.map((id) => pairs.filter((pair) => pair.requestId === id));
  const search = (index: number): number => {
    if (index === requestIds.length) return 0;
    let best = search(index + 1);
    for (const pair of options[index]!) {
      const left = remaining.get(pair.poleId)!;
      const group = groupOf ? `${groupOf.get(pair.requestId)}>${pair.poleId}` : null;
      if (left <= 0 || (group !== null && pairedGroups.has(group))) continue;
      remaining.set(pair.poleId, left - 1);
      if (group !== null) pairedGroups.add(group);
      best = Math.max(best, pair.score + search(index + 1));
      remaining.set(pair.poleId, left);
      if (group !== null) pairedGroups.delete(group);
    }
    return best;
  };
  return search(0);
}

function expectFeasible(input: CohortInput, assignments: CohortInput['pairs']) {
  const perPole = new Map<string, number>();
  const requests = new Set<string>();
  const groups = new Set<string>();
  for (const pair of assignments) {
    expect(requests.has(pair.requestId)).toBe(false);
    requests.add(pair.requestId);
    if (input.groupOf) {
      const group = `${input.groupOf.get(pair.requestId)}>${pair.poleId}`;
      expect(groups.has(group), `${group} paired twice`).toBe(false);
      groups.add(group);
    }
    expect(input.pairs).toContain(pair);
    perPole.set(pair.poleId, (perPole.get(pair.poleId) ?? 0) + 1);
  }
  for (const pole of input.poles) expect(perPole.get(pole.id) ?? 0).toBeLessThanOrEqual(pole.capacity);
}

describe('optimalCohort', () => {
  test('reaches the brute-force optimum on 300 small random instances, within every capacity', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const input = randomInstance(seed);
      const cohort = optimalCohort(input);
      expectFeasible(input, cohort.assignments);
      const sum = cohort.assignments.reduce((total, pair) => total + pair.score, 0);
      expect(cohort.total).toBeCloseTo(sum, 9);
      expect(cohort.total, `seed ${seed}`).toBeCloseTo(bruteForceTotal(input), 6);
      // Greedy is feasible too, and never better.
      const greedy = greedyCohort(input);
      expectFeasible(input, greedy.assignments);
      expect(greedy.total).toBeLessThanOrEqual(cohort.total + 1e-9);
    }
  });

  test('pairs an asking pole at most once with the same mentoring pole, at the brute-force optimum, on 300 grouped instances', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const input = randomInstance(seed, { grouped: true });
      const cohort = optimalCohort(input);
      expectFeasible(input, cohort.assignments);
      expect(cohort.total, `seed ${seed}`).toBeCloseTo(bruteForceTotal(input), 6);
      const greedy = greedyCohort(input);
      expectFeasible(input, greedy.assignments);
      expect(greedy.total).toBeLessThanOrEqual(cohort.total + 1e-9);
    }
  });

  test('two requests of one pole go to two different mentoring poles, even when one pole has room for both', () => {
    const input: CohortInput = {
      requestIds: ['legal', 'cooperation'],
      poles: [
        { id: 'figeac', capacity: 3 },
        { id: 'other', capacity: 1 },
      ],
      pairs: [
        { requestId: 'legal', poleId: 'figeac', score: 89 },
        { requestId: 'cooperation', poleId: 'figeac', score: 79 },
        { requestId: 'cooperation', poleId: 'other', score: 75 },
      ],
      groupOf: new Map([
        ['legal', 'causses'],
        ['cooperation', 'causses'],
      ]),
    };
    expect(
      optimalCohort(input)
        .assignments.map((pair) => `${pair.requestId}→${pair.poleId}`)
        .sort(),
    ).toEqual(['cooperation→other', 'legal→figeac']);
    expect(optimalCohort({ ...input, groupOf: undefined }).total).toBe(168);
  });

  test('finds the same optimum whatever the order of the requests, on larger instances (40 × 10)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seeded(1000 + seed);
      const requestIds = Array.from({ length: 40 }, (_, index) => `r${index}`);
      const poles = Array.from({ length: 10 }, (_, index) => ({ id: `p${index}`, capacity: Math.floor(random() * 5) }));
      const pairs = requestIds.flatMap((requestId) =>
        poles.filter(() => random() < 0.4).map((pole) => ({ requestId, poleId: pole.id, score: Math.floor(random() * 10_000) / 100 })),
      );
      const forward = optimalCohort({ requestIds, poles, pairs });
      const backward = optimalCohort({ requestIds: [...requestIds].reverse(), poles, pairs: [...pairs].reverse() });
      expectFeasible({ requestIds, poles, pairs }, forward.assignments);
      expect(backward.total).toBeCloseTo(forward.total, 6);
      expect(greedyCohort({ requestIds, poles, pairs }).total).toBeLessThanOrEqual(forward.total + 1e-9);
    }
  });

  test('beats greedy where the best pair blocks two good ones', () => {
    const input: CohortInput = {
      requestIds: ['a', 'b'],
      poles: [
        { id: 'mature', capacity: 1 },
        { id: 'other', capacity: 1 },
      ],
      pairs: [
        { requestId: 'a', poleId: 'mature', score: 10 },
        { requestId: 'a', poleId: 'other', score: 9 },
        { requestId: 'b', poleId: 'mature', score: 9 },
      ],
    };
    expect(greedyCohort(input).total).toBe(10);
    const cohort = optimalCohort(input);
    expect(cohort.total).toBe(18);
    expect(cohort.assignments.map((pair) => `${pair.requestId}→${pair.poleId}`).sort()).toEqual(['a→other', 'b→mature']);
  });

  test('leaves a request unassigned rather than take a pair with no score, and ignores unknown ids and empty poles', () => {
    const cohort = optimalCohort({
      requestIds: ['a', 'b'],
      poles: [
        { id: 'full', capacity: 0 },
        { id: 'open', capacity: 2 },
      ],
      pairs: [
        { requestId: 'a', poleId: 'open', score: 0 },
        { requestId: 'b', poleId: 'full', score: 50 },
        { requestId: 'ghost', poleId: 'open', score: 50 },
        { requestId: 'b', poleId: 'open', score: 3 },
      ],
    });
    expect(cohort).toEqual({ assignments: [{ requestId: 'b', poleId: 'open', score: 3 }], total: 3 });
  });

  test('an empty region gives an empty cohort', () => {
    expect(optimalCohort({ requestIds: [], poles: [], pairs: [] })).toEqual({ assignments: [], total: 0 });
  });
});
