import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { greedyCohort, optimalCohort } from '#app/domain/pairing/cohort';
import { defaultWeights } from '#app/domain/pairing/scoring';
import { loadCandidates, loadRequestNeeds, openTwinningsOfMentees, pairKey } from '#app/models/pairing-sources.server';
import { suggestionsFor } from '#app/models/pairing.server';
import * as cohortRoute from '#app/routes/coordination.cohorte';
import * as deskRoute from '#app/routes/coordination._index';
import * as weightsRoute from '#app/routes/coordination.ponderations';
import { auditLog, outbox, twinnings } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { setupTestContext } from '#tests/setup/context';
import { inFrench } from '#tests/setup/responses';
import { deskFixtures, place, routeCaller, type DeskFixtures } from './pairing-desk-fixtures';

/** The region's weights and its optimal cohort, on the desk's fixtures. */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const occitanie = 'coord.occitanie@demo.ptce.fr';

const call = routeCaller(context, cookieFor);

let fixtures: DeskFixtures;
beforeAll(async () => {
  fixtures = await deskFixtures(db);
});

type DeskPage = Awaited<ReturnType<typeof deskRoute.loader>>;

describe('weights', () => {
  test('changing a weight changes the ranking; restoring the defaults brings it back', async () => {
    const firstFor = async () => {
      const desk = (await call(deskRoute, '/coordination', { as: occitanie })).data as DeskPage;
      return desk.content!.requests.find((item) => item.request!.id === fixtures.newRequestId)!.suggestions[0]!.poleId;
    };
    expect(await firstFor()).toBe(fixtures.topicMentor.id);

    const onlyDistance = { intent: 'save', topics: '0', sectors: '0', distance: '100', maturity: '0', load: '0', language: '0', evaluations: '0' };
    const saved = await call(weightsRoute, '/coordination/ponderations?region=76', { as: occitanie, form: onlyDistance });
    expect(saved.status).toBe(302);
    expect(await firstFor()).toBe(fixtures.nearMentor.id);
    const page = await call(weightsRoute, '/coordination/ponderations?region=76', { as: occitanie });
    expect(page.data.weights).toMatchObject({ topics: 0, distance: 100 });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'pairing.weights-changed'), eq(auditLog.subjectId, '76')));
    expect(audit.at(-1)!.data).toMatchObject({ weights: { topics: 0, distance: 100 } });

    expect((await call(weightsRoute, '/coordination/ponderations?region=76', { as: occitanie, form: { intent: 'reset' } })).status).toBe(302);
    expect((await call(weightsRoute, '/coordination/ponderations?region=76', { as: occitanie })).data.weights).toEqual(defaultWeights);
    expect(await firstFor()).toBe(fixtures.topicMentor.id);
  });

  test('a negative weight answers 400 beside its field, nothing saved', async () => {
    const outcome = await call(weightsRoute, '/coordination/ponderations?region=76', { as: occitanie, form: { intent: 'save', topics: '-5' } });
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error.topics).toEqual(['pairing.errors.weightNegative']);
    expect(inFrench('pairing.errors.weightNegative')).toBe('Un poids ne peut pas être négatif.');
    expect((await call(weightsRoute, '/coordination/ponderations?region=76', { as: occitanie })).data.weights).toEqual(defaultWeights);
  });
});

