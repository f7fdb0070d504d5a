import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { loader } from '#app/routes/_index';
import { poleMemberships, poles } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';
import { makeRequest, setupTestContext } from '#tests/setup/context';

const { context, services } = await setupTestContext();
const db = services.db;

async function figures() {
  return (await loader({ request: makeRequest('/'), context, params: {} })).figures;
}

describe('home page figures', () => {
  test('count real poles only, computed from the database', async () => {
    const [expected] = await db
      .select({
        active: sql<number>`(count(*) filter (where not fictional and status = 'active'))::int`,
        regions: sql<number>`(count(distinct region_code) filter (where not fictional))::int`,
        verified: sql<number>`(count(*) filter (where not fictional and verified_at is not null))::int`,
        fictional: sql<number>`(count(*) filter (where fictional))::int`,
      })
      .from(poles);
    const current = await figures();
    expect(current).toEqual({
      activePoles: expected!.active,
      regionsWithPoles: expected!.regions,
      members: 2, // the demo admin and member of Figeacteurs; the demo pole's admin is not counted
      verifiedPoles: expected!.verified,
      fictionalPoles: expected!.fictional,
    });
    // The report's figures: 56 active poles out of 74.
    expect(current.activePoles).toBe(56);
    expect(current.fictionalPoles).toBeGreaterThan(0);
  });

  test('follow the data: new poles, members and validations change them; demo poles do not', async () => {
    const before = await figures();

    const corsica = await createPole(db, { regionCode: '94', town: 'Corte', departmentCode: '2B' });
    const afterPole = await figures();
    expect(afterPole.activePoles).toBe(before.activePoles + 1);
    expect(afterPole.regionsWithPoles).toBe(before.regionsWithPoles + 1);

    await createPole(db, { fictional: true, regionCode: '06', town: 'Mamoudzou', departmentCode: '976' });
    const afterDemo = await figures();
    expect({ ...afterDemo, fictionalPoles: 0 }).toEqual({ ...afterPole, fictionalPoles: 0 });
    expect(afterDemo.fictionalPoles).toBe(afterPole.fictionalPoles + 1);

    const person = await createUser(db, { email: 'nouvelle.membre@exemple.fr', name: 'Nouvelle Membre', password: 'un mot de passe solide' });
    await addMembership(db, { userId: person.id, poleId: corsica.id, role: 'member' });
    const afterMember = await figures();
    expect(afterMember.members).toBe(before.members + 1);
    // A second membership of the same person does not count twice.
    const [figeac] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'figeacteurs'));
    await addMembership(db, { userId: person.id, poleId: figeac!.id, role: 'member' });
    expect((await figures()).members).toBe(before.members + 1);

    await db.update(poles).set({ verifiedAt: new Date() }).where(eq(poles.id, corsica.id));
    expect((await figures()).verifiedPoles).toBe(before.verifiedPoles + 1);

    await db.update(poles).set({ status: 'inactive' }).where(eq(poles.id, corsica.id));
    expect((await figures()).activePoles).toBe(before.activePoles);

    await db.delete(poleMemberships).where(eq(poleMemberships.userId, person.id));
    expect((await figures()).members).toBe(before.members);
  });
});
