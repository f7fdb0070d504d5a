import { and, count, eq, inArray, like } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { decideApplication, type DecisionOutcome } from '#app/models/pole-applications.server';
import { loader as pairingDeskPage } from '#app/routes/coordination._index';
import { action as desk, loader as deskPage } from '#app/routes/coordination.inscriptions';
import { action as invitationAction } from '#app/routes/invitation.$token';
import { action as apply, loader as applyPage } from '#app/routes/inscrire-mon-pole';
import { auditLog, invitations, outbox, poleApplications, poleMemberships, poles, users } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flashOf, inFrench, settle } from '#tests/setup/responses';

/**
 * « Inscrire mon pôle » (issue 12, point 3): anyone applies, the region's coordinators decide.
 * Refusals also check that nothing was written and no mail left.
 */

const { context, services, cookieFor } = await setupTestContext();
const { db } = services;

const userId = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
const [occitanieCoordinator, auraCoordinator, nationalAdmin] = await Promise.all(
  ['coord.occitanie@demo.ptce.fr', 'coord.aura@demo.ptce.fr', 'admin@demo.ptce.fr'].map(userId),
);

let counter = 0;
/** A fresh application form: a new pole name and contact each time, in Occitanie unless told. */
function applicationForm(overrides: Record<string, string> = {}) {
  counter += 1;
  return {
    poleName: `Pôle des Causses numéro ${counter}`,
    town: 'Mende',
    postalCode: '48000',
    regionCode: '76',
    contactName: 'Anne Martin',
    contactEmail: `candidate-${counter}@exemple.fr`,
    description: 'Une coopération de producteurs, d’associations et de collectivités autour de l’alimentation locale.',
    ...overrides,
  };
}

let ipCounter = 0;
/** Each submission from its own address unless told: the limits have their own tests. */
const submit = (form: Record<string, string>, clientIp = `10.9.0.${++ipCounter}`) =>
  settle(apply(routeArgs({ ...context, clientIp }, makeRequest('/inscrire-mon-pole', { form }))));

async function submitted(overrides: Record<string, string> = {}) {
  const form = applicationForm(overrides);
  const outcome = await submit(form);
  expect(outcome.status).toBe(302);
  const id = new URL(outcome.location!, 'http://x').searchParams.get('demande')!;
  return { id, form };
}

const deskAs = async (email: string | null, path = '/coordination/inscriptions') =>
  settle(deskPage(routeArgs(context, makeRequest(path, { cookie: email ? await cookieFor(email) : undefined }))));
const decide = async (email: string, form: Record<string, string>, path = '/coordination/inscriptions') =>
  settle(desk(routeArgs(context, makeRequest(path, { form, cookie: await cookieFor(email) }))));

const mailsTo = (address: string) => db.select().from(outbox).where(eq(outbox.to, address));
const applicationRow = async (id: string) => (await db.select().from(poleApplications).where(eq(poleApplications.id, id)))[0]!;
const polesNamed = (name: string) => db.select().from(poles).where(eq(poles.name, name));

