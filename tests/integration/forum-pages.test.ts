import { and, count, eq, isNull } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { topicsPerPage } from '#app/models/forum.server';
import { loader as indexLoader } from '#app/routes/forum._index';
import { action as forumAction, loader as forumLoader } from '#app/routes/forum.$region._index';
import { action as topicAction, loader as topicLoader } from '#app/routes/forum.$region.$id';
import { messages, poles, threads, users } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flashOf, inFrench, settle } from '#tests/setup/responses';

/**
 * The forums (decision 019): `/forum` lists those the person may read, `/forum/<region>` and
 * `/forum/national` list topics and open new ones (the thread and its first message at once), a
 * topic is the shared live thread page.
 */
const { context, services, cookieFor } = await setupTestContext();
const db = services.db;

const figeacMember = 'membre@demo.ptce.fr';
const emergent = 'emergent@demo.ptce.fr';
const coordinator = 'coord.occitanie@demo.ptce.fr';
const otherCoordinator = 'coord.aura@demo.ptce.fr';
const nationalAdmin = 'admin@demo.ptce.fr';
const aura = 'cantal@demo.ptce.fr';

const cookies = new Map<string, string>();
async function cookieOf(email?: string) {
  if (!email) return undefined;
  if (!cookies.has(email)) cookies.set(email, await cookieFor(email));
  return cookies.get(email);
}

const list = async (region: string, email?: string, search = '') =>
  settle(forumLoader(routeArgs(context, makeRequest(`/forum/${region}${search}`, { cookie: await cookieOf(email) }), { region })));
const open = async (region: string, form: Record<string, string>, email?: string) =>
  settle(forumAction(routeArgs(context, makeRequest(`/forum/${region}`, { form, cookie: await cookieOf(email) }), { region })));
const topic = async (region: string, id: string, email?: string) =>
  settle(topicLoader(routeArgs(context, makeRequest(`/forum/${region}/${id}`, { cookie: await cookieOf(email) }), { region, id })));
const reply = async (region: string, id: string, form: Record<string, string>, email?: string) =>
  settle(
    topicAction(
      routeArgs(context, makeRequest(`/forum/${region}/${id}`, { form: { intent: 'post', ...form }, cookie: await cookieOf(email) }), { region, id }),
    ),
  );
const topicCount = async (regionCode: string | null) =>
  (
    await db
      .select({ total: count() })
      .from(threads)
      .where(and(eq(threads.subjectType, 'forum'), regionCode ? eq(threads.regionCode, regionCode) : isNull(threads.regionCode)))
  )[0]!.total;

describe('/forum: the forums one may read', () => {
  test('a visitor is sent to sign in', async () => {
    const outcome = await settle(indexLoader(routeArgs(context, makeRequest('/forum'))));
    expect(outcome.location).toBe(`/connexion?redirectTo=${encodeURIComponent('/forum')}`);
  });

  test('a pole member: the national forum and their region’s; a coordinator: their regions’; the national admin: all', async () => {
    const forums = async (email: string) =>
      (await settle(indexLoader(routeArgs(context, makeRequest('/forum', { cookie: await cookieOf(email) }))))).data.forums.map(
        (forum: { regionCode: string | null }) => forum.regionCode,
      );
    expect(await forums(figeacMember)).toEqual([null, '76']);
    expect(await forums(aura)).toEqual([null, '84']);
    expect(await forums(otherCoordinator)).toEqual(['84']);
    const all = await forums(nationalAdmin);
    expect(all[0]).toBeNull();
    expect(all).toContain('76');
    expect(all).toContain('84');
    expect(all.length).toBe((await db.select({ total: count() }).from((await import('#db/schema')).regions))[0]!.total + 1);
  });
});

