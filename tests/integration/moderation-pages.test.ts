import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { hideMessage, lockThread, mutePerson, reportMessage, setSlowMode } from '#app/models/moderation.server';
import { findThreadFacts } from '#app/models/threads.server';
import { action as queueAction, loader as queueLoader } from '#app/routes/moderation._index';
import { loader as journalLoader } from '#app/routes/moderation.journal';
import { loader as layoutLoader } from '#app/routes/moderation';
import { loadActor } from '#app/utils/permissions.server';
import { handleThreadModeration } from '#app/utils/thread-moderation.server';
import { messages, threadMutes, threads } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flashOf, inFrench, settle } from '#tests/setup/responses';
import { createPerson, demoUser, threadWithMessage } from './moderation-fixtures';

/**
 * The moderation forms over HTTP (`handleThreadModeration`, which the thread pages' actions call,
 * and the /moderation queue's action), for each role: the thread's region's coordinator and the
 * national admin act; another region's coordinator, a pole member and the national observer get
 * the 404 of a missing record and change nothing. Then the queue (order, content) and the log
 * (scoped by region, paginated).
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const moderators = ['coord.occitanie@demo.ptce.fr', 'admin@demo.ptce.fr'];
const outsiders = ['coord.aura@demo.ptce.fr', 'membre@demo.ptce.fr', 'observateur@demo.ptce.fr'];

async function moderate(email: string, threadId: string, form: Record<string, string>) {
  const cookie = await cookieFor(email);
  const user = await demoUser(db, email);
  const request = makeRequest(`/conversations/${threadId}`, { form, cookie });
  const body = new FormData();
  for (const [name, value] of Object.entries(form)) body.append(name, value);
  const thread = (await findThreadFacts(db, threadId))!;
  return settle(handleThreadModeration(request, context, { thread, form: body, actor: (await loadActor(db, user.id))! }));
}

/** Each act: how to prepare a fresh thread for it, the form, and what it changed. */
const acts: Array<{
  intent: string;
  prepare?: (fixture: Awaited<ReturnType<typeof threadWithMessage>>) => Promise<void>;
  form: (fixture: Awaited<ReturnType<typeof threadWithMessage>>) => Record<string, string>;
  changed: (fixture: Awaited<ReturnType<typeof threadWithMessage>>) => Promise<boolean>;
}> = [
  {
    intent: 'hide',
    form: ({ message }) => ({ intent: 'hide', messageId: message.id, reason: 'Propos injurieux' }),
    changed: async ({ message }) => (await db.select().from(messages).where(eq(messages.id, message.id)))[0]!.hiddenAt !== null,
  },
  {
    intent: 'restore',
    prepare: async ({ message }) =>
      void (await hideMessage(services, { messageId: message.id, moderatorId: (await demoUser(db, 'admin@demo.ptce.fr')).id, reason: 'Avant' })),
    form: ({ message }) => ({ intent: 'restore', messageId: message.id, reason: 'Finalement acceptable' }),
    changed: async ({ message }) => (await db.select().from(messages).where(eq(messages.id, message.id)))[0]!.hiddenAt === null,
  },
  {
    intent: 'lock',
    form: () => ({ intent: 'lock', reason: 'Le ton monte' }),
    changed: async ({ thread }) => (await db.select().from(threads).where(eq(threads.id, thread.id)))[0]!.lockedAt !== null,
  },
  {
    intent: 'unlock',
    prepare: async ({ thread }) =>
      void (await lockThread(services, { threadId: thread.id, moderatorId: (await demoUser(db, 'admin@demo.ptce.fr')).id, reason: 'Avant' })),
    form: () => ({ intent: 'unlock' }),
    changed: async ({ thread }) => (await db.select().from(threads).where(eq(threads.id, thread.id)))[0]!.lockedAt === null,
  },
  {
    intent: 'slowMode',
    form: () => ({ intent: 'slowMode', seconds: '30', hours: '2' }),
    changed: async ({ thread }) => (await db.select().from(threads).where(eq(threads.id, thread.id)))[0]!.slowModeSeconds === 30,
  },
  {
    intent: 'endSlowMode',
    prepare: async ({ thread }) =>
      void (await setSlowMode(services, { threadId: thread.id, moderatorId: (await demoUser(db, 'admin@demo.ptce.fr')).id, seconds: 30, hours: 2 })),
    form: () => ({ intent: 'endSlowMode' }),
    changed: async ({ thread }) => (await db.select().from(threads).where(eq(threads.id, thread.id)))[0]!.slowModeSeconds === null,
  },
  {
    intent: 'mute',
    form: ({ author }) => ({ intent: 'mute', userId: author.id, hours: '24', reason: 'Insultes répétées' }),
    changed: async ({ author }) => (await db.select().from(threadMutes).where(eq(threadMutes.userId, author.id))).length === 1,
  },
  {
    intent: 'unmute',
    prepare: async ({ thread, author }) =>
      void (await mutePerson(services, {
        threadId: thread.id,
        userId: author.id,
        moderatorId: (await demoUser(db, 'admin@demo.ptce.fr')).id,
        hours: 24,
        reason: 'Avant',
      })),
    form: ({ author }) => ({ intent: 'unmute', userId: author.id }),
    changed: async ({ author }) => (await db.select().from(threadMutes).where(eq(threadMutes.userId, author.id)))[0]!.liftedAt !== null,
  },
];