describe('the cohort', () => {
  test('is the optimal assignment of the same input, at least as good as the greedy one', async () => {
    const page = await call(cohortRoute, '/coordination/cohorte?region=76', { as: occitanie });
    expect(page.status).toBe(200);
    const { cohort } = page.data as Awaited<ReturnType<typeof cohortRoute.loader>>;

    // The same input, built here from the model's sources.
    const needs = await loadRequestNeeds(db, { regionCode: '76', language: 'fr' });
    const candidates = await loadCandidates(db);
    const open = await openTwinningsOfMentees(db, [...new Set(needs.map((need) => need.pole.id))]);
    const answered = new Set(open.map((twinning) => twinning.requestId));
    const openPairs = new Set(open.map((twinning) => pairKey(twinning.mentorPoleId, twinning.menteePoleId)));
    const withRoom = candidates.filter((candidate) => candidate.capacity - candidate.activeLoad - candidate.proposedLoad > 0);
    const free = needs.filter((need) => !answered.has(need.request!.id));
    const input = {
      requestIds: free.map((need) => need.request!.id),
      poles: withRoom.map((candidate) => ({ id: candidate.poleId, capacity: candidate.capacity - candidate.activeLoad - candidate.proposedLoad })),
      pairs: free.flatMap((need) =>
        suggestionsFor(need, withRoom, openPairs, defaultWeights, null).map((suggestion) => ({
          requestId: need.request!.id,
          poleId: suggestion.poleId,
          score: suggestion.score,
        })),
      ),
      groupOf: new Map(free.map((need) => [need.request!.id, need.pole.id])),
    };
    const expected = optimalCohort(input);
    // The fixtures' two requests come from one pole and fit the same mentor best: it gets only one of them.
    const pairsOfPoles = cohort!.assignments.map((pair) => `${pair.poleId}>${input.groupOf.get(pair.requestId)}`);
    expect(new Set(pairsOfPoles).size).toBe(pairsOfPoles.length);
    expect(optimalCohort({ ...input, groupOf: undefined }).total).toBeGreaterThan(expected.total);
    // Every candidate of every request is weighed (and offered in its select), not only the best three.
    expect(input.pairs.length).toBeGreaterThan(3 * free.length);
    expect(cohort!.proposals.flatMap((proposal) => proposal.options)).toHaveLength(
      input.pairs.filter((pair) => cohort!.proposals.some((proposal) => proposal.requestId === pair.requestId)).length,
    );
    const byRequest = (pairs: { requestId: string }[]) => [...pairs].sort((a, b) => a.requestId.localeCompare(b.requestId));
    expect(byRequest(cohort!.assignments)).toEqual(byRequest(expected.assignments));
    expect(cohort!.total).toBeCloseTo(expected.total, 6);
    expect(cohort!.total).toBeGreaterThanOrEqual(greedyCohort(input).total - 1e-9);
    expect(cohort!.greedyTotal).toBeCloseTo(greedyCohort(input).total, 6);
    expect(cohort!.proposals.map((proposal) => proposal.requestId)).toEqual(expect.arrayContaining([fixtures.oldRequestId, fixtures.newRequestId]));
  });

  test('a choice that exceeds a pole’s room is refused, naming the pole, and nothing is sent', async () => {
    const small = await createPole(db, { ...place, name: 'Pôle à une seule place', maturity: 'mature', verifiedAt: new Date(), mentoringCapacity: 1 });
    const mailsBefore = (await db.select({ n: sql<number>`count(*)::int` }).from(outbox))[0]!.n;
    const form = {
      keep: [fixtures.oldRequestId, fixtures.newRequestId],
      choice: [`${fixtures.oldRequestId}:${small.id}`, `${fixtures.newRequestId}:${small.id}`],
      message: 'Cohorte de printemps',
    };
    const outcome = await call(cohortRoute, '/coordination/cohorte?region=76', { as: occitanie, form });
    expect(outcome.status).toBe(409);
    expect(outcome.data.errors).toEqual([`Le pôle « ${small.name} » n’a que 1 place(s) libre(s) et recevrait 2 jumelages : rien n’a été envoyé.`]);
    expect(await db.select().from(twinnings).where(eq(twinnings.mentorPoleId, small.id))).toHaveLength(0);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(outbox))[0]!.n).toBe(mailsBefore);

    // Unchecking one pair fits: the kept one is proposed.
    const kept = await call(cohortRoute, '/coordination/cohorte?region=76', { as: occitanie, form: { ...form, keep: [fixtures.oldRequestId] } });
    expect(kept.status).toBe(302);
    expect(kept.location).toBe('/coordination?region=76');
    const sent = await db.select().from(twinnings).where(eq(twinnings.mentorPoleId, small.id));
    expect(sent.map((twinning) => twinning.requestId)).toEqual([fixtures.oldRequestId]);
    expect(sent[0]!.message).toBe('Cohorte de printemps');
  });

  test('bad input answers 400', async () => {
    const outcome = await call(cohortRoute, '/coordination/cohorte?region=76', { as: occitanie, form: { keep: ['pas-un-id'], choice: ['x'] } });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toContain('coordination.cohort.errors.invalidChoice');
    const empty = await call(cohortRoute, '/coordination/cohorte?region=76', { as: occitanie, form: { message: '' } });
    expect(empty.status).toBe(400);
  });
});
