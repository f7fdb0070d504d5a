import { and, asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { loader as conversationLoader } from '#app/routes/conversations.$id';
import { loader as conversationsLoader } from '#app/routes/conversations._index';
import { action, loader } from '#app/routes/jumelages.$id';
import { loader as listLoader } from '#app/routes/jumelages._index';
import { auditLog, outbox, poles, requests, threads, twinningEvaluations, twinningGoals, twinnings, users } from '#db/schema';
import { createElement } from 'react';
import { TwinningHistory } from '#app/components/pairing/twinning-history';
import { createPoleWithMember, createRequest } from '#tests/setup/market-factories';
import { renderAt } from '#tests/setup/search-fixtures';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flashOf, inFrench, settle } from '#tests/setup/responses';
import { createPoleWithAdmin, createProposedTwinning } from '#tests/setup/twinning-factories';

/**
 * The twinning's life through its page (/jumelages/<id>): proposed → each side accepts → active
 * (conversation opened, request in progress) → goals and notes → closed with an evaluation
 * (request answered) → the other side's evaluation, once. Each step checks who may act, what is
 * written (state, audit) and who is mailed, in their language.
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const mentorAdmin = 'figeacteurs@demo.ptce.fr';
const menteeAdmin = 'emergent@demo.ptce.fr';
const mentorMember = 'membre@demo.ptce.fr';
const occitanie = 'coord.occitanie@demo.ptce.fr';
const aura = 'coord.aura@demo.ptce.fr';
const observer = 'observateur@demo.ptce.fr';
const nationalAdmin = 'admin@demo.ptce.fr';

async function poleId(slug: string) {
  const [row] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, slug));
  return row!.id;
}
async function userId(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

async function visit(id: string, email: string) {
  return settle(loader(routeArgs(context, makeRequest(`/jumelages/${id}`, { cookie: await cookieFor(email) }), { id })));
}
async function post(id: string, email: string, form: Record<string, string>) {
  return settle(action(routeArgs(context, makeRequest(`/jumelages/${id}`, { cookie: await cookieFor(email), form }), { id })));
}
async function twinningRow(id: string) {
  const [row] = await db.select().from(twinnings).where(eq(twinnings.id, id));
  return row!;
}
/** The mails queued since the last call, as `address → subject`. */
async function takeMails() {
  const rows = await db.select({ to: outbox.to, subject: outbox.subject, text: outbox.text }).from(outbox);
  await db.delete(outbox);
  return rows;
}
const subjectsByAddress = (mails: Array<{ to: string; subject: string }>) => Object.fromEntries(mails.map((mail) => [mail.to, mail.subject]));

let figeacteurs: string;
let causses: string;

beforeAll(async () => {
  figeacteurs = await poleId('figeacteurs');
  causses = await poleId('causses-cevennes-demo');
  // Room to take these twinnings on, whatever the demo declares.
  await db.update(poles).set({ mentoringCapacity: 10 }).where(eq(poles.id, figeacteurs));
  // The mentor's admin reads English: their mails are in English.
  await db.update(users).set({ language: 'en' }).where(eq(users.email, mentorAdmin));
  await db.delete(twinnings).where(and(eq(twinnings.mentorPoleId, figeacteurs), eq(twinnings.menteePoleId, causses)));
});