describe('/forum/<region>: the topics', () => {
  test('members of the region’s poles and its coordinators read it; others get a 404; an unknown region too', async () => {
    for (const email of [figeacMember, emergent, coordinator, nationalAdmin]) expect((await list('76', email)).status, email).toBe(200);
    for (const email of [aura, otherCoordinator]) expect((await list('76', email)).status, email).toBe(404);
    expect((await list('76')).status).toBe(302);
    expect((await list('zz9', figeacMember)).status).toBe(404);
    expect((await list('pas une région', figeacMember)).status).toBe(404);
    expect((await list('national', figeacMember)).status).toBe(200);
    expect((await list('national', otherCoordinator)).status).toBe(404);
  });

  test('opening a topic stores the thread and its first message together, then shows the topic', async () => {
    const before = await topicCount('76');
    const key = crypto.randomUUID();
    const outcome = await open('76', { title: '  Partager un local associatif  ', message: 'Qui partage déjà un local ?', key }, figeacMember);
    expect(outcome.status).toBe(302);
    expect(await flashOf(outcome, context)).toEqual({ message: 'forum.notices.opened', values: { title: 'Partager un local associatif' } });
    const id = outcome.location!.split('/').at(-1)!;
    expect(outcome.location).toBe(`/forum/76/${id}`);
    const [thread] = await db.select().from(threads).where(eq(threads.id, id));
    expect(thread).toMatchObject({ subjectType: 'forum', regionCode: '76', title: 'Partager un local associatif' });
    const [figeac] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
    const stored = await db.select().from(messages).where(eq(messages.threadId, id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ body: 'Qui partage déjà un local ?', authorPoleId: figeac!.id });
    // Sent again with the same key (a double click, a reload), at once or later: still one topic.
    await Promise.all([1, 2, 3].map(() => open('76', { title: 'Partager un local associatif', message: 'Qui partage déjà un local ?', key }, figeacMember)));
    expect(await topicCount('76')).toBe(before + 1);

    const listed = (await list('76', emergent)).data.topics[0];
    expect(listed).toMatchObject({
      id,
      title: 'Partager un local associatif',
      authorName: 'Sophie Laurent (démo)',
      poleName: figeac!.name,
      messageCount: 1,
      locked: false,
    });
    const page = await topic('76', id, emergent);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ canPost: true, moderator: false, region: { code: '76' } });
    // The topic does not exist under another forum's address.
    expect((await topic('84', id, nationalAdmin)).status).toBe(404);
    expect((await topic('national', id, figeacMember)).status).toBe(404);
  });

  test('two different topics opened at once are both kept, newest activity first', async () => {
    const before = await topicCount('76');
    const outcomes = await Promise.all(
      ['Premier sujet simultané', 'Second sujet simultané'].map((title, index) =>
        open('76', { title, message: `Message ${index}` }, index ? emergent : figeacMember),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual([302, 302]);
    expect(await topicCount('76')).toBe(before + 2);
    const titles = (await list('76', coordinator)).data.topics.slice(0, 2).map((row: { title: string }) => row.title);
    expect(titles.sort()).toEqual(['Premier sujet simultané', 'Second sujet simultané']);
  });

  test.each([
    ['no title', { message: 'Un message.' }, 'title', 'forum.errors.titleRequired'],
    ['a title too short', { title: 'Ok', message: 'Un message.' }, 'title', 'forum.errors.titleTooShort'],
    ['a title too long', { title: 't'.repeat(151), message: 'Un message.' }, 'title', 'forum.errors.titleTooLong'],
    ['no message', { title: 'Un titre valable' }, 'message', 'threads.errors.textRequired'],
    ['a message too long', { title: 'Un titre valable', message: 'm'.repeat(4001) }, 'message', 'threads.errors.textTooLong'],
  ])('%s: 400, the French error beside its field, nothing stored', async (_, form: Record<string, string>, field, key) => {
    const before = await topicCount('76');
    const outcome = await open('76', form, figeacMember);
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error[field]).toEqual([key]);
    expect(inFrench(key)).toBeTruthy();
    expect(await topicCount('76')).toBe(before);
  });

  test('who opens topics: the region’s members and coordinators; in the national forum, national admins only', async () => {
    expect((await open('76', { title: 'Hors région', message: 'Je tente.' }, aura)).status).toBe(404);
    expect((await open('76', { title: 'Hors région', message: 'Je tente.' }, otherCoordinator)).status).toBe(404);
    expect((await open('76', { title: 'Hors connexion', message: 'Je tente.' })).status).toBe(302);
    expect((await list('national', figeacMember)).data.canOpen).toBe(false);
    expect((await open('national', { title: 'Sujet national', message: 'Je tente.' }, figeacMember)).status).toBe(404);
    const byCoordinator = await open('76', { title: 'Sujet de la coordination', message: 'La CRESS vous informe.' }, coordinator);
    expect(byCoordinator.status).toBe(302);
    const [first] = await db.select().from(messages).where(eq(messages.body, 'La CRESS vous informe.'));
    expect(first!.authorPoleId).toBeNull();
    const national = await open('national', { title: 'Bienvenue à tous', message: 'Le forum national est ouvert.' }, nationalAdmin);
    expect(national.location).toMatch(/^\/forum\/national\/[0-9a-f-]{36}$/);
  });

  test('a muted person opens no topic (409, French reason) and no empty topic is left', async () => {
    const { threadMutes } = await import('#db/schema');
    const [person] = await db.select({ id: users.id }).from(users).where(eq(users.email, emergent));
    const [mute] = await db
      .insert(threadMutes)
      .values({ userId: person!.id, regionCode: '76', until: new Date(Date.now() + 3600_000), reason: 'Messages répétés' })
      .returning();
    try {
      const before = await topicCount('76');
      const outcome = await open('76', { title: 'Un sujet en sourdine', message: 'Bonjour ?' }, emergent);
      expect(outcome.status).toBe(409);
      expect(outcome.data.result.error.message[0]).toMatch(/sourdine/);
      expect(await topicCount('76')).toBe(before);
    } finally {
      await db.delete(threadMutes).where(eq(threadMutes.id, mute!.id));
    }
  });

  test(`topics are paged by ${topicsPerPage}`, async () => {
    const total = await topicCount('84');
    await db
      .insert(threads)
      .values(Array.from({ length: topicsPerPage + 1 - total }, (_, index) => ({ subjectType: 'forum' as const, regionCode: '84', title: `Sujet ${index}` })));
    const first = (await list('84', aura)).data;
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: topicsPerPage + 1 });
    expect(first.topics).toHaveLength(topicsPerPage);
    const second = (await list('84', aura, '?page=2')).data;
    expect(second.topics).toHaveLength(1);
    expect((await list('84', aura, '?page=abc')).data.page).toBe(1);
  });
});

