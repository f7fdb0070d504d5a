import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { recordAudit } from '#app/models/audit.server';
import { recentMaturityChanges, updatePoleProfile, type ProfileChanges } from '#app/models/pole-profile.server';
import { unvalidatePole, validatePole } from '#app/models/poles.server';
import type { Database } from '#db/client';
import { auditLog, poles, users } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { setupTestContext } from '#tests/setup/context';

const { services } = await setupTestContext();
const db = services.db;

const [coordinator] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'coord.occitanie@demo.ptce.fr'));
const actorId = coordinator!.id;

async function auditOf(subjectId: string) {
  return db.select().from(auditLog).where(eq(auditLog.subjectId, subjectId)).orderBy(auditLog.createdAt);
}

async function poleRow(id: string) {
  const [row] = await db.select().from(poles).where(eq(poles.id, id));
  return row!;
}

/** Runs an act inside an outer transaction that is then rolled back, as a failure after the act would. */
async function rolledBack(act: (tx: Database) => Promise<unknown>) {
  const rollback = new Error('rolled back on purpose');
  await expect(
    db.transaction(async (tx) => {
      await act(tx as unknown as Database);
      throw rollback;
    }),
  ).rejects.toBe(rollback);
}

const changes = (maturity: ProfileChanges['maturity']): ProfileChanges => ({
  description: 'Pôle créé par un test.',
  sectors: [],
  maturity,
  foundedYear: null,
  memberCount: null,
  animation: 'none',
  website: null,
  publicContact: null,
});

describe('each audited act writes its typed event, with its data, in its own transaction', () => {
  test('validating a pole: pole.validated', async () => {
    const pole = await createPole(db);
    expect(await validatePole(db, { poleId: pole.id, actorId })).toBe('validated');
    const rows = await auditOf(pole.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'pole.validated', actorId, subjectType: 'pole', subjectId: pole.id, regionCode: '76', reason: null, data: {} });
  });

  test('withdrawing a validation: pole.validation-withdrawn with its reason', async () => {
    const pole = await createPole(db, { verifiedAt: new Date() });
    expect(await unvalidatePole(db, { poleId: pole.id, actorId, reason: 'Pôle en sommeil depuis 2022' })).toBe('unvalidated');
    const rows = await auditOf(pole.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'pole.validation-withdrawn',
      actorId,
      subjectType: 'pole',
      regionCode: '76',
      reason: 'Pôle en sommeil depuis 2022',
      data: {},
    });
  });

  test('changing the maturity of a validated pole: pole.maturity-changed with from and to as data', async () => {
    const pole = await createPole(db, { verifiedAt: new Date(), maturity: 'emerging' });
    expect(await updatePoleProfile(db, { poleId: pole.id, actorId, changes: changes('consolidating'), logo: { kind: 'keep' } })).toEqual({
      maturityChanged: true,
    });
    const rows = await auditOf(pole.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'pole.maturity-changed',
      subjectType: 'pole',
      regionCode: '76',
      reason: null,
      data: { from: 'emerging', to: 'consolidating' },
    });
  });

  test('an act rolled back leaves no audit row, and nothing of the act', async () => {
    const toValidate = await createPole(db);
    await rolledBack((tx) => validatePole(tx, { poleId: toValidate.id, actorId }));
    expect((await poleRow(toValidate.id)).verifiedAt).toBeNull();
    expect(await auditOf(toValidate.id)).toEqual([]);

    const toWithdraw = await createPole(db, { verifiedAt: new Date() });
    await rolledBack((tx) => unvalidatePole(tx, { poleId: toWithdraw.id, actorId, reason: 'Annulé' }));
    expect((await poleRow(toWithdraw.id)).verifiedAt).not.toBeNull();
    expect(await auditOf(toWithdraw.id)).toEqual([]);

    const toMature = await createPole(db, { verifiedAt: new Date(), maturity: 'emerging' });
    await rolledBack((tx) => updatePoleProfile(tx, { poleId: toMature.id, actorId, changes: changes('mature'), logo: { kind: 'keep' } }));
    expect((await poleRow(toMature.id)).maturity).toBe('emerging');
    expect(await auditOf(toMature.id)).toEqual([]);
  });

  test('an audit write that fails undoes the act', async () => {
    const pole = await createPole(db, { verifiedAt: new Date() });
    // The audit row names a region that does not exist: its insert fails, so must the withdrawal.
    await expect(
      db.transaction(async (tx) => {
        await tx.update(poles).set({ verifiedAt: null }).where(eq(poles.id, pole.id));
        await recordAudit(tx, {
          action: 'pole.validation-withdrawn',
          actorId,
          subject: { type: 'pole', id: pole.id },
          regionCode: 'no-such-region',
          reason: 'Essai',
          data: {},
        });
      }),
    ).rejects.toThrow();
    expect((await poleRow(pole.id)).verifiedAt).not.toBeNull();
    expect(await auditOf(pole.id)).toEqual([]);
  });
});

describe('readers take the facts from data, never from the free-text reason', () => {
  test('the coordination page lists maturity changes from their data', async () => {
    const pole = await createPole(db, { verifiedAt: new Date(), regionCode: '76' });
    // A reason that says otherwise is ignored: it is a person's words, not the event's facts.
    await recordAudit(db, {
      action: 'pole.maturity-changed',
      actorId,
      subject: { type: 'pole', id: pole.id },
      regionCode: '76',
      data: { from: 'mature', to: 'emerging' },
      at: new Date(Date.now() + 60_000),
    });
    await db.update(auditLog).set({ reason: 'emerging → mature' }).where(eq(auditLog.subjectId, pole.id));
    const [change] = (await recentMaturityChanges(db, ['76'])).get('76')!;
    expect(change).toMatchObject({ pole: { slug: pole.slug }, from: 'mature', to: 'emerging' });
  });

  test('kinds for the next issues are written with their data', async () => {
    await recordAudit(db, {
      action: 'thread.message-hidden',
      actorId,
      subject: { type: 'message', id: 'message-1' },
      regionCode: '76',
      reason: 'Propos injurieux',
      data: { threadId: 'thread-1', authorId: null },
    });
    const [row] = await auditOf('message-1');
    expect(row).toMatchObject({
      action: 'thread.message-hidden',
      subjectType: 'message',
      reason: 'Propos injurieux',
      data: { threadId: 'thread-1', authorId: null },
    });
  });
});
