import { and, asc, eq } from 'drizzle-orm';
import { createElement } from 'react';
import { describe, expect, test } from 'vitest';
import { TwinningHistory } from '#app/components/pairing/twinning-history';
import { action, loader } from '#app/routes/jumelages.$id';
import { loader as homeLoader } from '#app/routes/_index';
import { loader as poleLoader } from '#app/routes/poles.$slug';
import { setTwinningPublicity } from '#app/models/twinning-publicity.server';
import { auditLog, twinnings } from '#db/schema';
import { addMembership, createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';
import { renderAt } from '#tests/setup/search-fixtures';
import { createPoleWithAdmin, createProposedTwinning } from '#tests/setup/twinning-factories';

/**
 * Each pole admin consents, for their own side, to the twinning being shown on public pages; it
 * is shown (pole pages, home page) only while under way and when both sides consented.
 */
const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

async function visit(id: string, email: string) {
  return settle(loader(routeArgs(context, makeRequest(`/jumelages/${id}`, { cookie: await cookieFor(email) }), { id })));
}
async function post(id: string, email: string, form: Record<string, string>) {
  return settle(action(routeArgs(context, makeRequest(`/jumelages/${id}`, { cookie: await cookieFor(email), form }), { id })));
}
async function consents(id: string) {
  const [row] = await db.select({ mentor: twinnings.mentorShowsPublicly, mentee: twinnings.menteeShowsPublicly }).from(twinnings).where(eq(twinnings.id, id));
  return row!;
}
/** The audit rows of the twinning's publicity, oldest first. */
async function publicityEvents(id: string) {
  return db
    .select({ actorId: auditLog.actorId, regionCode: auditLog.regionCode, data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'twinning'), eq(auditLog.subjectId, id), eq(auditLog.action, 'twinning.publicity-changed')))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
}
async function shownOnPolePage(slug: string, twinningId: string) {
  const page = await poleLoader({ request: makeRequest(`/poles/${slug}`), context, params: { slug } });
  return page.twinnings.some((twinning) => twinning.id === twinningId);
}

async function activePair() {
  const mentor = await createPoleWithAdmin(db, { mentoringCapacity: 3 });
  const mentee = await createPoleWithAdmin(db);
  const twinning = await createProposedTwinning(db, { mentorPoleId: mentor.pole.id, menteePoleId: mentee.pole.id });
  await db.update(twinnings).set({ state: 'active', activatedAt: new Date() }).where(eq(twinnings.id, twinning.id));
  const member = await createUser(db, { email: `membre-${twinning.id}@test.ptce.fr`, name: 'Membre', password: 'mot-de-passe-de-test' });
  await addMembership(db, { userId: member.id, poleId: mentor.pole.id, role: 'member' });
  return { id: twinning.id, mentor, mentee, memberEmail: member.email };
}

