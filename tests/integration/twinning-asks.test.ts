import { and, eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { askTwinningPath, deskPath, polePath } from '#app/domain/paths';
import { proposalExpiry } from '#app/domain/pairing/lifecycle';
import { createTwinningAsk } from '#app/models/twinning-asks.server';
import { action, loader } from '#app/routes/jumelages.demander';
import { loader as conversationLoader } from '#app/routes/conversations.$id';
import { loader as poleLoader } from '#app/routes/poles.$slug';
import { auditLog, outbox, poles, threads, twinningAsks, twinnings, users } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext, testOrigin } from '#tests/setup/context';
import { flashOf, inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const emergent = 'emergent@demo.ptce.fr';
const message = 'Nous voudrions apprendre comment Figeacteurs a monté sa coopérative de territoire.';

async function poleBySlug(slug: string) {
  const [row] = await db.select().from(poles).where(eq(poles.slug, slug));
  return row!;
}

async function userId(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

async function visit(slug: string, email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return settle(loader(routeArgs(context, makeRequest(askTwinningPath(slug), { cookie }))));
}

async function ask(slug: string, form: Record<string, string>, email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return settle(action(routeArgs(context, makeRequest(askTwinningPath(slug), { form, cookie }))));
}

async function mailsTo(email: string) {
  return db.select().from(outbox).where(eq(outbox.to, email));
}

async function asksBetween(poleIds: string[]) {
  return db
    .select()
    .from(twinningAsks)
    .where(and(inArray(twinningAsks.mentorPoleId, poleIds), inArray(twinningAsks.menteePoleId, poleIds)));
}

/** A validated pole of `regionCode` and its admin, who may ask. */
async function poleWithAdmin(regionCode: string, options: { verified?: boolean; maturity?: 'emerging' | 'mature' } = {}) {
  const pole = await createPole(db, {
    regionCode,
    maturity: options.maturity ?? 'emerging',
    verifiedAt: options.verified === false ? null : new Date(),
  });
  const email = `admin-${pole.slug}@example.org`;
  const admin = await createUser(db, { email, name: `Admin ${pole.name}`, password: 'a long enough password' });
  await addMembership(db, { userId: admin.id, poleId: pole.id, role: 'admin' });
  return { pole, email };
}

beforeEach(async () => {
  await db.delete(outbox);
  services.jobs.unsent.splice(0);
});

describe('the ask page', () => {
  test('the demo emerging pole sees that Figeacteurs would mentor it, and that the Occitanie coordination receives the ask', async () => {
    const page = await visit('figeacteurs', emergent);
    expect(page.status).toBe(200);
    const causses = await poleBySlug('causses-cevennes-demo');
    expect(page.data.blocked).toBeNull();
    expect(page.data.poles).toEqual([{ id: causses.id, name: causses.name }]);
    expect(page.data.plans).toHaveLength(1);
    expect(page.data.plans[0]).toMatchObject({ mentorName: 'Figeacteurs', menteeName: causses.name, informed: null });
    expect(page.data.plans[0].desk.region.name).toBe('Occitanie');
    expect(page.data.plans[0].desk.bodyName).toEqual(expect.any(String));
  });

  test('a visitor is sent to sign in', async () => {
    const page = await visit('figeacteurs');
    expect(page.status).toBe(302);
    expect(page.location).toMatch(/^\/connexion\?redirectTo=/);
    const posted = await ask('figeacteurs', { fromPoleId: (await poleBySlug('causses-cevennes-demo')).id, message });
    expect(posted.status).toBe(302);
    expect(posted.location).toMatch(/^\/connexion/);
  });

  test('an unknown pole is not found', async () => {
    expect((await visit('pas-un-pole', emergent)).status).toBe(404);
    expect((await settle(loader(routeArgs(context, makeRequest('/jumelages/demander', { cookie: await cookieFor(emergent) }))))).status).toBe(404);
    expect((await ask('pas-un-pole', { fromPoleId: (await poleBySlug('causses-cevennes-demo')).id, message }, emergent)).status).toBe(404);
  });

  test('on its own pole, a pole admin is told a pole cannot ask for itself; an unvalidated pole is told to be validated first', async () => {
    const own = await visit('figeacteurs', 'figeacteurs@demo.ptce.fr');
    expect(own.data).toMatchObject({ blocked: 'ownPole', poles: [], plans: [] });
    const { email } = await poleWithAdmin('76', { verified: false });
    const unvalidated = await visit('figeacteurs', email);
    expect(unvalidated.data).toMatchObject({ blocked: 'notVerified', poles: [] });
    const coordinator = await visit('figeacteurs', 'coord.occitanie@demo.ptce.fr');
    expect(coordinator.data).toMatchObject({ blocked: 'noPole' });
  });

  test('the pole page links to the ask for a person of another pole, not for the pole’s own people nor visitors', async () => {
    const page = async (email?: string) =>
      (
        await poleLoader(
          routeArgs(context, makeRequest(polePath('figeacteurs'), { cookie: email ? await cookieFor(email) : undefined }), { slug: 'figeacteurs' }),
        )
      ).canAskTwinning;
    expect(await page(emergent)).toBe(true);
    expect(await page('figeacteurs@demo.ptce.fr')).toBe(false);
    expect(await page('membre@demo.ptce.fr')).toBe(false);
    expect(await page()).toBe(false);
  });

  test('a conversation’s page links to an ask with the other pole of the conversation', async () => {
    const [causses, figeacteurs] = await Promise.all([poleBySlug('causses-cevennes-demo'), poleBySlug('figeacteurs')]);
    const [thread] = await db
      .insert(threads)
      .values({ subjectType: 'request', initiatorPoleId: causses.id, recipientPoleId: figeacteurs.id, title: 'Entre deux pôles' })
      .returning({ id: threads.id });
    const page = async (email: string) =>
      (await conversationLoader(routeArgs(context, makeRequest(`/conversations/${thread!.id}`, { cookie: await cookieFor(email) }), { id: thread!.id })))
        .askWith;
    expect(await page(emergent)).toEqual({ name: 'Figeacteurs', slug: 'figeacteurs' });
    expect(await page('membre@demo.ptce.fr')).toEqual({ name: causses.name, slug: causses.slug });
  });
});

describe('asking', () => {
  test('the demo emerging pole asks Figeacteurs: the ask, its audit row, and a mail to the Occitanie coordinator', async () => {
    const [causses, figeacteurs] = await Promise.all([poleBySlug('causses-cevennes-demo'), poleBySlug('figeacteurs')]);
    const outcome = await ask('figeacteurs', { fromPoleId: causses.id, message }, emergent);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(polePath('figeacteurs'));
    expect(await flashOf(outcome, context)).toEqual({ message: 'followUp.notices.asked', values: { pole: 'Figeacteurs' } });

    const asks = await asksBetween([causses.id, figeacteurs.id]);
    expect(asks).toHaveLength(1);
    const saved = asks[0]!;
    expect(saved).toMatchObject({
      fromPoleId: causses.id,
      mentorPoleId: figeacteurs.id,
      menteePoleId: causses.id,
      regionCode: '76',
      message,
      state: 'open',
      createdById: await userId(emergent),
    });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'twinning-ask'), eq(auditLog.subjectId, saved.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'twinning.asked',
      actorId: await userId(emergent),
      regionCode: '76',
      data: { fromPoleId: causses.id, mentorPoleId: figeacteurs.id, menteePoleId: causses.id },
    });

    const mails = await mailsTo('coord.occitanie@demo.ptce.fr');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Demande de jumelage : ${causses.name} et Figeacteurs`);
    expect(mails[0]!.text).toContain(message);
    expect(mails[0]!.text).toContain(new URL(deskPath('76'), testOrigin).href);
    // Same region: nobody else is told.
    expect(await mailsTo('coord.aura@demo.ptce.fr')).toHaveLength(0);
    expect(await db.select().from(outbox)).toHaveLength(1);

    // Asking twice: a message beside the form, nothing written, nothing sent.
    await db.delete(outbox);
    const again = await ask('figeacteurs', { fromPoleId: causses.id, message }, emergent);
    expect(again.status).toBe(409);
    expect(again.data.result.error['']).toEqual(['followUp.errors.alreadyAsked']);
    expect(inFrench('followUp.errors.alreadyAsked')).toMatch(/attend déjà/);
    expect(await asksBetween([causses.id, figeacteurs.id])).toHaveLength(1);
    expect(await db.select().from(outbox)).toHaveLength(0);
  });

  test('two asks at once: the unique index lets one through, the other is told, never a 500', async () => {
    const { pole } = await poleWithAdmin('76');
    const figeacteurs = await poleBySlug('figeacteurs');
    const actorId = await userId(emergent);
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        createTwinningAsk(services, { actorId, fromPoleId: pole.id, withPoleId: figeacteurs.id, message, appUrl: services.env.appUrl }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'asked')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'already-asked')).toHaveLength(3);
    expect(await asksBetween([pole.id, figeacteurs.id])).toHaveLength(1);
    expect(await mailsTo('coord.occitanie@demo.ptce.fr')).toHaveLength(1);
  });

  test('a pole of another region asks Figeacteurs: the ask lands on its own region’s desk, and Occitanie is told', async () => {
    const { pole, email } = await poleWithAdmin('84');
    const figeacteurs = await poleBySlug('figeacteurs');
    const page = await visit('figeacteurs', email);
    expect(page.data.plans[0].desk.region.name).toBe('Auvergne-Rhône-Alpes');
    expect(page.data.plans[0].informed.region.name).toBe('Occitanie');

    const outcome = await ask('figeacteurs', { fromPoleId: pole.id, message }, email);
    expect(outcome.status).toBe(302);
    const [saved] = await asksBetween([pole.id, figeacteurs.id]);
    expect(saved).toMatchObject({ mentorPoleId: figeacteurs.id, menteePoleId: pole.id, regionCode: '84' });

    const desk = await mailsTo('coord.aura@demo.ptce.fr');
    expect(desk).toHaveLength(1);
    expect(desk[0]!.subject).toBe(`Demande de jumelage : ${pole.name} et Figeacteurs`);
    expect(desk[0]!.text).toContain(new URL(deskPath('84'), testOrigin).href);
    const informed = await mailsTo('coord.occitanie@demo.ptce.fr');
    expect(informed).toHaveLength(1);
    expect(informed[0]!.subject).toBe(`Pour information : demande de jumelage entre ${pole.name} et Figeacteurs`);
    expect(informed[0]!.text).toContain('Auvergne-Rhône-Alpes');
    expect(informed[0]!.text).toContain(new URL(polePath(pole.slug), testOrigin).href);
  });

  test('each coordinator reads the mail in their own language', async () => {
    const { pole, email } = await poleWithAdmin('76');
    await db.update(users).set({ language: 'en' }).where(eq(users.email, 'coord.occitanie@demo.ptce.fr'));
    try {
      expect((await ask('figeacteurs', { fromPoleId: pole.id, message }, email)).status).toBe(302);
    } finally {
      await db.update(users).set({ language: 'fr' }).where(eq(users.email, 'coord.occitanie@demo.ptce.fr'));
    }
    const [mail] = await mailsTo('coord.occitanie@demo.ptce.fr');
    expect(mail!.subject).toBe(`Twinning ask: ${pole.name} and Figeacteurs`);
    expect(mail!.text).toContain('Hello ');
    expect(mail!.html).toContain('lang="en"');
  });

  test('a pair with a proposed twinning is already paired: nothing is written', async () => {
    const { pole, email } = await poleWithAdmin('76');
    const figeacteurs = await poleBySlug('figeacteurs');
    const proposedAt = new Date();
    const [twinning] = await db
      .insert(twinnings)
      .values({ mentorPoleId: figeacteurs.id, menteePoleId: pole.id, regionCode: '76', proposedAt, expiresAt: proposalExpiry(proposedAt) })
      .returning({ id: twinnings.id });
    const outcome = await ask('figeacteurs', { fromPoleId: pole.id, message }, email);
    expect(outcome.status).toBe(409);
    expect(outcome.data).toMatchObject({ pairedTwinningId: twinning!.id, result: { error: { '': ['followUp.errors.alreadyPaired'] } } });
    expect(await asksBetween([pole.id, figeacteurs.id])).toHaveLength(0);
    expect(await db.select().from(outbox)).toHaveLength(0);
  });

  test('asking for its own pole, or from an unvalidated pole, or from a pole one is not in, is refused with nothing written', async () => {
    const figeacteurs = await poleBySlug('figeacteurs');
    const causses = await poleBySlug('causses-cevennes-demo');
    const asksBefore = (await db.select().from(twinningAsks)).length;
    const own = await ask('figeacteurs', { fromPoleId: figeacteurs.id, message }, 'figeacteurs@demo.ptce.fr');
    expect(own.status).toBe(404);
    const { pole, email } = await poleWithAdmin('76', { verified: false });
    const unvalidated = await ask('figeacteurs', { fromPoleId: pole.id, message }, email);
    expect(unvalidated.status).toBe(404);
    const notMine = await ask('figeacteurs', { fromPoleId: causses.id, message }, 'membre@demo.ptce.fr');
    expect(notMine.status).toBe(404);
    expect(await db.select().from(twinningAsks)).toHaveLength(asksBefore);
    expect(await db.select().from(outbox)).toHaveLength(0);
  });

  test('bad input is a 400 with the French message beside the field', async () => {
    const causses = await poleBySlug('causses-cevennes-demo');
    const short = await ask('figeacteurs', { fromPoleId: causses.id, message: 'Court' }, emergent);
    expect(short.status).toBe(400);
    expect(short.data.result.error.message).toEqual(['pairing.errors.askMessageTooShort']);
    expect(inFrench('pairing.errors.askMessageTooShort')).toBe('Le message doit contenir au moins 10 caractères.');

    const missing = await ask('figeacteurs', { fromPoleId: causses.id }, emergent);
    expect(missing.status).toBe(400);
    expect(missing.data.result.error.message).toEqual(['pairing.errors.askMessageRequired']);

    const notUuid = await ask('figeacteurs', { fromPoleId: 'pas-un-uuid', message }, emergent);
    expect(notUuid.status).toBe(400);
    expect(notUuid.data.result.error.fromPoleId).toEqual(['pairing.errors.unknownPole']);

    const unknown = await ask('figeacteurs', { fromPoleId: '00000000-0000-4000-8000-000000000000', message }, emergent);
    expect(unknown.status).toBe(400);
    expect(unknown.data.result.error.fromPoleId).toEqual(['pairing.errors.unknownPole']);
    expect(inFrench('pairing.errors.unknownPole')).toBe('Ce pôle est introuvable.');

    expect(await db.select().from(outbox)).toHaveLength(0);
  });
});
