import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { proposalExpiry } from '#app/domain/pairing/lifecycle';
import { deskPath, requestPath, twinningPath } from '#app/domain/paths';
import { pairingFollowUpJob } from '#app/jobs/pairing.server';
import { closeUnpairedRequests, expireProposals } from '#app/models/pairing-follow-up.server';
import { action, loader } from '#app/routes/coordination_.demandes.$id.rouvrir';
import { auditLog, outbox, poles, requests, twinnings, users } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext, testOrigin } from '#tests/setup/context';
import { flashOf, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const dayMs = 24 * 60 * 60 * 1000;
const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * dayMs);
const monthsAgo = (months: number, extraDays = 0) => {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months);
  return new Date(date.getTime() - extraDays * dayMs);
};
const url = (path: string) => new URL(path, testOrigin).href;

async function poleWithAdmin(regionCode = '76') {
  const pole = await createPole(db, { regionCode, verifiedAt: new Date() });
  const email = `admin-${pole.slug}@example.org`;
  const admin = await createUser(db, { email, name: `Admin ${pole.name}`, password: 'a long enough password' });
  await addMembership(db, { userId: admin.id, poleId: pole.id, role: 'admin' });
  return { pole, email, adminId: admin.id };
}

async function figeacteurs() {
  const [row] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
  return row!;
}

async function proposeDirectly(input: { mentorPoleId: string; menteePoleId: string; proposedAt: Date; requestId?: string }) {
  const [row] = await db
    .insert(twinnings)
    .values({ ...input, regionCode: '76', expiresAt: proposalExpiry(input.proposedAt) })
    .returning();
  return row!;
}

async function openRequest(poleId: string, openedAt: Date, title = `Besoin ouvert le ${openedAt.toISOString()}`) {
  const [row] = await db
    .insert(requests)
    .values({ poleId, title, context: 'Un besoin de test.', preferredFormats: ['twinning'], openedAt, createdAt: openedAt, updatedAt: openedAt })
    .returning();
  return row!;
}

async function twinningRow(id: string) {
  const [row] = await db.select().from(twinnings).where(eq(twinnings.id, id));
  return row!;
}

async function requestRow(id: string) {
  const [row] = await db.select().from(requests).where(eq(requests.id, id));
  return row!;
}

async function auditOf(type: 'twinning' | 'request', id: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, type), eq(auditLog.subjectId, id)));
}

const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.to, email));
const allMails = () => db.select().from(outbox);

beforeEach(async () => {
  await db.delete(outbox);
  services.jobs.unsent.splice(0);
});