describe('the whole life of a twinning, through its page', () => {
  let id: string;
  let requestId: string;

  test('a proposal: each pole admin sees only the buttons of their own side', async () => {
    const need = await createRequest(db, { poleId: causses, title: 'Structurer notre gouvernance coopérative' });
    requestId = need.id;
    const twinning = await createProposedTwinning(db, {
      mentorPoleId: figeacteurs,
      menteePoleId: causses,
      requestId,
      proposedById: await userId(occitanie),
      message: 'Figeacteurs a structuré sa SCIC en 2019 : un bon guide.',
      score: 71.5,
      reasons: [{ criterion: 'distance', contribution: 10, key: 'pairing.reasons.distance', values: { km: 42 } }],
    });
    id = twinning.id;
    await takeMails();

    const asMentee = await visit(id, menteeAdmin);
    expect(asMentee.status).toBe(200);
    expect(asMentee.data.twinning.state).toBe('proposed');
    expect(asMentee.data.twinning.request).toMatchObject({ id: requestId, title: 'Structurer notre gouvernance coopérative' });
    expect(asMentee.data.twinning.reasons).toHaveLength(1);
    expect(asMentee.data.sides.map((side: { side: string; canRespond: boolean }) => [side.side, side.canRespond])).toEqual([
      ['mentor', false],
      ['mentee', true],
    ]);
    const asMentor = await visit(id, mentorAdmin);
    expect(asMentor.data.sides.map((side: { canRespond: boolean }) => side.canRespond)).toEqual([true, false]);
    expect((await visit(id, occitanie)).data.canCancel).toBe(true);
  });

  test.each([
    [aura, 'the other region’s coordinator'],
    [observer, 'the national observer'],
  ])('%s (%s) is answered 404, page and actions', async (email) => {
    expect((await visit(id, email)).status).toBe(404);
    expect((await post(id, email, { intent: 'cancel', reason: 'Je n’ai rien à faire ici.' })).status).toBe(404);
    expect((await post(id, email, { intent: 'accept', side: 'mentor' })).status).toBe(404);
  });

  test('a member of an unrelated pole is answered 404', async () => {
    const stranger = await createPoleWithMember(db, { verified: true, role: 'admin' });
    expect((await visit(id, stranger.email)).status).toBe(404);
    expect((await post(id, stranger.email, { intent: 'accept', side: 'mentee' })).status).toBe(404);
  });

  test('a member who is not the pole’s admin sees the twinning but cannot answer for it', async () => {
    expect((await visit(id, mentorMember)).status).toBe(200);
    expect((await post(id, mentorMember, { intent: 'accept', side: 'mentor' })).status).toBe(404);
    // Nor answer for the other pole, nor decline without a reason to learn the form's rules.
    expect((await post(id, mentorMember, { intent: 'decline', side: 'mentee' })).status).toBe(404);
    expect((await post(id, mentorAdmin, { intent: 'accept', side: 'mentee' })).status).toBe(404);
    expect((await twinningRow(id)).mentorAcceptedAt).toBeNull();
    expect(await takeMails()).toEqual([]);
  });

  test('the emerging pole accepts: the mentor’s admins are asked to answer, in their language', async () => {
    const response = await post(id, menteeAdmin, { intent: 'accept', side: 'mentee' });
    expect(response.status).toBe(302);
    expect(response.location).toBe(`/jumelages/${id}`);
    expect(await flashOf(response, context)).toEqual({ message: 'twinnings.notices.accepted' });
    const row = await twinningRow(id);
    expect(row.state).toBe('proposed');
    expect(row.menteeAcceptedById).toBe(await userId(menteeAdmin));
    const mails = subjectsByAddress(await takeMails());
    expect(mails).toEqual({ [mentorAdmin]: expect.stringContaining('your answer is awaited') });

    // A second acceptance by the same side changes nothing.
    const again = await post(id, menteeAdmin, { intent: 'accept', side: 'mentee' });
    expect(await flashOf(again, context)).toEqual({ message: 'twinnings.notices.alreadyAccepted' });
    expect((await twinningRow(id)).menteeAcceptedAt).toEqual(row.menteeAcceptedAt);
    expect(await takeMails()).toEqual([]);
  });

  test('the mentor accepts: the twinning starts, with a conversation both poles see, and the request is in progress', async () => {
    const response = await post(id, mentorAdmin, { intent: 'accept', side: 'mentor' });
    expect(response.status).toBe(302);
    expect(await flashOf(response, context)).toEqual({ message: 'twinnings.notices.activated' });
    const row = await twinningRow(id);
    expect(row.state).toBe('active');
    expect(row.activatedAt).not.toBeNull();
    expect(row.threadId).not.toBeNull();
    const [thread] = await db.select().from(threads).where(eq(threads.id, row.threadId!));
    expect(thread).toMatchObject({ subjectType: 'pairing', initiatorPoleId: causses, recipientPoleId: figeacteurs, regionCode: '76' });
    expect(thread!.title).toBe('Jumelage Figeacteurs — ' + (await db.select({ name: poles.name }).from(poles).where(eq(poles.id, causses)))[0]!.name);
    const [need] = await db.select({ state: requests.state }).from(requests).where(eq(requests.id, requestId));
    expect(need!.state).toBe('in_progress');

    for (const email of [mentorAdmin, menteeAdmin]) {
      const list = await conversationsLoader(routeArgs(context, makeRequest('/conversations', { cookie: await cookieFor(email) })));
      expect(list.conversations.map((conversation) => conversation.id)).toContain(row.threadId);
      // The conversation leads back to its twinning.
      expect(list.conversations.find((conversation) => conversation.id === row.threadId)?.twinningId).toBe(id);
      const page = await settle(
        conversationLoader(routeArgs(context, makeRequest(`/conversations/${row.threadId}`, { cookie: await cookieFor(email) }), { id: row.threadId! })),
      );
      expect(page.status).toBe(200);
    }
    const page = await visit(id, menteeAdmin);
    expect(page.data.canOpenConversation).toBe(true);
    expect(page.data.canWork).toBe(true);
    // Either pole's admin may host a learning visit for the twinning.
    expect(page.data.canProposeVisit).toBe(true);

    const mails = subjectsByAddress(await takeMails());
    expect(mails[mentorAdmin]).toMatch(/^The twinning Figeacteurs — .* starts$/);
    expect(mails[menteeAdmin]).toMatch(/^Le jumelage Figeacteurs — .* commence$/);
    expect(mails[occitanie]).toMatch(/commence$/);
    expect(mails[aura]).toBeUndefined();
  });

  test('bad goals are answered 400 with the French message next to the field', async () => {
    const short = await post(id, mentorMember, { intent: 'addGoal', title: 'A' });
    expect(short.status).toBe(400);
    expect(short.data.result.error.title).toEqual(['pairing.errors.goalTooShort']);
    expect(inFrench(short.data.result.error.title[0])).toBe('L’objectif doit contenir au moins 3 caractères.');
    const badDay = await post(id, mentorMember, { intent: 'addGoal', title: 'Rédiger les statuts', dueOn: '2026-02-30' });
    expect(badDay.status).toBe(400);
    expect(badDay.data.result.error.dueOn).toEqual(['pairing.errors.dueOnInvalid']);
    expect(await db.select().from(twinningGoals).where(eq(twinningGoals.twinningId, id))).toEqual([]);
  });

  test('either pole adds and ticks goals; a member may, and the notes are shared', async () => {
    expect((await post(id, mentorMember, { intent: 'addGoal', title: 'Rédiger les statuts de la SCIC', dueOn: '2026-06-30' })).status).toBe(302);
    expect((await post(id, menteeAdmin, { intent: 'addGoal', title: 'Réunir le premier comité', dueOn: '2026-04-15' })).status).toBe(302);
    const page = await visit(id, menteeAdmin);
    const goals = page.data.twinning.goals as Array<{ id: string; title: string; dueOn: string }>;
    expect(goals.map((goal) => [goal.title, goal.dueOn])).toEqual([
      ['Réunir le premier comité', '2026-04-15'],
      ['Rédiger les statuts de la SCIC', '2026-06-30'],
    ]);
    const ticked = await post(id, menteeAdmin, { intent: 'tickGoal', goalId: goals[0]!.id, done: 'true' });
    expect(await flashOf(ticked, context)).toEqual({ message: 'twinnings.notices.goalTicked' });
    const [goal] = await db.select().from(twinningGoals).where(eq(twinningGoals.id, goals[0]!.id));
    expect(goal!.doneAt).not.toBeNull();
    expect(goal!.doneById).toBe(await userId(menteeAdmin));
    // A coordinator follows the twinning but does not work in it, nor hosts visits for it.
    expect((await post(id, occitanie, { intent: 'addGoal', title: 'Un objectif de la coordination' })).status).toBe(404);
    expect((await visit(id, occitanie)).data.canProposeVisit).toBe(false);

    expect((await post(id, mentorAdmin, { intent: 'saveNotes', notes: 'Prochaine visite : mai.' })).status).toBe(302);
    expect((await twinningRow(id)).notes).toBe('Prochaine visite : mai.');
  });

  test('closing needs a valid evaluation: a rating of 6 is answered 400', async () => {
    const bad = await post(id, menteeAdmin, { intent: 'complete', side: 'mentee', goalsReached: 'yes', rating: '6', learned: 'Beaucoup de choses utiles.' });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.rating).toEqual(['pairing.errors.ratingRange']);
    expect(inFrench(bad.data.result.error.rating[0])).toBe('La note va de 1 à 5.');
    expect((await twinningRow(id)).state).toBe('active');
  });

  test('the emerging pole closes it with its evaluation: the request is answered, the mentor is asked for theirs', async () => {
    await takeMails();
    const response = await post(id, menteeAdmin, {
      intent: 'complete',
      side: 'mentee',
      goalsReached: 'partly',
      rating: '4',
      learned: 'Comment écrire des statuts de SCIC.',
    });
    expect(response.status).toBe(302);
    expect(await flashOf(response, context)).toEqual({ message: 'twinnings.notices.completed' });
    expect((await twinningRow(id)).state).toBe('completed');
    const [need] = await db.select({ state: requests.state }).from(requests).where(eq(requests.id, requestId));
    expect(need!.state).toBe('answered');
    const evaluations = await db.select().from(twinningEvaluations).where(eq(twinningEvaluations.twinningId, id));
    expect(evaluations).toMatchObject([{ poleId: causses, goalsReached: 'partly', rating: 4 }]);
    const mails = subjectsByAddress(await takeMails());
    expect(mails[mentorAdmin]).toMatch(/your evaluation$/);
    expect(mails[occitanie]).toMatch(/clôturé$/);
    expect(mails[menteeAdmin]).toBeUndefined();
    // Closed: no more goals.
    expect((await post(id, menteeAdmin, { intent: 'addGoal', title: 'Encore un objectif' })).status).toBe(409);
  });

  test('the mentor evaluates once, not twice', async () => {
    const page = await visit(id, mentorAdmin);
    expect(page.data.sides.map((side: { canEvaluate: boolean }) => side.canEvaluate)).toEqual([true, false]);
    const form = { intent: 'evaluate', side: 'mentor', goalsReached: 'yes', rating: '5', learned: 'Transmettre nous a fait revoir nos propres statuts.' };
    expect((await post(id, mentorAdmin, form)).status).toBe(302);
    const twice = await post(id, mentorAdmin, form);
    expect(twice.status).toBe(409);
    expect(twice.data.problem.key).toBe('twinnings.problems.alreadyEvaluated');
    expect(await db.select().from(twinningEvaluations).where(eq(twinningEvaluations.twinningId, id))).toHaveLength(2);
  });

  test('the history lists every event in order, with who acted', async () => {
    const page = await visit(id, occitanie);
    const history = page.data.twinning.history as Array<{ action: string; actorName: string | null; data: Record<string, unknown> }>;
    expect(history.map((entry) => entry.action)).toEqual([
      'twinning.proposed',
      'twinning.accepted',
      'twinning.accepted',
      'twinning.activated',
      'twinning.goal-added',
      'twinning.goal-added',
      'twinning.goal-ticked',
      'twinning.notes-edited',
      'twinning.completed',
      'twinning.evaluated',
      'twinning.evaluated',
    ]);
    expect(history[1]).toMatchObject({ actorName: 'Nicolas Roux (démo)', data: { side: 'mentee', poleId: causses } });
    expect(history[2]).toMatchObject({ actorName: 'Claire Dubois (démo)', data: { side: 'mentor', poleId: figeacteurs } });

    // Each event reads as a sentence: « 12/03/2026 — Claire Dubois a accepté pour Figeacteurs ».
    const { mentor, mentee } = page.data.twinning;
    const html = await renderAt(`/jumelages/${id}`, createElement(TwinningHistory, { entries: history as never, mentor, mentee }));
    const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date());
    expect(html).toContain(`${day} — Claire Dubois (démo) a accepté pour Figeacteurs`);
    expect(html).toContain(`${day} — Nicolas Roux (démo) a accepté pour ${mentee.name}`);
    expect(html).toContain('Le jumelage a commencé');
    expect(html).toContain('a coché l’objectif « Réunir le premier comité »');
    expect(html).toContain(`Nicolas Roux (démo) a évalué le jumelage pour ${mentee.name} (4/5)`);
    const english = await renderAt(`/jumelages/${id}`, createElement(TwinningHistory, { entries: history as never, mentor, mentee }), 'en');
    expect(english).toContain('Claire Dubois (démo) accepted for Figeacteurs');
  });

  test('the list shows it to both poles and the region’s coordinator, grouped by state', async () => {
    for (const email of [menteeAdmin, mentorMember, occitanie, nationalAdmin]) {
      const list = await settle(listLoader(routeArgs(context, makeRequest('/jumelages', { cookie: await cookieFor(email) }))));
      const completed = list.data.groups.find((group: { state: string }) => group.state === 'completed');
      expect(completed.twinnings.map((twinning: { id: string }) => twinning.id)).toContain(id);
    }
    const other = await settle(listLoader(routeArgs(context, makeRequest('/jumelages', { cookie: await cookieFor(aura) }))));
    expect(other.data.groups.flatMap((group: { twinnings: Array<{ id: string }> }) => group.twinnings.map((twinning) => twinning.id))).not.toContain(id);
    expect((await settle(listLoader(routeArgs(context, makeRequest('/jumelages', { cookie: await cookieFor(observer) }))))).status).toBe(404);
  });
});