describe('showing a twinning on public pages', () => {
  test('each admin consents for their side; it shows publicly once both did, and disappears when one withdraws', async () => {
    const pair = await activePair();
    const before = await visit(pair.id, pair.mentor.email);
    expect(before.data.sides).toMatchObject([
      { side: 'mentor', showsPublicly: false, canSetPublicity: true },
      { side: 'mentee', showsPublicly: false, canSetPublicity: false },
    ]);

    const given = await post(pair.id, pair.mentor.email, { intent: 'publicity', side: 'mentor', shows: 'true' });
    expect(given.status).toBe(302);
    expect(given.location).toBe(`/jumelages/${pair.id}`);
    expect(await consents(pair.id)).toEqual({ mentor: true, mentee: false });
    // One consent is not enough, on either pole's page.
    expect(await shownOnPolePage(pair.mentor.pole.slug, pair.id)).toBe(false);
    expect(await shownOnPolePage(pair.mentee.pole.slug, pair.id)).toBe(false);
    // The other side reads that the mentor consented.
    const asMentee = await visit(pair.id, pair.mentee.email);
    expect(asMentee.data.sides).toMatchObject([
      { side: 'mentor', showsPublicly: true, canSetPublicity: false },
      { side: 'mentee', showsPublicly: false, canSetPublicity: true },
    ]);

    expect((await post(pair.id, pair.mentee.email, { intent: 'publicity', side: 'mentee', shows: 'true' })).status).toBe(302);
    expect(await consents(pair.id)).toEqual({ mentor: true, mentee: true });
    expect(await shownOnPolePage(pair.mentor.pole.slug, pair.id)).toBe(true);
    expect(await shownOnPolePage(pair.mentee.pole.slug, pair.id)).toBe(true);
    const home = await homeLoader({ request: makeRequest('/'), context, params: {} });
    expect(home.twinnings.shown.map((twinning) => twinning.id)).toContain(pair.id);

    expect((await post(pair.id, pair.mentee.email, { intent: 'publicity', side: 'mentee', shows: 'false' })).status).toBe(302);
    expect(await consents(pair.id)).toEqual({ mentor: true, mentee: false });
    expect(await shownOnPolePage(pair.mentor.pole.slug, pair.id)).toBe(false);
    const homeAfter = await homeLoader({ request: makeRequest('/'), context, params: {} });
    expect(homeAfter.twinnings.shown.map((twinning) => twinning.id)).not.toContain(pair.id);

    // Each change is in the audit trail: who, for which side and pole, given or withdrawn.
    const [twinning] = await db.select({ regionCode: twinnings.regionCode }).from(twinnings).where(eq(twinnings.id, pair.id));
    expect(await publicityEvents(pair.id)).toEqual([
      { actorId: pair.mentor.user.id, regionCode: twinning!.regionCode, data: { side: 'mentor', poleId: pair.mentor.pole.id, shows: true } },
      { actorId: pair.mentee.user.id, regionCode: twinning!.regionCode, data: { side: 'mentee', poleId: pair.mentee.pole.id, shows: true } },
      { actorId: pair.mentee.user.id, regionCode: twinning!.regionCode, data: { side: 'mentee', poleId: pair.mentee.pole.id, shows: false } },
    ]);
    // The twinning's history says it in words.
    const { twinning: page } = (await visit(pair.id, pair.mentor.email)).data;
    const html = await renderAt(`/jumelages/${pair.id}`, createElement(TwinningHistory, { entries: page.history, mentor: page.mentor, mentee: page.mentee }));
    expect(html).toMatch(new RegExp(`Animatrice \\d+ a accepté pour ${page.mentor.name} de montrer le jumelage sur les pages publiques`));
    expect(html).toMatch(new RegExp(`Animatrice \\d+ a accepté pour ${page.mentee.name} de montrer le jumelage sur les pages publiques`));
    expect(html).toMatch(new RegExp(`Animatrice \\d+ a retiré l’accord de ${page.mentee.name} pour montrer le jumelage sur les pages publiques`));
  });

  test('asking again for what is already so changes nothing and records nothing', async () => {
    const pair = await activePair();
    expect((await post(pair.id, pair.mentor.email, { intent: 'publicity', side: 'mentor', shows: 'false' })).status).toBe(302);
    expect(await publicityEvents(pair.id)).toEqual([]);
    expect((await post(pair.id, pair.mentor.email, { intent: 'publicity', side: 'mentor', shows: 'true' })).status).toBe(302);
    expect((await post(pair.id, pair.mentor.email, { intent: 'publicity', side: 'mentor', shows: 'true' })).status).toBe(302);
    expect(await consents(pair.id)).toEqual({ mentor: true, mentee: false });
    expect(await publicityEvents(pair.id)).toHaveLength(1);
  });

  test('the audit row is written in the act’s transaction: if it cannot be written, the consent is not changed either', async () => {
    const pair = await activePair();
    // An actor that does not exist breaks the audit row's foreign key, after the UPDATE.
    await expect(
      setTwinningPublicity(db, { twinningId: pair.id, side: 'mentor', shows: true, actorId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow();
    expect(await consents(pair.id)).toEqual({ mentor: false, mentee: false });
    expect(await publicityEvents(pair.id)).toEqual([]);
  });

  test('only the side’s own admin may set it: the other side, a plain member, a coordinator and a stranger get a 404 and nothing changes', async () => {
    const pair = await activePair();
    const stranger = await createPoleWithAdmin(db);
    const refusals = [
      [pair.mentee.email, 'mentor'],
      [pair.mentor.email, 'mentee'],
      [pair.memberEmail, 'mentor'],
      ['coord.occitanie@demo.ptce.fr', 'mentee'],
      ['admin@demo.ptce.fr', 'mentor'],
      [stranger.email, 'mentee'],
    ] as const;
    for (const [email, side] of refusals) {
      const response = await post(pair.id, email, { intent: 'publicity', side, shows: 'true' });
      expect(response.status, `${email} for ${side}`).toBe(404);
    }
    expect(await consents(pair.id)).toEqual({ mentor: false, mentee: false });
    expect(await publicityEvents(pair.id)).toEqual([]);
    // The member reads where things stand, without the button.
    expect((await visit(pair.id, pair.memberEmail)).data.sides.every((side: { canSetPublicity: boolean }) => !side.canSetPublicity)).toBe(true);
  });

  test('a bad value is a 400; an ended twinning keeps its consents (409)', async () => {
    const pair = await activePair();
    const bad = await post(pair.id, pair.mentor.email, { intent: 'publicity', side: 'mentor', shows: 'peut-être' });
    expect(bad.status).toBe(400);
    await db.update(twinnings).set({ state: 'completed', endedAt: new Date() }).where(eq(twinnings.id, pair.id));
    const late = await post(pair.id, pair.mentor.email, { intent: 'publicity', side: 'mentor', shows: 'true' });
    expect(late.status).toBe(409);
    expect(await consents(pair.id)).toEqual({ mentor: false, mentee: false });
    expect(await publicityEvents(pair.id)).toEqual([]);
    expect((await visit(pair.id, pair.mentor.email)).data.sides[0]).toMatchObject({ canSetPublicity: false });
  });

  test('the two sides consenting at the same moment both count', async () => {
    const pair = await activePair();
    const [mentorId, menteeId] = [pair.mentor.user.id, pair.mentee.user.id];
    const outcomes = await Promise.all([
      setTwinningPublicity(db, { twinningId: pair.id, side: 'mentor', shows: true, actorId: mentorId }),
      setTwinningPublicity(db, { twinningId: pair.id, side: 'mentee', shows: true, actorId: menteeId }),
      setTwinningPublicity(db, { twinningId: pair.id, side: 'mentor', shows: true, actorId: mentorId }),
    ]);
    expect(outcomes.every((outcome) => outcome.status === 'done')).toBe(true);
    expect(await consents(pair.id)).toEqual({ mentor: true, mentee: true });
    // The mentor's second click found it given already: one row per side, not three.
    const sides = (await publicityEvents(pair.id)).map((event) => (event.data as { side: string }).side);
    expect(sides.sort()).toEqual(['mentee', 'mentor']);
  });
});
