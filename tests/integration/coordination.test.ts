import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { action, loader } from '#app/routes/coordination';
import { auditLog, poles, users } from '#db/schema';
import { addMembership, createPole } from '#db/seed/factories';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { flashOf } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const occitanie = 'coord.occitanie@demo.ptce.fr';
const aura = 'coord.aura@demo.ptce.fr';

async function visit(path: string, email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return loader({ request: makeRequest(path, { cookie }), context, params: {} });
}

async function post(form: Record<string, string>, email?: string, path = '/coordination') {
  const cookie = email ? await cookieFor(email) : undefined;
  return action({ request: makeRequest(path, { form, cookie }), context, params: {} }).catch((thrown: unknown) => thrown);
}

/** The status of what an action returned or threw: a Response, or `data(…, { status })`. */
function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  return (result as { init: { status: number } | null }).init?.status ?? 200;
}

function replyOf(result: unknown) {
  return (result as { data: { intent: string; poleId: string; result: { error?: Record<string, string[] | null> } } }).data;
}

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'no error',
    (thrown: unknown) => thrown,
  );
}

async function auditOf(poleId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'pole'), eq(auditLog.subjectId, poleId)));
}

async function poleRow(id: string) {
  const [row] = await db.select().from(poles).where(eq(poles.id, id));
  return row!;
}

async function userId(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

describe('coordination page: who gets in', () => {
  test('a visitor is sent to sign in, and comes back here after', async () => {
    const thrown = await thrownBy(visit('/coordination'));
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get('Location')).toBe('/connexion?redirectTo=%2Fcoordination');
  });

  test.each(['membre@demo.ptce.fr', 'figeacteurs@demo.ptce.fr', 'emergent@demo.ptce.fr'])('%s is answered 404, as if the page did not exist', async (email) => {
    const thrown = await thrownBy(visit('/coordination', email));
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });

  test('the national admin comes in and sees the poles of the region the desk shows, one region at a time', async () => {
    const page = await visit('/coordination?region=53', 'admin@demo.ptce.fr');
    expect(page.regions.map((region) => region.code)).toEqual(['53']);
  });

  test('a coordinator sees every pole of their regions, and of no other', async () => {
    const page = await visit('/coordination', occitanie);
    expect(page.regions.map((region) => region.code)).toEqual(['76']);
    const inDatabase = await db.select({ slug: poles.slug, verifiedAt: poles.verifiedAt }).from(poles).where(eq(poles.regionCode, '76'));
    const region = page.regions[0]!;
    expect(region.poles.map((pole) => pole.slug).sort()).toEqual(inDatabase.map((pole) => pole.slug).sort());
    expect(region.poleCount).toBe(inDatabase.length);
    expect(region.pendingCount).toBe(inDatabase.filter((pole) => pole.verifiedAt === null).length);
    expect(region.pendingCount).toBeGreaterThan(0);

    const auraPage = await visit('/coordination', aura);
    expect(auraPage.regions.map((item) => item.code)).toEqual(['84']);
  });

  test('« à valider seulement » keeps the poles awaiting validation', async () => {
    const page = await visit('/coordination?a-valider=1', occitanie);
    expect(page.pendingOnly).toBe(true);
    const region = page.regions[0]!;
    expect(region.poles).toHaveLength(region.pendingCount);
    expect(region.poles.every((pole) => pole.verifiedAt === null)).toBe(true);
    expect((await visit('/coordination?a-valider=oui', occitanie)).pendingOnly).toBe(false);
  });
});