describe('sending an application', () => {
  test('the form offers every region and preselects the one asked for', async () => {
    const page = await settle(applyPage(routeArgs(context, makeRequest('/inscrire-mon-pole?region=84'))));
    expect(page.status).toBe(200);
    expect(page.data.regions).toHaveLength(18);
    expect(page.data.region).toBe('84');
    const unknown = await settle(applyPage(routeArgs(context, makeRequest('/inscrire-mon-pole?region=zz'))));
    expect(unknown.data.region).toBeNull();
  });

  test('a valid application is stored pending, the contact and only the region’s coordinators are mailed, the receipt names the body', async () => {
    const form = applicationForm({ contactEmail: '  Anne.Martin@Exemple.FR ' });
    const outcome = await submit(form);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/inscrire-mon-pole\?demande=[0-9a-f-]{36}$/);
    expect(await flashOf(outcome, context)).toEqual({ message: 'joining.receipt.mailed' });
    const id = new URL(outcome.location!, 'http://x').searchParams.get('demande')!;
    expect(await applicationRow(id)).toMatchObject({ state: 'pending', regionCode: '76', contactEmail: 'anne.martin@exemple.fr', postalCode: '48000' });

    const [acknowledgment] = await mailsTo('anne.martin@exemple.fr');
    expect(acknowledgment!.subject).toBe(`Votre demande d’inscription du pôle « ${form.poleName} » est bien reçue`);
    expect(acknowledgment!.text).toContain('transmise à CRESS Occitanie, coordination régionale de la région Occitanie');
    expect(acknowledgment!.text).toContain(`/inscrire-mon-pole?demande=${id}`);
    const notices = await db
      .select()
      .from(outbox)
      .where(like(outbox.subject, `%${form.poleName}%(%`));
    expect(notices.map((mail) => mail.to)).toEqual(['coord.occitanie@demo.ptce.fr']);
    expect(notices[0]!.text).toContain('/coordination/inscriptions?region=76');
    expect(notices[0]!.text).toContain(form.description);

    const receipt = await settle(applyPage(routeArgs(context, makeRequest(outcome.location!))));
    expect(receipt.data.receipt).toMatchObject({ poleName: form.poleName, state: 'pending', body: { name: 'CRESS Occitanie' } });
    expect((await settle(applyPage(routeArgs(context, makeRequest('/inscrire-mon-pole?demande=pas-un-id'))))).status).toBe(404);
  });

  test('bad input is answered field by field in French, nothing stored, no mail', async () => {
    const form = applicationForm({
      postalCode: '4800',
      contactEmail: 'pas-une-adresse',
      description: 'Court.',
      regionCode: 'zz',
      website: 'javascript:alert(1)',
    });
    const before = await db.select({ total: count() }).from(outbox);
    const outcome = await submit(form);
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error).toMatchObject({
      postalCode: ['joining.errors.postalCodeInvalid'],
      contactEmail: ['joining.errors.emailInvalid'],
      description: ['joining.errors.descriptionTooShort'],
      regionCode: ['joining.errors.regionRequired'],
      website: ['joining.errors.websiteInvalid'],
    });
    expect(inFrench('joining.errors.postalCodeInvalid')).toBe('Saisissez un code postal français à 5 chiffres, par exemple 46100.');
    expect(await polesNamed(form.poleName)).toEqual([]);
    expect(await db.select().from(poleApplications).where(eq(poleApplications.poleName, form.poleName))).toEqual([]);
    expect(await db.select({ total: count() }).from(outbox)).toEqual(before);
  });

  test('the same pole from the same contact while the first waits: a clear message, not an error', async () => {
    const { form } = await submitted();
    const again = await submit({ ...form, poleName: form.poleName.toUpperCase(), contactEmail: form.contactEmail.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.data.result.error['']).toEqual(['joining.errors.duplicate']);
    expect(await mailsTo(form.contactEmail)).toHaveLength(1);
    // Sent at the same moment, the unique index settles it: one stored, the other told.
    const twin = applicationForm();
    const both = await Promise.all([submit(twin), submit(twin)]);
    expect(both.map((outcome) => outcome.status).sort()).toEqual([302, 409]);
    expect(await db.select().from(poleApplications).where(eq(poleApplications.contactEmail, twin.contactEmail))).toHaveLength(1);
  });

  test('a filled honeypot stores and mails nothing', async () => {
    const form = applicationForm({ nickname: 'robot' });
    const outcome = await submit(form);
    expect(outcome.status).toBe(400);
    expect(await mailsTo(form.contactEmail)).toEqual([]);
    expect(await db.select().from(poleApplications).where(eq(poleApplications.contactEmail, form.contactEmail))).toEqual([]);
  });

  test('rate limited per address (5 an hour) and per contact (3 a day), with Retry-After; a refused attempt stores nothing', async () => {
    const address = '10.77.0.1';
    for (let index = 0; index < 5; index += 1) expect((await submit(applicationForm(), address)).status).toBe(302);
    const refused = applicationForm();
    const limited = await submit(refused, address);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(limited.data.result.error[''][0]).toMatch(/^Trop de demandes envoyées pour le moment\. Réessayez dans \d+ minutes?\.$/);
    expect(await db.select().from(poleApplications).where(eq(poleApplications.contactEmail, refused.contactEmail))).toEqual([]);

    const contact = 'souvent@exemple.fr';
    for (let index = 0; index < 3; index += 1) expect((await submit(applicationForm({ contactEmail: contact }))).status).toBe(302);
    expect((await submit(applicationForm({ contactEmail: contact }))).status).toBe(429);
    expect(await mailsTo(contact)).toHaveLength(3);
  });
});

