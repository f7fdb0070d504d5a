import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { action as validationAction, loader as coordinationLayout } from '#app/routes/coordination';
import { loader as desk } from '#app/routes/coordination._index';
import { loader as cohort } from '#app/routes/coordination.cohorte';
import { loader as weights } from '#app/routes/coordination.ponderations';
import { loader as twinningList } from '#app/routes/jumelages._index';
import { loader as moderationLayout } from '#app/routes/moderation';
import { loader as moderationQueue } from '#app/routes/moderation._index';
import { loader as moderationJournal } from '#app/routes/moderation.journal';
import { poles } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';

/**
 * « The national admin reaches every coordination page » (issue 12): every desk page of every
 * region with poles, the moderation pages, and validating a pole where no coordinator works yet.
 * Pole members and observers still get the 404 of a page that does not exist.
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const admin = 'admin@demo.ptce.fr';

type Loader = (args: ReturnType<typeof routeArgs>) => Promise<unknown>;

async function open(run: Loader, path: string, email: string) {
  return settle(run(routeArgs(context, makeRequest(path, { cookie: await cookieFor(email) }))));
}

const regionCodes = (await db.selectDistinct({ code: poles.regionCode }).from(poles)).map((row) => row.code).sort();

/** Each region-scoped desk page (the layout runs with each of them). */
const deskPages: Array<[string, Loader, (region: string) => string]> = [
  ['the validation list (coordination layout)', coordinationLayout, (region) => `/coordination?region=${region}`],
  ['the pairing desk', desk, (region) => `/coordination?region=${region}`],
  ['the cohort', cohort, (region) => `/coordination/cohorte?region=${region}`],
  ['the weights', weights, (region) => `/coordination/ponderations?region=${region}`],
];

/** The pages that are not per region. */
const nationalPages: Array<[string, Loader, string]> = [
  ['the moderation area', moderationLayout, '/moderation'],
  ['the moderation queue', moderationQueue, '/moderation'],
  ['the moderation log', moderationJournal, '/moderation/journal'],
  ['the twinnings', twinningList, '/jumelages'],
];

describe('the national admin reaches every coordination page', () => {
  test('there are several regions with poles, none of them coordinated by the admin', () => {
    expect(regionCodes.length).toBeGreaterThan(5);
  });

  test.each(deskPages)('%s, for every region with poles', async (_name, run, pathOf) => {
    for (const region of regionCodes) {
      const outcome = await open(run, pathOf(region), admin);
      expect(outcome.status, `${pathOf(region)}`).toBe(200);
    }
  });

  test('the desk shows the region asked for, offers the others in its select, and counts its poles to validate', async () => {
    const { data } = await open(desk, '/coordination?region=53', admin);
    expect(data.region.code).toBe('53');
    expect(data.regions.map((region: { code: string }) => region.code).sort()).toEqual(regionCodes);
    expect(data.content.pendingCount).toEqual(expect.any(Number));
    const layout = await open(coordinationLayout, '/coordination?region=53', admin);
    expect(layout.data.regions.map((region: { code: string }) => region.code)).toEqual(['53']);
    expect(layout.data.regions[0].poles.length).toBeGreaterThan(0);
  });

  test.each(nationalPages)('%s', async (_name, run, path) => {
    expect((await open(run, path, admin)).status).toBe(200);
  });

  test('validates a pole of a region no coordinator covers, and comes back to that region', async () => {
    const pole = await createPole(db, { regionCode: '53', departmentCode: '35', town: 'Rennes', name: 'Pôle breton à valider' });
    const outcome = await settle(
      validationAction(routeArgs(context, makeRequest('/coordination', { form: { intent: 'validate', poleId: pole.id }, cookie: await cookieFor(admin) }))),
    );
    expect(outcome).toMatchObject({ status: 302, location: '/coordination?region=53' });
    const [row] = await db.select({ verifiedAt: poles.verifiedAt }).from(poles).where(eq(poles.id, pole.id));
    expect(row!.verifiedAt).toBeInstanceOf(Date);
  });
});

describe('the others do not', () => {
  test.each(['membre@demo.ptce.fr', 'figeacteurs@demo.ptce.fr', 'emergent@demo.ptce.fr', 'observateur@demo.ptce.fr'])(
    '%s gets 404 on every desk and moderation page',
    async (email) => {
      for (const [name, run, pathOf] of deskPages) expect((await open(run, pathOf('76'), email)).status, name).toBe(404);
      for (const [name, run, path] of nationalPages.filter(([, run]) => run !== twinningList)) expect((await open(run, path, email)).status, name).toBe(404);
    },
  );

  test('a coordinator reaches their own region’s pages, and gets 404 for another region', async () => {
    for (const [name, run, pathOf] of deskPages) {
      expect((await open(run, pathOf('76'), 'coord.occitanie@demo.ptce.fr')).status, name).toBe(200);
      if (run !== coordinationLayout) expect((await open(run, pathOf('84'), 'coord.occitanie@demo.ptce.fr')).status, name).toBe(404);
    }
  });

  test('neither a coordinator of another region nor a pole admin validates a Breton pole', async () => {
    const pole = await createPole(db, { regionCode: '53', departmentCode: '29', town: 'Brest' });
    for (const email of ['coord.occitanie@demo.ptce.fr', 'observateur@demo.ptce.fr', 'figeacteurs@demo.ptce.fr']) {
      const outcome = await settle(
        validationAction(routeArgs(context, makeRequest('/coordination', { form: { intent: 'validate', poleId: pole.id }, cookie: await cookieFor(email) }))),
      );
      expect(outcome.status, email).toBe(404);
    }
    const [row] = await db.select({ verifiedAt: poles.verifiedAt }).from(poles).where(eq(poles.id, pole.id));
    expect(row!.verifiedAt).toBeNull();
  });
});
