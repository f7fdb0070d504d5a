import { describe, expect, test } from 'vitest';
import { ZodError } from 'zod';
import {
  criteria,
  defaultWeights,
  explainInFrench,
  exclusionOf,
  rankCandidates,
  resolveWeights,
  scoreCandidate,
  type MentorCandidate,
  type PairingNeed,
} from './scoring';

const need: PairingNeed = {
  topics: [
    { slug: 'juridique', label: 'juridique', weight: 2 },
    { slug: 'gouvernance', label: 'gouvernance', weight: 1 },
    { slug: 'financement', label: 'financement', weight: 1 },
    { slug: 'numerique', label: 'numérique', weight: 1 },
  ],
  sectors: ['alimentation', 'mobilite'],
  location: { latitude: 43.6047, longitude: 1.4442 }, // Toulouse
  region: '76',
  country: 'FR',
  maturity: 'emerging',
  languages: ['fr'],
};

const candidate = (overrides: Partial<MentorCandidate> = {}): MentorCandidate => ({
  poleId: 'p-montauban',
  name: 'Pôle de Montauban',
  topics: ['juridique', 'gouvernance', 'financement'],
  sectors: ['alimentation'],
  location: { latitude: 43.9, longitude: 1.6 }, // ~35 km from Toulouse
  region: '76',
  country: 'FR',
  maturity: 'mature',
  capacity: 3,
  activeLoad: 1,
  languages: ['fr', 'en'],
  reach: 'regional',
  ...overrides,
});

describe('reach and capacity', () => {
  test('regional offers count in their region only, national in France, european anywhere', () => {
    expect(exclusionOf(need, candidate({ region: '84', reach: 'regional' }))).toBe('reach');
    expect(exclusionOf(need, candidate({ region: '84', reach: 'national' }))).toBeNull();
    expect(exclusionOf(need, candidate({ region: 'BE-WAL', country: 'BE', reach: 'national' }))).toBe('reach');
    expect(exclusionOf(need, candidate({ region: 'BE-WAL', country: 'BE', reach: 'european' }))).toBeNull();
    expect(exclusionOf(need, candidate({ reach: 'regional' }))).toBeNull();
  });

  test('a pole at full capacity, or with none, is not ranked', () => {
    expect(scoreCandidate(need, candidate({ activeLoad: 3 }))).toBeNull();
    expect(scoreCandidate(need, candidate({ capacity: 0, activeLoad: 0 }))).toBeNull();
    const ranked = rankCandidates(need, [
      candidate({ poleId: 'full', activeLoad: 3 }),
      candidate({ poleId: 'far', region: '84' }),
      candidate({ poleId: 'ok' }),
    ]);
    expect(ranked.map((suggestion) => suggestion.poleId)).toEqual(['ok']);
  });
});

describe('score and explanation', () => {
  test('each criterion contributes by name, and the contributions sum to the score', () => {
    const suggestion = scoreCandidate(need, candidate({ ratings: [4, 5] }))!;
    expect(suggestion.explanation.map((entry) => entry.criterion)).toEqual([...criteria]);
    const sum = suggestion.explanation.reduce((total, entry) => total + entry.contribution, 0);
    expect(suggestion.score).toBeCloseTo(sum, 9);
    const contribution = (name: string) => suggestion.explanation.find((entry) => entry.criterion === name)!.contribution;
    // juridique (2) + gouvernance (1) + financement (1) out of 5.
    expect(contribution('topics')).toBeCloseTo((defaultWeights.topics * 4) / 5, 9);
    expect(contribution('sectors')).toBeCloseTo(defaultWeights.sectors / 2, 9);
    expect(contribution('maturity')).toBe(defaultWeights.maturity);
    expect(contribution('load')).toBeCloseTo((defaultWeights.load * 2) / 3, 9);
    expect(contribution('language')).toBe(defaultWeights.language);
    expect(contribution('evaluations')).toBeCloseTo((defaultWeights.evaluations * 3.5) / 4, 9);
  });

  test('closer, less loaded, more mature and better rated poles rank higher; no evaluation is neutral', () => {
    const base = scoreCandidate(need, candidate())!.score;
    expect(scoreCandidate(need, candidate({ location: { latitude: 45.764, longitude: 4.8357 }, reach: 'national', region: '84' }))!.score).toBeLessThan(base);
    expect(scoreCandidate(need, candidate({ activeLoad: 2 }))!.score).toBeLessThan(base);
    expect(scoreCandidate(need, candidate({ maturity: 'consolidating' }))!.score).toBeLessThan(base);
    expect(scoreCandidate(need, candidate({ ratings: [5] }))!.score).toBeGreaterThan(base);
    expect(scoreCandidate(need, candidate({ ratings: [1] }))!.score).toBeLessThan(base);
    expect(scoreCandidate(need, candidate({ ratings: [3] }))!.score).toBeCloseTo(base, 9);
  });

  test('orders by score, then by name, whatever the input order', () => {
    const candidates = [
      candidate({ poleId: 'b', name: 'Bravo' }),
      candidate({ poleId: 'c', name: 'Charlie', activeLoad: 2 }),
      candidate({ poleId: 'a', name: 'Alpha' }),
    ];
    const order = (list: MentorCandidate[]) => rankCandidates(need, list).map((suggestion) => suggestion.poleId);
    expect(order(candidates)).toEqual(['a', 'b', 'c']);
    expect(order([...candidates].reverse())).toEqual(['a', 'b', 'c']);
    // A limit explains only what it returns, with the same scores and order as the full ranking.
    expect(rankCandidates(need, candidates, { limit: 2 })).toEqual(rankCandidates(need, candidates).slice(0, 2));
  });
});

