import { and, asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import * as cohortRoute from '#app/routes/coordination.cohorte';
import * as deskRoute from '#app/routes/coordination._index';
import * as weightsRoute from '#app/routes/coordination.ponderations';
import { auditLog, outbox, poles, requests, twinningAsks, twinnings, users } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { setupTestContext } from '#tests/setup/context';
import { flashOf, inFrench } from '#tests/setup/responses';
import { deskFixtures, place, routeCaller, type DeskFixtures } from './pairing-desk-fixtures';
import { createRequest } from '#tests/setup/market-factories';

/** The desk at /coordination: who opens it, its suggestions, proposing a twinning, the poles' asks. */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const occitanie = 'coord.occitanie@demo.ptce.fr';
const aura = 'coord.aura@demo.ptce.fr';
const nationalAdmin = 'admin@demo.ptce.fr';

const call = routeCaller(context, cookieFor);

let fixtures: DeskFixtures;
beforeAll(async () => {
  fixtures = await deskFixtures(db);
});

async function twinningsOf(mentorPoleId: string, menteePoleId: string) {
  return db
    .select()
    .from(twinnings)
    .where(and(eq(twinnings.mentorPoleId, mentorPoleId), eq(twinnings.menteePoleId, menteePoleId)));
}

type DeskPage = Awaited<ReturnType<typeof deskRoute.loader>>;

async function mailsTo(emails: string[]) {
  return db.select({ to: outbox.to, subject: outbox.subject, text: outbox.text }).from(outbox).where(inArray(outbox.to, emails));
}

describe('who opens the desk', () => {
  test('a coordinator sees the open requests of their region, oldest first, each with three explained suggestions', async () => {
    const page = await call(deskRoute, '/coordination', { as: occitanie });
    expect(page.status).toBe(200);
    const { region, content } = page.data as DeskPage;
    expect(region?.code).toBe('76');
    const open = await db
      .select({ id: requests.id })
      .from(requests)
      .innerJoin(poles, eq(poles.id, requests.poleId))
      .where(and(eq(poles.regionCode, '76'), eq(requests.state, 'open')))
      .orderBy(asc(requests.openedAt), asc(requests.id));
    expect(content!.requests.map((item) => item.request!.id)).toEqual(open.map((row) => row.id));
    const ours = content!.requests.filter((item) => item.pole.id === fixtures.menteePole.id);
    expect(ours.map((item) => item.request!.id)).toEqual([fixtures.oldRequestId, fixtures.newRequestId]);
    for (const item of content!.requests.filter((request) => request.openTwinning === null)) {
      expect(item.suggestions).toHaveLength(3);
      const scores = item.suggestions.map((suggestion) => suggestion.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const suggestion of item.suggestions) {
        expect(suggestion.poleId).not.toBe(item.pole.id);
        expect(suggestion.explanation.map((entry) => entry.criterion)).toContain('topics');
        const sum = suggestion.explanation.reduce((total, entry) => total + entry.contribution, 0);
        expect(sum).toBeCloseTo(suggestion.score, 6);
      }
    }
    // Our request: the pole with both topics first, its reasons naming them.
    const first = ours[0]!.suggestions[0]!;
    expect(first.poleId).toBe(fixtures.topicMentor.id);
    expect(first.explanation.find((entry) => entry.criterion === 'topics')!.values.count).toBe(2);
    expect(content!.mentors.map((mentor) => mentor.poleId)).toEqual(expect.arrayContaining([fixtures.nearMentor.id, fixtures.topicMentor.id]));
  });

  test('another region’s coordinator and a pole member get a 404; the national admin sees every region', async () => {
    expect((await call(deskRoute, '/coordination?region=76', { as: aura })).status).toBe(404);
    expect((await call(deskRoute, '/coordination?region=pas-une-region', { as: occitanie })).status).toBe(404);
    expect((await call(deskRoute, '/coordination', { as: 'membre@demo.ptce.fr' })).status).toBe(404);
    expect((await call(cohortRoute, '/coordination/cohorte?region=76', { as: aura })).status).toBe(404);
    expect((await call(weightsRoute, '/coordination/ponderations?region=76', { as: aura })).status).toBe(404);

    const page = await call(deskRoute, '/coordination', { as: nationalAdmin });
    expect(page.status).toBe(200);
    const codes = (page.data as DeskPage).regions.map((region) => region.code);
    expect(codes).toEqual(expect.arrayContaining(['76', '84']));
    const auraDesk = await call(deskRoute, '/coordination?region=84', { as: nationalAdmin });
    expect((auraDesk.data as DeskPage).region?.code).toBe('84');
  });
});

describe('proposing a twinning', () => {
  test('writes the twinning, its audit event and one mail per admin of both poles, each in their language', async () => {
    const form = {
      intent: 'propose',
      mentorPoleId: fixtures.topicMentor.id,
      menteePoleId: fixtures.menteePole.id,
      requestId: fixtures.oldRequestId,
      message: 'Vous avez tout pour vous entendre.',
    };
    const outcome = await call(deskRoute, '/coordination?index&region=76', { as: occitanie, form });
    expect(outcome.status).toBe(302);
    const [twinning] = await twinningsOf(fixtures.topicMentor.id, fixtures.menteePole.id);
    expect(outcome.location).toBe('/coordination?region=76');
    expect(await flashOf(outcome, context)).toEqual({
      message: 'coordination.notices.proposed',
      values: { mentor: fixtures.topicMentor.name, mentee: fixtures.menteePole.name },
    });
    expect(twinning).toMatchObject({ state: 'proposed', regionCode: '76', requestId: fixtures.oldRequestId, message: form.message });
    expect(twinning!.score).toBeGreaterThan(0);
    expect(twinning!.reasons.length).toBe(7);
    const days = (twinning!.expiresAt.getTime() - twinning!.proposedAt.getTime()) / 86_400_000;
    expect(days).toBe(30);

    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'twinning'), eq(auditLog.subjectId, twinning!.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'twinning.proposed',
      regionCode: '76',
      data: { mentorPoleId: fixtures.topicMentor.id, menteePoleId: fixtures.menteePole.id, requestId: fixtures.oldRequestId },
    });

    const mails = await mailsTo([fixtures.menteeAdminEmail, fixtures.mentorAdminEmail]);
    expect(mails).toHaveLength(2);
    const english = mails.find((mail) => mail.to === fixtures.menteeAdminEmail)!;
    const french = mails.find((mail) => mail.to === fixtures.mentorAdminEmail)!;
    expect(english.subject).toBe(`Twinning proposal: ${fixtures.topicMentor.name} and ${fixtures.menteePole.name}`);
    expect(french.subject).toBe(`Proposition de jumelage : ${fixtures.topicMentor.name} et ${fixtures.menteePole.name}`);
    expect(french.text).toContain(`/jumelages/${twinning!.id}`);
    expect(french.text).toContain(form.message);

    // The desk now shows the proposal instead of the form, and suggests the pair no more.
    const desk = (await call(deskRoute, '/coordination', { as: occitanie })).data as DeskPage;
    const item = desk.content!.requests.find((request) => request.request!.id === fixtures.oldRequestId)!;
    expect(item.openTwinning?.id).toBe(twinning!.id);
    const other = desk.content!.requests.find((request) => request.request!.id === fixtures.newRequestId)!;
    expect(other.suggestions.map((suggestion) => suggestion.poleId)).not.toContain(fixtures.topicMentor.id);
  });

  test('a second proposal of the same pair is refused with a clear outcome, nothing written', async () => {
    const form = {
      intent: 'propose',
      mentorPoleId: fixtures.topicMentor.id,
      menteePoleId: fixtures.menteePole.id,
      requestId: fixtures.newRequestId,
      message: '',
    };
    const mailsBefore = (await mailsTo([fixtures.menteeAdminEmail, fixtures.mentorAdminEmail])).length;
    const outcome = await call(deskRoute, '/coordination?index', { as: occitanie, form });
    expect(outcome.status).toBe(409);
    expect(outcome.data.result.error['']).toEqual(['coordination.errors.alreadyOpen']);
    const existing = await twinningsOf(fixtures.topicMentor.id, fixtures.menteePole.id);
    expect(existing).toHaveLength(1);
    expect(outcome.data.twinningId).toBe(existing[0]!.id);
    expect(await mailsTo([fixtures.menteeAdminEmail, fixtures.mentorAdminEmail])).toHaveLength(mailsBefore);
  });

  test('a request that is not the mentee’s is refused', async () => {
    const [figeac] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
    const form = { intent: 'propose', mentorPoleId: figeac!.id, menteePoleId: fixtures.nearMentor.id, requestId: fixtures.newRequestId, message: '' };
    const outcome = await call(deskRoute, '/coordination?index', { as: occitanie, form });
    expect(outcome.status).toBe(409);
    expect(outcome.data.result.error['']).toEqual(['coordination.errors.requestNotMentee']);
    expect(await twinningsOf(figeac!.id, fixtures.nearMentor.id)).toHaveLength(0);
  });

  test('two simultaneous proposals of one pair: one is proposed, the other told it is already open', async () => {
    const mentee = await createPole(db, { ...place, name: 'Pôle émergent convoité', maturity: 'emerging' });
    const form = { intent: 'propose', mentorPoleId: fixtures.nearMentor.id, menteePoleId: mentee.id, message: '' };
    const outcomes = await Promise.all([
      call(deskRoute, '/coordination?index', { as: occitanie, form }),
      call(deskRoute, '/coordination?index', { as: occitanie, form }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([302, 409]);
    const rows = await twinningsOf(fixtures.nearMentor.id, mentee.id);
    expect(rows).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 409)!.data.twinningId).toBe(rows[0]!.id);
    expect(await db.select().from(auditLog).where(eq(auditLog.subjectId, rows[0]!.id))).toHaveLength(1);
  });

  test('a mentor that is not validated, or declared no capacity, is refused', async () => {
    const unvalidated = await createPole(db, { ...place, name: 'Pôle mature non validé', maturity: 'mature', mentoringCapacity: 2 });
    const noRoom = await createPole(db, { ...place, name: 'Pôle mature sans capacité', maturity: 'mature', verifiedAt: new Date(), mentoringCapacity: 0 });
    for (const [mentor, message] of [
      [unvalidated, 'coordination.errors.mentorNotValidated'],
      [noRoom, 'coordination.errors.mentorNoCapacity'],
    ] as const) {
      const outcome = await call(deskRoute, '/coordination?index', {
        as: occitanie,
        form: { intent: 'propose', mentorPoleId: mentor.id, menteePoleId: fixtures.menteePole.id },
      });
      expect(outcome.status).toBe(409);
      expect(outcome.data.result.error['']).toEqual([message]);
      expect(await twinningsOf(mentor.id, fixtures.menteePole.id)).toHaveLength(0);
    }
  });

  test('another region’s coordinator may not propose (404)', async () => {
    const form = { intent: 'propose', mentorPoleId: fixtures.nearMentor.id, menteePoleId: fixtures.menteePole.id, message: '' };
    expect((await call(deskRoute, '/coordination?index', { as: aura, form })).status).toBe(404);
    expect(await twinningsOf(fixtures.nearMentor.id, fixtures.menteePole.id)).toHaveLength(0);
  });

  test('bad input answers 400 with the French message, never a 500', async () => {
    const notUuid = await call(deskRoute, '/coordination?index', {
      as: occitanie,
      form: { intent: 'propose', mentorPoleId: 'pas-un-id', menteePoleId: fixtures.menteePole.id },
    });
    expect(notUuid.status).toBe(400);
    expect(notUuid.data.result.error.mentorPoleId).toEqual(['pairing.errors.unknownPole']);
    expect(inFrench('pairing.errors.unknownPole')).toBe('Ce pôle est introuvable.');

    const tooLong = await call(deskRoute, '/coordination?index', {
      as: occitanie,
      form: { intent: 'propose', mentorPoleId: fixtures.nearMentor.id, menteePoleId: fixtures.menteePole.id, message: 'x'.repeat(2001) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.result.error.message).toEqual(['pairing.errors.messageTooLong']);
    expect(inFrench('pairing.errors.messageTooLong')).toMatch(/2 000 caractères/);

    expect((await call(deskRoute, '/coordination?index', { as: occitanie, form: { intent: 'effacer' } })).status).toBe(400);
    expect((await call(deskRoute, '/coordination?index', { as: occitanie, form: { intent: 'dismiss', askId: '123' } })).status).toBe(400);
    expect(await twinningsOf(fixtures.nearMentor.id, fixtures.menteePole.id)).toHaveLength(0);
  });
});

describe('the desk’s other sections', () => {
  test('emerging poles nobody helps, the mentors’ load, the region’s twinnings and the requests closed unpaired', async () => {
    const lonely = await createPole(db, { ...place, name: 'Pôle émergent esseulé', maturity: 'emerging' });
    const elsewhere = await createPole(db, {
      regionCode: '84',
      departmentCode: '69',
      town: 'Lyon',
      latitude: 45.76,
      longitude: 4.84,
      maturity: 'mature',
      verifiedAt: new Date(),
      mentoringCapacity: 2,
    });
    const closed = await createRequest(db, { poleId: lonely.id, title: 'Demande fermée faute de jumelage', state: 'closed', autoClosedAt: new Date() });
    const before = (await call(deskRoute, '/coordination', { as: occitanie })).data as DeskPage;
    const item = before.content!.emerging.find((need) => need.pole.id === lonely.id)!;
    expect(item.request).toBeNull();
    expect(item.suggestions).toHaveLength(3);
    expect(before.content!.closed.map((request) => request.id)).toContain(closed.id);
    const loadBefore = before.content!.mentors.find((mentor) => mentor.poleId === fixtures.nearMentor.id)!;

    const form = { intent: 'propose', mentorPoleId: fixtures.nearMentor.id, menteePoleId: lonely.id, message: '' };
    expect((await call(deskRoute, '/coordination?index', { as: occitanie, form })).status).toBe(302);
    const [twinning] = await twinningsOf(fixtures.nearMentor.id, lonely.id);
    const after = (await call(deskRoute, '/coordination', { as: occitanie })).data as DeskPage;
    expect(after.content!.emerging.map((need) => need.pole.id)).not.toContain(lonely.id);
    expect(after.content!.twinnings.find((listed) => listed.id === twinning!.id)).toMatchObject({ state: 'proposed', mentee: { id: lonely.id } });
    const loadAfter = after.content!.mentors.find((mentor) => mentor.poleId === fixtures.nearMentor.id)!;
    expect(loadAfter.proposedLoad).toBe(loadBefore.proposedLoad + 1);
    expect(loadAfter.activeLoad).toBe(loadBefore.activeLoad);
    // A mentoring pole of Auvergne-Rhône-Alpes with no published offer reaches its own region only.
    expect(after.content!.mentors.map((mentor) => mentor.poleId)).not.toContain(elsewhere.id);
    const auraDesk = (await call(deskRoute, '/coordination', { as: aura })).data as DeskPage;
    expect(auraDesk.content!.mentors.map((mentor) => mentor.poleId)).toContain(elsewhere.id);
  });
});

describe('asks from poles', () => {
  test('dismissing an ask classes it, audited; a second dismissal changes nothing', async () => {
    const [coordinator] = await db.select({ id: users.id }).from(users).where(eq(users.email, occitanie));
    const [ask] = await db
      .insert(twinningAsks)
      .values({
        fromPoleId: fixtures.menteePole.id,
        mentorPoleId: fixtures.nearMentor.id,
        menteePoleId: fixtures.menteePole.id,
        regionCode: '76',
        message: 'Nous aimerions être accompagnés.',
      })
      .returning();
    const desk = (await call(deskRoute, '/coordination', { as: occitanie })).data as DeskPage;
    const listed = desk.content!.asks.find((item) => item.id === ask!.id)!;
    expect(listed.mentor.id).toBe(fixtures.nearMentor.id);
    expect(listed.suggestion?.score).toBeGreaterThan(0);

    expect((await call(deskRoute, '/coordination?index', { as: aura, form: { intent: 'dismiss', askId: ask!.id } })).status).toBe(404);
    const outcome = await call(deskRoute, '/coordination?index', { as: occitanie, form: { intent: 'dismiss', askId: ask!.id } });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe('/coordination?region=76');
    const [row] = await db.select().from(twinningAsks).where(eq(twinningAsks.id, ask!.id));
    expect(row).toMatchObject({ state: 'dismissed', handledById: coordinator!.id });
    expect(row!.handledAt).toBeInstanceOf(Date);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'twinning-ask'), eq(auditLog.subjectId, ask!.id)));
    expect(audit.map((event) => event.action)).toEqual(['twinning.ask-dismissed']);

    const again = await call(deskRoute, '/coordination?index', { as: occitanie, form: { intent: 'dismiss', askId: ask!.id } });
    expect(again.status).toBe(409);
    expect(await db.select().from(auditLog).where(eq(auditLog.subjectId, ask!.id))).toHaveLength(1);
  });

  test('proposing from an ask marks it proposed with its twinning', async () => {
    const [ask] = await db
      .insert(twinningAsks)
      .values({
        fromPoleId: fixtures.menteePole.id,
        mentorPoleId: fixtures.nearMentor.id,
        menteePoleId: fixtures.menteePole.id,
        regionCode: '76',
        message: 'Nous aimerions être accompagnés.',
      })
      .returning();
    const form = { intent: 'propose', mentorPoleId: fixtures.nearMentor.id, menteePoleId: fixtures.menteePole.id, askId: ask!.id, message: '' };
    expect((await call(deskRoute, '/coordination?index', { as: occitanie, form })).status).toBe(302);
    const [twinning] = await twinningsOf(fixtures.nearMentor.id, fixtures.menteePole.id);
    const [row] = await db.select().from(twinningAsks).where(eq(twinningAsks.id, ask!.id));
    expect(row).toMatchObject({ state: 'proposed', twinningId: twinning!.id });
    // Cleaned up so the cohort below starts from known loads.
    await db.delete(twinnings).where(eq(twinnings.id, twinning!.id));
  });
});