describe('each act, for each role', () => {
  for (const act of acts) {
    test(`${act.intent}: the region's coordinator and the national admin act; another region's coordinator, a member, the observer get 404`, async () => {
      for (const email of [...outsiders, ...moderators]) {
        const fixture = await threadWithMessage(services);
        await act.prepare?.(fixture);
        const outcome = await moderate(email, fixture.thread.id, act.form(fixture));
        const allowed = moderators.includes(email);
        expect({ email, status: outcome.status }).toEqual({ email, status: allowed ? 302 : 404 });
        expect({ email, changed: await act.changed(fixture) }).toEqual({ email, changed: allowed });
        if (allowed)
          expect(outcome.location).toBe(
            `/conversations/${fixture.thread.id}${act.intent === 'hide' || act.intent === 'restore' ? `#message-${fixture.message.id}` : ''}`,
          );
      }
    });
  }

  test('report: a member of the thread’s pole and the moderators may; another region’s coordinator and the observer get 404', async () => {
    for (const [email, status] of [
      ['membre@demo.ptce.fr', 302],
      ['coord.occitanie@demo.ptce.fr', 302],
      ['admin@demo.ptce.fr', 302],
      ['coord.aura@demo.ptce.fr', 404],
      ['observateur@demo.ptce.fr', 404],
    ] as const) {
      const { thread, message } = await threadWithMessage(services);
      const outcome = await moderate(email, thread.id, { intent: 'report', messageId: message.id, reason: 'Publicité déguisée' });
      expect({ email, status: outcome.status }).toEqual({ email, status });
      if (status === 302) expect((await flashOf(outcome as never, context))?.message).toBe('moderation.notices.reported');
    }
  });

  test('missing reasons and bad values come back in French beside the field (400), refusals of the act as the form’s message (409)', async () => {
    const { thread, message, author } = await threadWithMessage(services);
    const coordinator = 'coord.occitanie@demo.ptce.fr';
    for (const [form, field, key] of [
      [{ intent: 'hide', messageId: message.id, reason: ' ' }, 'reason', 'moderation.errors.reasonRequired'],
      [{ intent: 'lock' }, 'reason', 'moderation.errors.reasonRequired'],
      [{ intent: 'slowMode', seconds: '2', hours: '2' }, 'seconds', 'moderation.errors.slowSeconds'],
      [{ intent: 'slowMode', seconds: '30', hours: 'beaucoup' }, 'hours', 'moderation.errors.slowHours'],
      [{ intent: 'mute', userId: author.id, hours: '5', reason: 'Insultes' }, 'hours', 'moderation.errors.muteDuration'],
      [{ intent: 'restore', messageId: message.id, reason: 'x'.repeat(501) }, 'reason', 'moderation.errors.reasonTooLong'],
    ] as const) {
      const outcome = await moderate(coordinator, thread.id, form);
      expect(outcome.status).toBe(400);
      expect(outcome.data).toMatchObject({ intent: form.intent, result: { error: { [field]: [key] } } });
      expect(inFrench(key)).toMatch(/[a-zé]/);
    }
    const member = await moderate('membre@demo.ptce.fr', thread.id, { intent: 'report', messageId: message.id, reason: '' });
    expect(member.data).toMatchObject({ intent: 'report', targetId: message.id, result: { error: { reason: ['moderation.errors.reasonRequired'] } } });
    expect((await moderate('membre@demo.ptce.fr', thread.id, { intent: 'report', messageId: message.id, reason: 'Hors sujet' })).status).toBe(302);
    const again = await moderate('membre@demo.ptce.fr', thread.id, { intent: 'report', messageId: message.id, reason: 'Hors sujet' });
    expect(again).toMatchObject({ status: 409, data: { result: { error: { '': ['moderation.errors.alreadyReported'] } } } });
    expect((await moderate(coordinator, thread.id, { intent: 'unlock' })).data).toMatchObject({ result: { error: { '': ['moderation.errors.notLocked'] } } });
    // Ids that cannot exist, or a message of another thread: the 404 of a missing record.
    const other = await threadWithMessage(services);
    expect((await moderate(coordinator, thread.id, { intent: 'hide', messageId: 'pas-un-id', reason: 'Motif' })).status).toBe(404);
    expect((await moderate(coordinator, thread.id, { intent: 'hide', messageId: other.message.id, reason: 'Motif' })).status).toBe(404);
    // Not a moderation intent: the page's own action goes on.
    expect(await moderate(coordinator, thread.id, { intent: 'post', message: 'Bonjour' }).catch(() => 'thrown')).toMatchObject({ data: null });
  });
});