describe('the desk', () => {
  test('an application lands on its region’s desk, not on another region’s; the national admin sees every region', async () => {
    const occitan = await submitted();
    const auvergnat = await submitted({ regionCode: '84', town: 'Nyons', postalCode: '26110' });
    const ids = (outcome: Awaited<ReturnType<typeof deskAs>>) => outcome.data.pending.map((item: { id: string }) => item.id);

    const occitanie = await deskAs('coord.occitanie@demo.ptce.fr');
    expect(ids(occitanie)).toContain(occitan.id);
    expect(ids(occitanie)).not.toContain(auvergnat.id);
    expect(occitanie.data.regions.map((region: { code: string }) => region.code)).toEqual(['76']);
    expect((await deskAs('coord.occitanie@demo.ptce.fr', '/coordination/inscriptions?region=84')).status).toBe(404);
    expect(ids(await deskAs('coord.aura@demo.ptce.fr'))).toContain(auvergnat.id);

    const national = await deskAs('admin@demo.ptce.fr');
    expect(ids(national)).toEqual(expect.arrayContaining([occitan.id, auvergnat.id]));
    const onlyAura = await deskAs('admin@demo.ptce.fr', '/coordination/inscriptions?region=84');
    expect(ids(onlyAura)).toContain(auvergnat.id);
    expect(ids(onlyAura)).not.toContain(occitan.id);

    // The pairing desk links to them with the region's count.
    const pairingDesk = await settle(
      pairingDeskPage(routeArgs(context, makeRequest('/coordination', { cookie: await cookieFor('coord.occitanie@demo.ptce.fr') }))),
    );
    expect(pairingDesk.data.content.applications).toBe(ids(occitanie).length);
  });

  test('people who do not coordinate get the 404 of a missing page; a visitor is sent to sign in', async () => {
    for (const email of ['membre@demo.ptce.fr', 'observateur@demo.ptce.fr', 'figeacteurs@demo.ptce.fr']) {
      expect((await deskAs(email)).status, email).toBe(404);
    }
    const visitor = await deskAs(null);
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/connexion/);
  });

  test('deciding is refused to a member, an observer and another region’s coordinator: nothing written, no mail', async () => {
    const { id, form } = await submitted({ regionCode: '84', town: 'Nyons', postalCode: '26110' });
    const mailsBefore = (await mailsTo(form.contactEmail)).length;
    for (const email of ['membre@demo.ptce.fr', 'observateur@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr']) {
      expect((await decide(email, { intent: 'accept', applicationId: id, target: 'new' })).status, email).toBe(404);
      expect((await decide(email, { intent: 'decline', applicationId: id, reason: 'Hors de notre région.' })).status, email).toBe(404);
    }
    expect(await applicationRow(id)).toMatchObject({ state: 'pending', decidedAt: null, poleId: null });
    expect(await polesNamed(form.poleName)).toEqual([]);
    expect(await mailsTo(form.contactEmail)).toHaveLength(mailsBefore);
    expect(await db.select().from(auditLog).where(eq(auditLog.subjectId, id))).toEqual([]);
  });
});

