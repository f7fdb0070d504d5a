import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { allowed, getActor, type Actor } from '#app/utils/permissions.server';
import { poles } from '#db/schema';
import { makeRequest, setupTestContext } from '#tests/setup/context';

const { context, services, cookieFor } = await setupTestContext();

async function actorOf(email: string): Promise<Actor> {
  const actor = await getActor(makeRequest('/', { cookie: await cookieFor(email) }), context);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

async function poleRef(slug: string) {
  const pole = await services.db.query.poles.findFirst({ where: eq(poles.slug, slug) });
  return { id: pole!.id, regionCode: pole!.regionCode };
}

describe('permissions', () => {
  let figeac: { id: string; regionCode: string };
  let lyonPole: { id: string; regionCode: string };
  let causses: { id: string; regionCode: string };
  beforeAll(async () => {
    figeac = await poleRef('figeacteurs');
    lyonPole = await poleRef('le-bol');
    causses = await poleRef('causses-cevennes-demo');
  });

  test('a visitor may do nothing that needs an account', async () => {
    const visitor = await getActor(makeRequest('/'), context);
    expect(visitor).toBeNull();
    expect(allowed(visitor, { action: 'pole:edit', pole: figeac })).toBe(false);
    expect(allowed(visitor, { action: 'coordination:access' })).toBe(false);
  });

  test('a pole admin manages their own pole only', async () => {
    const admin = await actorOf('figeacteurs@demo.ptce.fr');
    expect(allowed(admin, { action: 'pole:edit', pole: figeac })).toBe(true);
    expect(allowed(admin, { action: 'pole:invite-member', pole: figeac })).toBe(true);
    expect(allowed(admin, { action: 'pole:edit', pole: causses })).toBe(false);
    expect(allowed(admin, { action: 'pole:validate', pole: figeac })).toBe(false);
  });

  test('a plain member sees the members but manages nothing', async () => {
    const member = await actorOf('membre@demo.ptce.fr');
    expect(allowed(member, { action: 'pole:view-members', pole: figeac })).toBe(true);
    expect(allowed(member, { action: 'pole:edit', pole: figeac })).toBe(false);
    expect(allowed(member, { action: 'pole:invite-member', pole: figeac })).toBe(false);
  });

  test('a coordinator acts only inside the regions of their body', async () => {
    const occitanie = await actorOf('coord.occitanie@demo.ptce.fr');
    expect([...occitanie.regionCodes]).toEqual(['76']);
    expect(allowed(occitanie, { action: 'pole:validate', pole: figeac })).toBe(true);
    expect(allowed(occitanie, { action: 'pole:invite-admin', pole: causses })).toBe(true);
    expect(allowed(occitanie, { action: 'pole:validate', pole: lyonPole })).toBe(false);
    expect(allowed(occitanie, { action: 'admin:access' })).toBe(false);

    const aura = await actorOf('coord.aura@demo.ptce.fr');
    expect(allowed(aura, { action: 'pole:validate', pole: lyonPole })).toBe(true);
    expect(allowed(aura, { action: 'pole:validate', pole: figeac })).toBe(false);
  });

  test('only a member of a validated pole makes its offers and requests public', async () => {
    const member = await actorOf('membre@demo.ptce.fr');
    for (const action of ['offer:publish', 'request:publish'] as const) {
      expect(allowed(member, { action, pole: { id: figeac.id, verified: true } })).toBe(true);
      // Its validation withdrawn, the pole may still edit, pause and close (offer:edit), not publish.
      expect(allowed(member, { action, pole: { id: figeac.id, verified: false } })).toBe(false);
      expect(allowed(member, { action, pole: { id: causses.id, verified: true } })).toBe(false);
      expect(allowed(await actorOf('coord.occitanie@demo.ptce.fr'), { action, pole: { id: figeac.id, verified: true } })).toBe(false);
    }
    expect(allowed(member, { action: 'offer:edit', offer: { poleId: figeac.id } })).toBe(true);
  });

  test('the national admin manages bodies and coordinators, not pole content', async () => {
    const admin = await actorOf('admin@demo.ptce.fr');
    expect(allowed(admin, { action: 'admin:access' })).toBe(true);
    expect(allowed(admin, { action: 'body:invite-coordinator', bodyId: 'any' })).toBe(true);
    expect(allowed(admin, { action: 'pole:edit', pole: figeac })).toBe(false);
    expect(allowed(admin, { action: 'pole:view-members', pole: figeac })).toBe(true);
  });
});