describe('a topic page', () => {
  test('a coordinator writes in their region’s forum, for no pole; a member of another region gets a 404', async () => {
    const created = await open('76', { title: 'Questions à la coordination', message: 'Une question ?' }, emergent);
    const id = created.location!.split('/').at(-1)!;
    const outcome = await reply('76', id, { message: 'Réponse de la coordination.' }, coordinator);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(new RegExp(`^/forum/76/${id}#message-`));
    expect((await topic('76', id, coordinator)).data).toMatchObject({ moderator: true, canPost: true });
    expect((await topic('76', id, aura)).status).toBe(404);
    expect((await reply('76', id, { message: 'Je passe par là.' }, aura)).status).toBe(404);
  });
});

describe('unread messages in the list', () => {
  test('a topic shows how many messages others wrote since the person last read it; reading it clears the count', async () => {
    const opened = await open('76', { title: 'Compter les non-lus', message: 'Premier message du sujet.' }, emergent);
    const id = opened.location!.split('/').at(-1)!.split('#')[0]!;
    const unreadFor = async (email: string) => ((await list('76', email)).data as { unread: Record<string, number> }).unread[id];
    // The author has read their own message; Figeacteurs' member has not opened the topic: not followed yet.
    expect(await unreadFor(emergent)).toBeUndefined();
    await topic('76', id, figeacMember);
    expect(await unreadFor(figeacMember)).toBeUndefined();
    await reply('76', id, { message: 'Deuxième.' }, emergent);
    await reply('76', id, { message: 'Troisième.' }, emergent);
    expect(await unreadFor(figeacMember)).toBe(2);
    expect(await unreadFor(emergent)).toBeUndefined();
    await topic('76', id, figeacMember);
    expect(await unreadFor(figeacMember)).toBeUndefined();
  });
});