describe('accepting', () => {
  test('creates the validated pole, invites the contact as its admin, logs it; the invitation link works', async () => {
    const { id, form } = await submitted({ poleName: 'Coopérative du Gévaudan', town: 'Marvejols', postalCode: '48100' });
    const outcome = await decide('coord.occitanie@demo.ptce.fr', { intent: 'accept', applicationId: id, target: 'new' });
    expect(outcome).toMatchObject({ status: 302, location: '/coordination/inscriptions' });
    expect(await flashOf(outcome, context)).toEqual({ message: 'joining.desk.notices.accepted', values: { name: 'Coopérative du Gévaudan' } });

    const [pole] = await polesNamed('Coopérative du Gévaudan');
    expect(pole).toMatchObject({
      slug: 'cooperative-du-gevaudan',
      town: 'Marvejols',
      departmentCode: '48',
      regionCode: '76',
      latitude: 43.7,
      longitude: 2.14,
      status: 'active',
      maturity: 'emerging',
      description: form.description,
      verifiedById: occitanieCoordinator,
    });
    expect(pole!.verifiedAt).not.toBeNull();
    const application = await applicationRow(id);
    expect(application).toMatchObject({ state: 'accepted', decidedById: occitanieCoordinator, poleId: pole!.id });
    const [invitation] = await db.select().from(invitations).where(eq(invitations.id, application.invitationId!));
    expect(invitation).toMatchObject({ email: form.contactEmail, role: 'pole_admin', poleId: pole!.id, invitedById: occitanieCoordinator });
    const audit = await db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.subjectId, [id, pole!.id]));
    expect(audit.map((row) => [row.action, row.actorId, row.regionCode, row.data])).toEqual(
      expect.arrayContaining([
        ['pole-application.accepted', occitanieCoordinator, '76', { poleId: pole!.id, created: true, invitationId: invitation!.id }],
        ['pole.validated', occitanieCoordinator, '76', {}],
      ]),
    );

    // The invitation mail is in the outbox, as every invitation's; its link makes the contact the pole's admin.
    const mail = (await mailsTo(form.contactEmail)).find((item) => item.subject.includes('vous invite'));
    expect(mail!.text).toContain('vous invite à animer le pôle « Coopérative du Gévaudan »');
    const token = mail!.text.match(/\/invitation\/([A-Za-z0-9_-]+)/)![1]!;
    const accepted = await settle(
      invitationAction(
        routeArgs(
          { ...context, clientIp: '10.8.0.1' },
          makeRequest(`/invitation/${token}`, {
            form: { intent: 'create-account', name: 'Anne Martin', password: 'mot de passe choisi', confirmPassword: 'mot de passe choisi' },
          }),
          { token },
        ),
      ),
    );
    expect(accepted).toMatchObject({ status: 302, location: '/poles/cooperative-du-gevaudan' });
    const [membership] = await db
      .select({ role: poleMemberships.role })
      .from(poleMemberships)
      .innerJoin(users, eq(users.id, poleMemberships.userId))
      .where(and(eq(users.email, form.contactEmail), eq(poleMemberships.poleId, pole!.id)));
    expect(membership).toEqual({ role: 'admin' });

    // Decided once: a second answer is told so.
    const again = await decide('coord.occitanie@demo.ptce.fr', { intent: 'decline', applicationId: id, reason: 'Trop tard.' });
    expect(again.status).toBe(409);
    expect(again.data.result.error['']).toEqual(['joining.errors.alreadyDecided']);
  });

  test('a second pole of the same name gets the next free slug', async () => {
    const first = await submitted({ poleName: 'Pôle Lozère Solidaire' });
    const second = await submitted({ poleName: 'Pôle Lozère Solidaire' });
    for (const { id } of [first, second]) expect((await decide('admin@demo.ptce.fr', { intent: 'accept', applicationId: id, target: 'new' })).status).toBe(302);
    expect((await polesNamed('Pôle Lozère Solidaire')).map((pole) => pole.slug).sort()).toEqual(['pole-lozere-solidaire', 'pole-lozere-solidaire-2']);
  });

  test('an application for a pole already in the directory can be attached to it, which validates it; not to another region’s pole', async () => {
    const [unverified] = await db
      .select()
      .from(poles)
      .where(and(eq(poles.regionCode, '76'), eq(poles.fictional, false), eq(poles.maturity, 'consolidating')));
    await db.update(poles).set({ verifiedAt: null, verifiedById: null }).where(eq(poles.id, unverified!.id));
    const { id, form } = await submitted({ poleName: unverified!.name, town: unverified!.town, postalCode: `${unverified!.departmentCode}000` });
    const page = await deskAs('coord.occitanie@demo.ptce.fr');
    const item = page.data.pending.find((application: { id: string }) => application.id === id);
    expect(item.lookalikes.map((pole: { id: string }) => pole.id)).toContain(unverified!.id);

    const [elsewhere] = await db.select().from(poles).where(eq(poles.regionCode, '84'));
    const wrong = await decide('coord.occitanie@demo.ptce.fr', { intent: 'accept', applicationId: id, target: elsewhere!.id });
    expect(wrong.status).toBe(400);
    expect(wrong.data.result.error['']).toEqual(['joining.errors.unknownPole']);
    expect((await applicationRow(id)).state).toBe('pending');

    const polesBefore = await db.select({ total: count() }).from(poles);
    expect((await decide('coord.occitanie@demo.ptce.fr', { intent: 'accept', applicationId: id, target: unverified!.id })).status).toBe(302);
    expect(await db.select({ total: count() }).from(poles)).toEqual(polesBefore);
    const [claimed] = await db.select().from(poles).where(eq(poles.id, unverified!.id));
    expect(claimed).toMatchObject({ verifiedById: occitanieCoordinator });
    const application = await applicationRow(id);
    expect(application).toMatchObject({ state: 'accepted', poleId: unverified!.id });
    const [invitation] = await db.select().from(invitations).where(eq(invitations.id, application.invitationId!));
    expect(invitation).toMatchObject({ email: form.contactEmail, role: 'pole_admin', poleId: unverified!.id });
  });

  // On PostgreSQL (TEST_DATABASE_URL) the transactions overlap on a pool of connections and queue on
  // the application's row lock; on PGlite they run one after the other.
  test('coordinators accepting at once: one pole, one invitation, the others told it was decided', async () => {
    const { id, form } = await submitted({ poleName: 'Pôle des Deux Mains' });
    const attempts = 8;
    const outcomes = await Promise.all(
      Array.from({ length: attempts }, (_, index) =>
        decideApplication(services, {
          applicationId: id,
          actorId: index % 2 === 0 ? occitanieCoordinator! : nationalAdmin!,
          decision: 'accept',
          target: 'new',
          appUrl: context.env.appUrl,
        }),
      ),
    );
    const statuses = outcomes.map((outcome: DecisionOutcome) => outcome.status);
    expect(statuses.filter((status) => status === 'accepted')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'already-decided')).toHaveLength(attempts - 1);
    expect(await polesNamed('Pôle des Deux Mains')).toHaveLength(1);
    expect(await db.select().from(invitations).where(eq(invitations.email, form.contactEmail))).toHaveLength(1);
    expect((await mailsTo(form.contactEmail)).filter((mail) => mail.subject.includes('vous invite'))).toHaveLength(1);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'pole-application.accepted'))),
    ).toHaveLength(1);

    // Attaching to a pole of the directory creates no slug to collide on: only the lock keeps it single.
    const [existing] = await db
      .select()
      .from(poles)
      .where(and(eq(poles.regionCode, '76'), eq(poles.maturity, 'mature')));
    const claim = await submitted({ poleName: existing!.name });
    const claims = await Promise.all(
      Array.from({ length: attempts }, (_, index) =>
        decideApplication(services, {
          applicationId: claim.id,
          actorId: index % 2 === 0 ? occitanieCoordinator! : nationalAdmin!,
          decision: 'accept',
          target: existing!.id,
          appUrl: context.env.appUrl,
        }),
      ),
    );
    expect(claims.filter((outcome) => outcome.status === 'accepted')).toHaveLength(1);
    expect(await db.select().from(invitations).where(eq(invitations.email, claim.form.contactEmail))).toHaveLength(1);
    expect(await db.select().from(auditLog).where(eq(auditLog.subjectId, claim.id))).toHaveLength(1);

    // And through the desk's action: two posts at once, one 302 and one 409.
    const next = await submitted({ poleName: 'Pôle des Quatre Mains' });
    const posts = await Promise.all(
      ['coord.occitanie@demo.ptce.fr', 'admin@demo.ptce.fr'].map((email) => decide(email, { intent: 'accept', applicationId: next.id, target: 'new' })),
    );
    expect(posts.map((outcome) => outcome.status).sort()).toEqual([302, 409]);
    expect(await polesNamed('Pôle des Quatre Mains')).toHaveLength(1);
  });
});