describe('proposals left unanswered', () => {
  test('a proposal 29 days old stays; at 31 days it expires, once, with its audit row and a notice to both poles and the coordinator', async () => {
    const mentor = await figeacteurs();
    const { pole: mentee, email } = await poleWithAdmin();
    const proposedAt = new Date(Date.now() - 31 * dayMs - 60 * 60 * 1000);
    const twinning = await proposeDirectly({ mentorPoleId: mentor.id, menteePoleId: mentee.id, proposedAt });

    await expireProposals(services, daysAfter(proposedAt, 29));
    expect((await twinningRow(twinning.id)).state).toBe('proposed');
    expect(await auditOf('twinning', twinning.id)).toHaveLength(0);
    expect(await allMails()).toHaveLength(0);

    const now = daysAfter(proposedAt, 31);
    expect(await expireProposals(services, now)).toBeGreaterThanOrEqual(1);
    const expired = await twinningRow(twinning.id);
    expect(expired.state).toBe('expired');
    expect(expired.endedAt).toEqual(now);
    const audit = await auditOf('twinning', twinning.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'twinning.expired', actorId: null, regionCode: '76', data: {} });

    for (const to of ['figeacteurs@demo.ptce.fr', email, 'coord.occitanie@demo.ptce.fr']) {
      const mails = await mailsTo(to);
      expect(mails, to).toHaveLength(1);
      expect(mails[0]!.subject).toBe(`Proposition de jumelage expirée : ${mentee.name} et Figeacteurs`);
      expect(mails[0]!.text).toContain(url(twinningPath(twinning.id)));
      expect(mails[0]!.text).toContain('30 jours');
    }
    expect(await mailsTo('membre@demo.ptce.fr')).toHaveLength(0);
    expect(await mailsTo('coord.aura@demo.ptce.fr')).toHaveLength(0);

    // A second run, or a later one, changes nothing and sends nothing.
    const sent = (await allMails()).length;
    expect(await expireProposals(services, now)).toBe(0);
    expect(await expireProposals(services, daysAfter(now, 1))).toBe(0);
    expect(await auditOf('twinning', twinning.id)).toHaveLength(1);
    expect(await allMails()).toHaveLength(sent);
  });

  test('two runners at once expire a proposal once: one audit row, one notice each', async () => {
    const mentor = await figeacteurs();
    const { pole: mentee, email } = await poleWithAdmin();
    const twinning = await proposeDirectly({ mentorPoleId: mentor.id, menteePoleId: mentee.id, proposedAt: new Date(Date.now() - 35 * dayMs) });
    const counts = await Promise.all([expireProposals(services), expireProposals(services), expireProposals(services)]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(1);
    expect((await twinningRow(twinning.id)).state).toBe('expired');
    expect(await auditOf('twinning', twinning.id)).toHaveLength(1);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  test('an active twinning never expires', async () => {
    const mentor = await figeacteurs();
    const { pole: mentee } = await poleWithAdmin();
    const proposedAt = new Date(Date.now() - 60 * dayMs);
    const twinning = await proposeDirectly({ mentorPoleId: mentor.id, menteePoleId: mentee.id, proposedAt });
    await db.update(twinnings).set({ state: 'active', activatedAt: proposedAt }).where(eq(twinnings.id, twinning.id));
    await expireProposals(services);
    expect((await twinningRow(twinning.id)).state).toBe('active');
    expect(await auditOf('twinning', twinning.id)).toHaveLength(0);
  });
});

describe('requests left unpaired', () => {
  test('closed after 6 months without a twinning; not with a proposed twinning, nor at 5 months; once only', async () => {
    const { pole, email } = await poleWithAdmin();
    const mentor = await figeacteurs();
    const old = await openRequest(pole.id, monthsAgo(6, 1), 'Structurer notre gouvernance');
    const answered = await openRequest(pole.id, monthsAgo(6, 1));
    await proposeDirectly({ mentorPoleId: mentor.id, menteePoleId: pole.id, proposedAt: new Date(), requestId: answered.id });
    const recent = await openRequest(pole.id, monthsAgo(5));

    expect(await closeUnpairedRequests(services)).toBeGreaterThanOrEqual(1);
    const closed = await requestRow(old.id);
    expect(closed.state).toBe('closed');
    expect(closed.autoClosedAt).toBeInstanceOf(Date);
    expect(closed.updatedAt.getTime()).toBe(closed.autoClosedAt!.getTime());
    expect((await requestRow(answered.id)).state).toBe('open');
    expect((await requestRow(recent.id)).state).toBe('open');

    const audit = await auditOf('request', old.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'request.closed-unpaired', actorId: null, regionCode: '76', data: { openedAt: old.openedAt.toISOString() } });
    expect(await auditOf('request', answered.id)).toHaveLength(0);
    expect(await auditOf('request', recent.id)).toHaveLength(0);

    const [toPole] = await mailsTo(email);
    expect(toPole!.subject).toBe('Votre demande « Structurer notre gouvernance » a été fermée');
    expect(toPole!.text).toContain(url(requestPath(old.id)));
    const toCoordinator = (await mailsTo('coord.occitanie@demo.ptce.fr')).filter((mail) => mail.subject.includes('Structurer notre gouvernance'));
    expect(toCoordinator).toHaveLength(1);
    expect(toCoordinator[0]!.subject).toBe(`Demande fermée faute de jumelage : Structurer notre gouvernance (${pole.name})`);
    expect(toCoordinator[0]!.text).toContain(url(deskPath('76')));
    expect(await mailsTo('coord.aura@demo.ptce.fr')).toHaveLength(0);

    const sent = (await allMails()).length;
    expect(await closeUnpairedRequests(services)).toBe(0);
    expect(await auditOf('request', old.id)).toHaveLength(1);
    expect(await allMails()).toHaveLength(sent);
  });

  test('a pole admin whose account is in English gets the notice in English', async () => {
    const { pole, email } = await poleWithAdmin();
    await db.update(users).set({ language: 'en' }).where(eq(users.email, email));
    await openRequest(pole.id, monthsAgo(7), 'Find funding');
    await closeUnpairedRequests(services);
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toBe('Your request “Find funding” has been closed');
    expect(mail!.text).toMatch(/^Hello /);
    expect(mail!.text).toContain('found no twinning in 6 months');
    expect(mail!.html).toContain('lang="en"');
  });

  test('the job `pairing.follow-up` runs both', async () => {
    const { pole } = await poleWithAdmin();
    const mentor = await figeacteurs();
    const request = await openRequest(pole.id, monthsAgo(8));
    const otherMentee = await poleWithAdmin();
    const twinning = await proposeDirectly({ mentorPoleId: mentor.id, menteePoleId: otherMentee.pole.id, proposedAt: new Date(Date.now() - 40 * dayMs) });
    await services.jobs.run(pairingFollowUpJob, {});
    expect((await requestRow(request.id)).state).toBe('closed');
    expect((await twinningRow(twinning.id)).state).toBe('expired');
  });
});

describe('reopening a closed request', () => {
  async function closedRequest() {
    const { pole, email, adminId } = await poleWithAdmin();
    const request = await openRequest(pole.id, monthsAgo(6, 2), `Besoin fermé ${pole.slug}`);
    await closeUnpairedRequests(services);
    expect((await requestRow(request.id)).state).toBe('closed');
    await db.delete(outbox);
    return { pole, email, adminId, request };
  }

  async function reopen(id: string, email?: string) {
    const cookie = email ? await cookieFor(email) : undefined;
    const path = `/coordination/demandes/${id}/rouvrir`;
    return settle(action(routeArgs(context, makeRequest(path, { form: {}, cookie }), { id })));
  }

  test('the region’s coordinator reopens it: open again, its 6 months counted from now, audited, the pole told', async () => {
    const { request, email } = await closedRequest();
    const before = Date.now();
    const outcome = await reopen(request.id, 'coord.occitanie@demo.ptce.fr');
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(deskPath('76'));
    expect(await flashOf(outcome, context)).toEqual({ message: 'followUp.notices.reopened', values: { title: request.title } });

    const reopened = await requestRow(request.id);
    expect(reopened.state).toBe('open');
    expect(reopened.autoClosedAt).toBeNull();
    expect(reopened.openedAt.getTime()).toBeGreaterThanOrEqual(before);
    const [coordinator] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'coord.occitanie@demo.ptce.fr'));
    const audit = (await auditOf('request', request.id)).filter((row) => row.action === 'request.reopened');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: coordinator!.id, regionCode: '76' });

    const [mail] = await mailsTo(email);
    expect(mail!.subject).toBe(`Votre demande « ${request.title} » est rouverte`);
    expect(mail!.text).toContain(url(requestPath(request.id)));
    expect(await allMails()).toHaveLength(1);

    // Reopened, it is not closed again before another 6 months.
    expect(await closeUnpairedRequests(services)).toBe(0);
    expect((await requestRow(request.id)).state).toBe('open');

    // Reopening it again says so and changes nothing.
    const again = await reopen(request.id, 'coord.occitanie@demo.ptce.fr');
    expect(again.status).toBe(302);
    expect(await flashOf(again, context)).toEqual({ message: 'followUp.notices.notReopenable', values: { title: request.title } });
    expect((await auditOf('request', request.id)).filter((row) => row.action === 'request.reopened')).toHaveLength(1);
  });

  test('a request its pole closed itself is not reopened here', async () => {
    const { pole } = await poleWithAdmin();
    const request = await openRequest(pole.id, new Date());
    await db.update(requests).set({ state: 'closed' }).where(eq(requests.id, request.id));
    const outcome = await reopen(request.id, 'coord.occitanie@demo.ptce.fr');
    expect(await flashOf(outcome, context)).toEqual({ message: 'followUp.notices.notReopenable', values: { title: request.title } });
    expect((await requestRow(request.id)).state).toBe('closed');
    expect(await auditOf('request', request.id)).toHaveLength(0);
  });

  test('another region’s coordinator, a pole member, a bad id and a GET are answered 404; a visitor is sent to sign in', async () => {
    const { request, email } = await closedRequest();
    expect((await reopen(request.id, 'coord.aura@demo.ptce.fr')).status).toBe(404);
    expect((await reopen(request.id, email)).status).toBe(404);
    expect((await reopen(request.id, 'membre@demo.ptce.fr')).status).toBe(404);
    expect((await reopen('pas-un-uuid', 'coord.occitanie@demo.ptce.fr')).status).toBe(404);
    expect((await reopen('00000000-0000-4000-8000-000000000000', 'coord.occitanie@demo.ptce.fr')).status).toBe(404);
    const visitor = await reopen(request.id);
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/connexion/);
    expect((await settle(Promise.resolve().then(() => loader()))).status).toBe(404);

    const row = await requestRow(request.id);
    expect(row.state).toBe('closed');
    expect(row.autoClosedAt).toBeInstanceOf(Date);
    expect((await auditOf('request', request.id)).filter((audit) => audit.action === 'request.reopened')).toHaveLength(0);
    expect(await allMails()).toHaveLength(0);
  });

  test('the national admin reopens in any region', async () => {
    const { request } = await closedRequest();
    const outcome = await reopen(request.id, 'admin@demo.ptce.fr');
    expect(outcome.status).toBe(302);
    expect((await requestRow(request.id)).state).toBe('open');
  });
});