describe('declining, cancelling, expiring', () => {
  async function freshProposal(input: { expiresAt?: Date; withRequest?: boolean } = {}) {
    const mentee = await createPoleWithMember(db, { verified: true, role: 'admin' });
    const need = input.withRequest ? await createRequest(db, { poleId: mentee.pole.id }) : null;
    const twinning = await createProposedTwinning(db, {
      mentorPoleId: figeacteurs,
      menteePoleId: mentee.pole.id,
      requestId: need?.id ?? null,
      expiresAt: input.expiresAt,
    });
    await takeMails();
    return { twinning, mentee, need };
  }

  test('declining needs a reason; then the other side and the coordinators are told, with it', async () => {
    const { twinning, mentee } = await freshProposal();
    const bare = await post(twinning.id, mentee.email, { intent: 'decline', side: 'mentee' });
    expect(bare.status).toBe(400);
    expect(bare.data.result.error.reason).toEqual(['pairing.errors.reasonRequired']);
    expect(inFrench(bare.data.result.error.reason[0])).toBe('Indiquez le motif.');
    expect((await twinningRow(twinning.id)).state).toBe('proposed');

    const response = await post(twinning.id, mentee.email, { intent: 'decline', side: 'mentee', reason: 'Nous avons déjà un accompagnement.' });
    expect(await flashOf(response, context)).toEqual({ message: 'twinnings.notices.declined' });
    const row = await twinningRow(twinning.id);
    expect(row).toMatchObject({ state: 'declined', endReason: 'Nous avons déjà un accompagnement.', endedById: mentee.user.id });
    const [event] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, twinning.id), eq(auditLog.action, 'twinning.declined')));
    expect(event).toMatchObject({ reason: 'Nous avons déjà un accompagnement.', data: { side: 'mentee', poleId: mentee.pole.id } });
    const mails = await takeMails();
    expect(subjectsByAddress(mails)).toEqual({ [mentorAdmin]: expect.stringMatching(/declined$/), [occitanie]: expect.stringMatching(/décliné$/) });
    expect(mails.find((mail) => mail.to === occitanie)!.text).toContain('Nous avons déjà un accompagnement.');
    // Declined is final.
    expect((await post(twinning.id, mentorAdmin, { intent: 'accept', side: 'mentor' })).status).toBe(409);
  });

  test('the coordinator cancels an active twinning with a reason: the request is open again, both poles are told', async () => {
    const { twinning, mentee, need } = await freshProposal({ withRequest: true });
    await post(twinning.id, mentee.email, { intent: 'accept', side: 'mentee' });
    await post(twinning.id, mentorAdmin, { intent: 'accept', side: 'mentor' });
    expect((await twinningRow(twinning.id)).state).toBe('active');
    await takeMails();

    expect((await post(twinning.id, aura, { intent: 'cancel', reason: 'Pas ma région.' })).status).toBe(404);
    expect((await post(twinning.id, mentorAdmin, { intent: 'cancel', reason: 'Nous arrêtons.' })).status).toBe(404);
    const bare = await post(twinning.id, occitanie, { intent: 'cancel', reason: 'ok' });
    expect(bare.status).toBe(400);
    expect(bare.data.result.error.reason).toEqual(['pairing.errors.reasonTooShort']);

    const response = await post(twinning.id, occitanie, { intent: 'cancel', reason: 'Le pôle émergent suspend son activité.' });
    expect(await flashOf(response, context)).toEqual({ message: 'twinnings.notices.cancelled' });
    expect(await twinningRow(twinning.id)).toMatchObject({ state: 'cancelled', endReason: 'Le pôle émergent suspend son activité.' });
    const [request] = await db.select({ state: requests.state }).from(requests).where(eq(requests.id, need!.id));
    expect(request!.state).toBe('open');
    const [event] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, twinning.id), eq(auditLog.action, 'twinning.cancelled')));
    expect(event!.data).toEqual({ from: 'active' });
    const mails = subjectsByAddress(await takeMails());
    expect(mails).toEqual({ [mentorAdmin]: expect.stringMatching(/cancelled$/), [mentee.email]: expect.stringMatching(/annulé$/) });
  });

  test('an expired proposal cannot be accepted, and nothing is written', async () => {
    const { twinning, mentee } = await freshProposal({ expiresAt: new Date(Date.now() - 1000) });
    const response = await post(twinning.id, mentee.email, { intent: 'accept', side: 'mentee' });
    expect(response.status).toBe(409);
    expect(response.data.problem.key).toBe('twinnings.problems.expired');
    expect((await twinningRow(twinning.id)).menteeAcceptedAt).toBeNull();
    const events = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, twinning.id)).orderBy(asc(auditLog.createdAt));
    expect(events.map((event) => event.action)).toEqual(['twinning.proposed']);
    expect(await takeMails()).toEqual([]);
  });

  test('a mentor without room is refused with the reason, and the coordinators are told', async () => {
    await db.update(poles).set({ mentoringCapacity: 0 }).where(eq(poles.id, figeacteurs));
    try {
      const { twinning } = await freshProposal();
      const response = await post(twinning.id, mentorAdmin, { intent: 'accept', side: 'mentor' });
      expect(response.status).toBe(409);
      expect(response.data.problem).toEqual({ key: 'twinnings.problems.capacityRefused', values: { pole: 'Figeacteurs', count: 0, capacity: 0 } });
      expect((await twinningRow(twinning.id)).mentorAcceptedAt).toBeNull();
      const refusals = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, twinning.id), inArray(auditLog.action, ['twinning.acceptance-refused'])));
      expect(refusals).toHaveLength(1);
      expect(Object.keys(subjectsByAddress(await takeMails()))).toEqual([occitanie]);
    } finally {
      await db.update(poles).set({ mentoringCapacity: 10 }).where(eq(poles.id, figeacteurs));
    }
  });

  test('with a mentor from another region, both regions’ coordinators follow it; only the emerging pole’s may cancel', async () => {
    const mentor = await createPoleWithAdmin(db, { mentoringCapacity: 2, regionCode: '84' });
    const mentee = await createPoleWithMember(db, { verified: true, role: 'admin' });
    const twinning = await createProposedTwinning(db, { mentorPoleId: mentor.pole.id, menteePoleId: mentee.pole.id });
    await takeMails();
    const asAura = await visit(twinning.id, aura);
    expect(asAura.status).toBe(200);
    expect(asAura.data.canCancel).toBe(false);
    expect((await post(twinning.id, aura, { intent: 'cancel', reason: 'Pas ma région.' })).status).toBe(404);

    await post(twinning.id, mentee.email, { intent: 'accept', side: 'mentee' });
    await takeMails();
    expect(await flashOf(await post(twinning.id, mentor.email, { intent: 'accept', side: 'mentor' }), context)).toEqual({
      message: 'twinnings.notices.activated',
    });
    const mails = subjectsByAddress(await takeMails());
    expect(Object.keys(mails).sort()).toEqual([aura, occitanie, mentee.email, mentor.email].sort());
  });

  test('a twinning holds at most 30 goals', async () => {
    const { twinning, mentee } = await freshProposal();
    await post(twinning.id, mentee.email, { intent: 'accept', side: 'mentee' });
    await post(twinning.id, mentorAdmin, { intent: 'accept', side: 'mentor' });
    await db.insert(twinningGoals).values(Array.from({ length: 30 }, (_, index) => ({ twinningId: twinning.id, title: `Objectif ${index + 1}` })));
    const refused = await post(twinning.id, mentee.email, { intent: 'addGoal', title: 'Un objectif de trop' });
    expect(refused.status).toBe(409);
    expect(refused.data.problem).toEqual({ key: 'twinnings.problems.tooManyGoals', values: { count: 30 } });
    expect(await db.select().from(twinningGoals).where(eq(twinningGoals.twinningId, twinning.id))).toHaveLength(30);
  });
});