describe('the queue', () => {
  const asked = async (email: string) => settle(queueLoader(routeArgs(context, makeRequest('/moderation', { cookie: await cookieFor(email) }))));

  test('only the moderation desk: members and the observer get 404', async () => {
    for (const email of ['membre@demo.ptce.fr', 'observateur@demo.ptce.fr', 'figeacteurs@demo.ptce.fr']) {
      expect(await settle(layoutLoader(routeArgs(context, makeRequest('/moderation', { cookie: await cookieFor(email) }))))).toMatchObject({ status: 404 });
      expect(await asked(email)).toMatchObject({ status: 404 });
    }
  });

  test('oldest report first, with the text (even hidden), the state and each report; scoped by region; a decision takes it out', async () => {
    const first = await threadWithMessage(services, { body: 'Premier signalé' });
    const second = await threadWithMessage(services, { body: 'Second signalé, masqué' });
    const elsewhere = await threadWithMessage(services, { regionCode: '84', body: 'En Auvergne-Rhône-Alpes' });
    const reporters = await Promise.all([createPerson(db), createPerson(db), createPerson(db)]);
    await reportMessage(services, { messageId: first.message.id, reporterId: reporters[0]!.id, reason: 'Premier motif' });
    for (const reporter of reporters)
      await reportMessage(services, { messageId: second.message.id, reporterId: reporter.id, reason: `Motif de ${reporter.name}` });
    await reportMessage(services, { messageId: elsewhere.message.id, reporterId: reporters[0]!.id, reason: 'Ailleurs' });

    const occitanie = await asked('coord.occitanie@demo.ptce.fr');
    const ids = occitanie.data.items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(first.message.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.message.id)).toBeLessThan(ids.indexOf(second.message.id));
    expect(ids).not.toContain(elsewhere.message.id);
    const hidden = occitanie.data.items.find((item: { id: string }) => item.id === second.message.id);
    expect(hidden).toMatchObject({
      body: 'Second signalé, masqué',
      hiddenBy: 'reports',
      title: second.thread.title,
      path: `/conversations/${second.thread.id}#message-${second.message.id}`,
      reports: reporters.map((reporter) => expect.objectContaining({ reporterName: reporter.name, reason: `Motif de ${reporter.name}` })),
    });
    expect((await asked('coord.aura@demo.ptce.fr')).data.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([elsewhere.message.id]));
    expect((await asked('coord.aura@demo.ptce.fr')).data.items.map((item: { id: string }) => item.id)).not.toContain(first.message.id);
    expect((await asked('admin@demo.ptce.fr')).data.items.map((item: { id: string }) => item.id)).toEqual(
      expect.arrayContaining([first.message.id, elsewhere.message.id]),
    );

    // Another region's coordinator cannot decide on it from the queue either.
    const post = async (email: string, form: Record<string, string>) =>
      settle(queueAction(routeArgs(context, makeRequest('/moderation?index', { form, cookie: await cookieFor(email) }))));
    expect(await post('coord.aura@demo.ptce.fr', { intent: 'hide', messageId: first.message.id, reason: 'Pas ma région' })).toMatchObject({ status: 404 });
    expect(await post('coord.occitanie@demo.ptce.fr', { intent: 'lock', messageId: first.message.id, reason: 'Non' })).toMatchObject({ status: 404 });
    const missing = await post('coord.occitanie@demo.ptce.fr', { intent: 'hide', messageId: first.message.id, reason: '' });
    expect(missing).toMatchObject({
      status: 400,
      data: { intent: 'hide', targetId: first.message.id, result: { error: { reason: ['moderation.errors.reasonRequired'] } } },
    });
    expect(await post('coord.occitanie@demo.ptce.fr', { intent: 'restore', messageId: first.message.id, reason: 'Critique légitime' })).toMatchObject({
      status: 302,
      location: '/moderation',
    });
    expect(await post('coord.occitanie@demo.ptce.fr', { intent: 'restore', messageId: second.message.id, reason: 'Rien de grave' })).toMatchObject({
      status: 302,
    });
    const after = (await asked('coord.occitanie@demo.ptce.fr')).data.items.map((item: { id: string }) => item.id);
    expect(after).not.toContain(first.message.id);
    expect(after).not.toContain(second.message.id);
  });
});