describe('validating a pole', () => {
  test('a coordinator validates a pole of their region: one transaction, one audit row', async () => {
    const pole = await createPole(db, { regionCode: '76' });
    const result = await post({ intent: 'validate', poleId: pole.id }, occitanie, '/coordination?a-valider=1');
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get('Location')).toBe('/coordination?a-valider=1');
    expect(await flashOf(result as Response, context)).toEqual({ message: 'coordination.notices.validated', values: { name: pole.name } });

    const coordinatorId = await userId(occitanie);
    const row = await poleRow(pole.id);
    expect(row.verifiedAt).toBeInstanceOf(Date);
    expect(row.verifiedById).toBe(coordinatorId);
    const audit = await auditOf(pole.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'pole.validated',
      subjectType: 'pole',
      subjectId: pole.id,
      regionCode: '76',
      actorId: coordinatorId,
      reason: null,
      data: {},
    });
  });

  test.each([
    ['the coordinator of another region', aura],
    ['the admin of the pole', 'emergent@demo.ptce.fr'],
    ['a member', 'membre@demo.ptce.fr'],
  ])('%s may not validate an Occitanie pole (404)', async (_who, email) => {
    const pole = await createPole(db, { regionCode: '76' });
    if (email === 'emergent@demo.ptce.fr') await addMembership(db, { userId: await userId(email), poleId: pole.id, role: 'admin' });
    const result = await post({ intent: 'validate', poleId: pole.id }, email);
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(404);
    expect((await poleRow(pole.id)).verifiedAt).toBeNull();
    expect(await auditOf(pole.id)).toHaveLength(0);
  });

  test('a visitor posting is sent to sign in', async () => {
    const pole = await createPole(db, { regionCode: '76' });
    const result = await post({ intent: 'validate', poleId: pole.id });
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toMatch(/^\/connexion\?redirectTo=/);
    expect((await poleRow(pole.id)).verifiedAt).toBeNull();
  });

  test('two simultaneous validations: one succeeds, the other is told « déjà validé », one audit row', async () => {
    const pole = await createPole(db, { regionCode: '76' });
    const results = await Promise.all([post({ intent: 'validate', poleId: pole.id }, occitanie), post({ intent: 'validate', poleId: pole.id }, occitanie)]);
    const statuses = results.map(statusOf).sort();
    expect(statuses).toEqual([302, 409]);
    const refused = results.find((result) => statusOf(result) === 409);
    expect(replyOf(refused).result.error?.['']).toEqual(['coordination.errors.alreadyValidated']);
    expect(await auditOf(pole.id)).toHaveLength(1);
  });

  test('bad input is answered 400 or 404, never a 500', async () => {
    const notUuid = await post({ intent: 'validate', poleId: 'pas-un-identifiant' }, occitanie);
    expect(statusOf(notUuid)).toBe(400);
    expect(replyOf(notUuid).result.error?.poleId).toEqual(['coordination.errors.unknownPole']);
    expect(statusOf(await post({ intent: 'supprimer', poleId: crypto.randomUUID() }, occitanie))).toBe(400);
    expect(statusOf(await post({ poleId: crypto.randomUUID() }, occitanie))).toBe(400);
    expect(statusOf(await post({ intent: 'validate', poleId: crypto.randomUUID() }, occitanie))).toBe(404);
  });
});

describe('withdrawing a validation', () => {
  test('needs a reason of at least 5 characters, shown beside the field', async () => {
    const pole = await createPole(db, { regionCode: '76', verifiedAt: new Date() });
    const missing = await post({ intent: 'unvalidate', poleId: pole.id }, occitanie);
    expect(statusOf(missing)).toBe(400);
    expect(replyOf(missing)).toMatchObject({ intent: 'unvalidate', poleId: pole.id });
    expect(replyOf(missing).result.error?.reason).toEqual(['coordination.errors.reasonRequired']);
    const short = await post({ intent: 'unvalidate', poleId: pole.id, reason: '  abc  ' }, occitanie);
    expect(replyOf(short).result.error?.reason).toEqual(['coordination.errors.reasonTooShort']);
    expect((await poleRow(pole.id)).verifiedAt).toBeInstanceOf(Date);
    expect(await auditOf(pole.id)).toHaveLength(0);
  });

  test('is audited with its reason, and refused outside the coordinator’s regions', async () => {
    const pole = await createPole(db, { regionCode: '76', verifiedAt: new Date() });
    const refused = await post({ intent: 'unvalidate', poleId: pole.id, reason: 'Pôle dissous en 2023' }, aura);
    expect(statusOf(refused)).toBe(404);

    const result = await post({ intent: 'unvalidate', poleId: pole.id, reason: 'Pôle dissous en 2023' }, occitanie);
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get('Location')).toBe('/coordination');
    expect(await flashOf(result as Response, context)).toEqual({ message: 'coordination.notices.unvalidated', values: { name: pole.name } });
    const row = await poleRow(pole.id);
    expect(row.verifiedAt).toBeNull();
    expect(row.verifiedById).toBeNull();
    const audit = await auditOf(pole.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'pole.validation-withdrawn',
      regionCode: '76',
      reason: 'Pôle dissous en 2023',
      actorId: await userId(occitanie),
      data: {},
    });
  });

  test('two simultaneous withdrawals: one succeeds, the other changes nothing', async () => {
    const pole = await createPole(db, { regionCode: '76', verifiedAt: new Date() });
    const form = { intent: 'unvalidate', poleId: pole.id, reason: 'Doublon d’un autre pôle' };
    const results = await Promise.all([post(form, occitanie), post(form, occitanie)]);
    expect(results.map(statusOf).sort()).toEqual([302, 409]);
    const refused = results.find((result) => statusOf(result) === 409);
    expect(replyOf(refused).result.error?.['']).toEqual(['coordination.errors.notValidated']);
    expect(await auditOf(pole.id)).toHaveLength(1);
  });
});