describe('declining', () => {
  test('a reason is required; the contact is mailed it and the audit log keeps it', async () => {
    const { id, form } = await submitted({ regionCode: '84', town: 'Nyons', postalCode: '26110' });
    const missing = await decide('coord.aura@demo.ptce.fr', { intent: 'decline', applicationId: id });
    expect(missing.status).toBe(400);
    expect(missing.data.result.error.reason).toEqual(['joining.errors.reasonRequired']);
    expect((await applicationRow(id)).state).toBe('pending');

    const reason = 'Ce projet relève d’une seule association : revenez quand la coopération aura d’autres membres.';
    const outcome = await decide('coord.aura@demo.ptce.fr', { intent: 'decline', applicationId: id, reason });
    expect(outcome.status).toBe(302);
    expect(await flashOf(outcome, context)).toEqual({ message: 'joining.desk.notices.declined', values: { name: form.poleName } });
    expect(await applicationRow(id)).toMatchObject({ state: 'declined', decisionNote: reason, decidedById: auraCoordinator, poleId: null, invitationId: null });
    const mail = (await mailsTo(form.contactEmail)).find((item) => item.subject === `Votre demande d’inscription du pôle « ${form.poleName} »`);
    expect(mail!.text).toContain(`« ${reason} »`);
    expect(mail!.text).toContain('n’a pas été retenue par CRESS Auvergne-Rhône-Alpes');
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(audit).toMatchObject({ action: 'pole-application.declined', actorId: auraCoordinator, regionCode: '84', reason });
    expect(await polesNamed(form.poleName)).toEqual([]);
    expect(await db.select().from(invitations).where(eq(invitations.email, form.contactEmail))).toEqual([]);
    // Declined, the same pole may be sent again.
    expect((await submit({ ...form })).status).toBe(302);
  });
});