describe('the log', () => {
  const journal = async (email: string, page = 1) =>
    settle(journalLoader(routeArgs(context, makeRequest(`/moderation/journal?page=${page}`, { cookie: await cookieFor(email) }))));

  test('each region’s coordinators read its acts, the national admin all; who, what, why, with the thread; pages of 30', async () => {
    const occitanie = await threadWithMessage(services);
    const aura = await threadWithMessage(services, { regionCode: '84' });
    const admin = await demoUser(db, 'admin@demo.ptce.fr');
    await lockThread(services, { threadId: occitanie.thread.id, moderatorId: admin.id, reason: 'Verrou occitan' });
    await lockThread(services, { threadId: aura.thread.id, moderatorId: admin.id, reason: 'Verrou auvergnat' });

    const reasons = async (email: string) => (await journal(email)).data.entries.map((entry: { reason: string | null }) => entry.reason);
    expect(await reasons('coord.occitanie@demo.ptce.fr')).toContain('Verrou occitan');
    expect(await reasons('coord.occitanie@demo.ptce.fr')).not.toContain('Verrou auvergnat');
    expect(await reasons('coord.aura@demo.ptce.fr')).toContain('Verrou auvergnat');
    expect(await reasons('coord.aura@demo.ptce.fr')).not.toContain('Verrou occitan');
    const all = await journal('admin@demo.ptce.fr');
    expect(all.data.entries.slice(0, 2)).toEqual([
      expect.objectContaining({
        action: 'thread.locked',
        actorName: admin.name,
        reason: 'Verrou auvergnat',
        thread: { title: aura.thread.title, path: `/conversations/${aura.thread.id}` },
      }),
      expect.objectContaining({ action: 'thread.locked', reason: 'Verrou occitan' }),
    ]);
    for (const email of ['membre@demo.ptce.fr', 'observateur@demo.ptce.fr']) expect(await journal(email)).toMatchObject({ status: 404 });

    // Enough acts for a second page, in order, without repeats.
    for (let index = 0; index < 31; index += 1)
      await setSlowMode(services, { threadId: occitanie.thread.id, moderatorId: admin.id, seconds: 5 + index, hours: 1 });
    const [one, two] = [await journal('coord.occitanie@demo.ptce.fr', 1), await journal('coord.occitanie@demo.ptce.fr', 2)];
    expect(one.data.entries).toHaveLength(30);
    expect(one.data.pages).toBeGreaterThanOrEqual(2);
    expect(one.data.entries[0]).toMatchObject({ action: 'thread.slow-mode-set', seconds: 35 });
    const onBoth = new Set([...one.data.entries, ...two.data.entries].map((entry: { id: string }) => entry.id));
    expect(onBoth.size).toBe(one.data.entries.length + two.data.entries.length);
    expect((await journal('coord.occitanie@demo.ptce.fr', -3)).data.page).toBe(1);
  });
});