describe('weights', () => {
  test('a region overrides some weights over the defaults', () => {
    expect(resolveWeights()).toEqual(defaultWeights);
    expect(resolveWeights({ distance: 40, evaluations: 0 })).toEqual({ ...defaultWeights, distance: 40, evaluations: 0 });
    const onlyDistance = Object.fromEntries(criteria.map((criterion) => [criterion, criterion === 'distance' ? 1 : 0]));
    const [near, far] = rankCandidates(
      need,
      [
        candidate({ poleId: 'far', name: 'A far', location: { latitude: 44.8378, longitude: -0.5792 }, region: '75', reach: 'national' }),
        candidate({ poleId: 'near', name: 'Z near', topics: [] }),
      ],
      { weights: onlyDistance },
    );
    expect([near!.poleId, far!.poleId]).toEqual(['near', 'far']);
    expect(near!.score).toBeLessThanOrEqual(1);
  });

  test('negative, non-numeric or unknown weights are refused', () => {
    expect(() => resolveWeights({ topics: -1 })).toThrow(ZodError);
    expect(() => resolveWeights({ topics: '3' })).toThrow(ZodError);
    expect(() => resolveWeights({ topics: Number.POSITIVE_INFINITY })).toThrow(ZodError);
    expect(() => resolveWeights({ popularity: 3 })).toThrow(ZodError);
  });
});

describe('explainInFrench', () => {
  test('renders the reasons as one French line', () => {
    const suggestion = scoreCandidate(
      {
        ...need,
        topics: [
          { slug: 'juridique', label: 'juridique' },
          { slug: 'gouvernance', label: 'gouvernance' },
          { slug: 'financement', label: 'financement' },
        ],
      },
      candidate(),
    )!;
    const km = suggestion.explanation.find((entry) => entry.criterion === 'distance')!.values.km;
    expect(explainInFrench(suggestion.explanation, { only: ['topics', 'distance', 'load'] })).toBe(
      `3 thématiques en commun : juridique, gouvernance, financement · ${km} km · 1 jumelage en cours sur 3 possibles`,
    );
    expect(km).toBeGreaterThan(25);
    expect(km).toBeLessThan(45);
  });

  test('by default shows every criterion that counted, with singular, plural and missing forms', () => {
    const suggestion = scoreCandidate(need, candidate({ topics: ['numerique'], sectors: [], location: null, activeLoad: 2, ratings: [4, 5, 3] }))!;
    expect(explainInFrench(suggestion.explanation)).toBe(
      '1 thématique en commun : numérique · pôle mature pour un pôle émergent · 2 jumelages en cours sur 3 possibles · langue commune : fr · 3 évaluations, 4/5 en moyenne',
    );
    const none = scoreCandidate(need, candidate({ topics: [], sectors: [], location: null, maturity: 'emerging', languages: ['de'] }))!;
    expect(explainInFrench(none.explanation, { only: ['topics', 'sectors', 'distance', 'maturity', 'language', 'evaluations'] })).toBe(
      'aucune thématique en commun · aucune filière en commun · distance inconnue · pas plus avancé que le pôle demandeur · aucune langue commune · pas encore évalué',
    );
  });
});
