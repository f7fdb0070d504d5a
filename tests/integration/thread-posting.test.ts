import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { findThreadFacts } from '#app/models/threads.server';
import { messagesPerMinute } from '#app/utils/rate-limit.server';
import type { Published } from '#app/utils/realtime.server';
import { polesToSpeakFor } from '#app/models/thread-people.server';
import { sendThreadMessage, type SendInput } from '#app/utils/thread-posting.server';
import { messages, poleMemberships, threadMutes, threads } from '#db/schema';
import { createPole } from '#db/seed/factories';
import { setupTestContext } from '#tests/setup/context';
import { actorFor, demoPole, demoUser, forumTopic, memberOf, poleThread, twoPolesAndThread } from './thread-delivery-fixtures';

/**
 * The one sending path of live threads (decision 019), called as the form and the socket call it:
 * who may post, the pole one speaks for, idempotent retries (also sent together), each refusal,
 * the per-minute limit, and what is published once the message is committed.
 */
const { context, services, database } = await setupTestContext();
const { db } = services;

async function send(userId: string, input: Omit<SendInput, 'actor' | 'key' | 'poleId'> & { key?: string | null; poleId?: string | null }) {
  return sendThreadMessage(context, { key: randomUUID(), poleId: null, ...input, actor: await actorFor(db, userId) });
}

/** Everything published while `work` runs. */
async function publishedDuring(work: () => Promise<unknown>): Promise<Published[]> {
  const seen: Published[] = [];
  const stop = services.realtime.onPublish((published) => seen.push(published));
  try {
    await work();
  } finally {
    stop();
  }
  return seen;
}

const storedWith = (threadId: string) => db.select().from(messages).where(eq(messages.threadId, threadId));

describe('who may post', () => {
  test('members of the two poles post; a coordinator of the region reads but may not post; others do not see it', async () => {
    const [figeac, causses] = [await demoPole(db, 'figeacteurs'), await demoPole(db, 'causses-cevennes-demo')];
    const thread = await poleThread(db, { poleIds: [figeac.id, causses.id] });
    const expectations: Array<[string, 'ok' | 'not-found']> = [
      ['figeacteurs@demo.ptce.fr', 'ok'],
      ['membre@demo.ptce.fr', 'ok'],
      ['emergent@demo.ptce.fr', 'ok'],
      ['coord.occitanie@demo.ptce.fr', 'not-found'],
      ['coord.aura@demo.ptce.fr', 'not-found'],
      ['admin@demo.ptce.fr', 'not-found'],
      ['cantal@demo.ptce.fr', 'not-found'],
      ['observateur@demo.ptce.fr', 'not-found'],
    ];
    for (const [email, expected] of expectations) {
      const outcome = await send((await demoUser(db, email)).id, { threadId: thread.id, text: `Bonjour de ${email}` });
      expect([email, outcome.ok ? 'ok' : outcome.error]).toEqual([email, expected]);
    }
    expect(await storedWith(thread.id)).toHaveLength(3);
  });

  test('in a region’s forum: its poles’ members and coordinators post; another region’s do not', async () => {
    const topic = await forumTopic(db, '76');
    const expectations: Array<[string, 'ok' | 'not-found']> = [
      ['emergent@demo.ptce.fr', 'ok'],
      ['coord.occitanie@demo.ptce.fr', 'ok'],
      ['admin@demo.ptce.fr', 'ok'],
      ['cantal@demo.ptce.fr', 'not-found'],
      ['coord.aura@demo.ptce.fr', 'not-found'],
    ];
    for (const [email, expected] of expectations) {
      const outcome = await send((await demoUser(db, email)).id, { threadId: topic.id, text: 'Une question au forum' });
      expect([email, outcome.ok ? 'ok' : outcome.error]).toEqual([email, expected]);
    }
    // The coordinator writes in their own name (no pole); the pole member for their pole.
    const rows = await storedWith(topic.id);
    const coordinator = await demoUser(db, 'coord.occitanie@demo.ptce.fr');
    expect(rows.find((row) => row.authorId === coordinator.id)!.authorPoleId).toBeNull();
    const emergent = await demoUser(db, 'emergent@demo.ptce.fr');
    expect(rows.find((row) => row.authorId === emergent.id)!.authorPoleId).toBe((await demoPole(db, 'causses-cevennes-demo')).id);
  });

  test('an unknown thread is not-found', async () => {
    const outcome = await send((await demoUser(db, 'figeacteurs@demo.ptce.fr')).id, { threadId: randomUUID(), text: 'Personne ?' });
    expect(outcome).toEqual({ ok: false, error: 'not-found' });
  });
});

describe('the pole a message speaks for', () => {
  test('a given pole must be one of the person’s poles taking part; none given: the first of them by name', async () => {
    const { a, b, thread } = await twoPolesAndThread(db);
    const elsewhere = await createPole(db, { name: 'AAA Pôle ailleurs' });
    const both = await memberOf(db, b.id);
    await db.insert(poleMemberships).values([
      { userId: both.id, poleId: a.id, role: 'member' },
      { userId: both.id, poleId: elsewhere.id, role: 'member' },
    ]);
    const actor = await actorFor(db, both.id);
    const facts = (await findThreadFacts(db, thread.id))!;
    const choices = await polesToSpeakFor(db, actor, facts);
    expect(choices.map((pole) => pole.id).sort()).toEqual([a.id, b.id].sort());
    expect(await send(both.id, { threadId: thread.id, text: 'Au nom d’un pôle extérieur', poleId: elsewhere.id })).toEqual({ ok: false, error: 'invalid' });
    const sent = await send(both.id, { threadId: thread.id, text: 'Au nom du pôle B', poleId: b.id });
    expect(sent).toMatchObject({ ok: true, message: { poleName: b.name } });
    const chosen = await send(both.id, { threadId: thread.id, text: 'Sans choisir' });
    expect(chosen).toMatchObject({ ok: true, message: { poleName: choices[0]!.name } });
  });
});

describe('idempotent retries', () => {
  test('the same key twice stores one message and answers the same one; the retry publishes nothing', async () => {
    const { alice, thread } = await twoPolesAndThread(db);
    const key = randomUUID();
    const first = await send(alice.id, { threadId: thread.id, text: 'Une seule fois', key });
    const published = await publishedDuring(async () => {
      const again = await send(alice.id, { threadId: thread.id, text: 'Une seule fois', key });
      expect(again).toEqual(first);
    });
    expect(published).toEqual([]);
    expect(await storedWith(thread.id)).toHaveLength(1);
  });

  test('ten sends of one key at once store one row, all answered with its id, published once', async () => {
    const { alice, thread } = await twoPolesAndThread(db);
    const key = randomUUID();
    const actor = await actorFor(db, alice.id);
    let outcomes: Awaited<ReturnType<typeof sendThreadMessage>>[] = [];
    const published = await publishedDuring(async () => {
      outcomes = await Promise.all(
        Array.from({ length: 10 }, () => sendThreadMessage(context, { actor, threadId: thread.id, text: 'En rafale', key, poleId: null })),
      );
    });
    const ids = new Set(outcomes.map((outcome) => (outcome.ok ? outcome.message.id : outcome.error)));
    expect(ids.size).toBe(1);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(await storedWith(thread.id)).toHaveLength(1);
    expect(published.filter((entry) => entry.event === 'thread:message')).toHaveLength(1);
  });

  test('a retry of a stored message is answered even when the person’s limit is used up', async () => {
    const { alice, thread } = await twoPolesAndThread(db);
    const key = randomUUID();
    await send(alice.id, { threadId: thread.id, text: 'Premier', key });
    for (let index = 1; index < messagesPerMinute; index += 1)
      expect(await send(alice.id, { threadId: thread.id, text: `Message ${index}` })).toMatchObject({ ok: true });
    expect(await send(alice.id, { threadId: thread.id, text: 'Un de trop' })).toMatchObject({ ok: false, error: 'rate-limited' });
    expect(await send(alice.id, { threadId: thread.id, text: 'Premier', key })).toMatchObject({ ok: true, message: { body: 'Premier' } });
  });
});

describe('refusals', () => {
  test('a locked thread refuses, and stores nothing', async () => {
    const { alice, thread } = await twoPolesAndThread(db);
    await db.update(threads).set({ lockedAt: new Date() }).where(eq(threads.id, thread.id));
    expect(await send(alice.id, { threadId: thread.id, text: 'Encore un mot' })).toEqual({ ok: false, error: 'locked' });
    expect(await storedWith(thread.id)).toHaveLength(0);
  });

  test('a person muted in the region gets the end of the mute; in another region they still write', async () => {
    const { alice, thread } = await twoPolesAndThread(db);
    const until = new Date(Date.now() + 3_600_000);
    await db.insert(threadMutes).values({ userId: alice.id, regionCode: '76', until, reason: 'Propos répétés hors sujet' });
    expect(await send(alice.id, { threadId: thread.id, text: 'Je reviens' })).toEqual({ ok: false, error: 'muted', until: until.toISOString() });
    const national = await forumTopic(db, null);
    expect(await send(alice.id, { threadId: national.id, text: 'Au forum national' })).toMatchObject({ ok: true });
  });

  test('slow mode: the second message waits, with the seconds left; the region’s coordinator is exempt', async () => {
    const topic = await forumTopic(db, '76');
    await db
      .update(threads)
      .set({ slowModeSeconds: 60, slowModeUntil: new Date(Date.now() + 3_600_000) })
      .where(eq(threads.id, topic.id));
    const member = await memberOf(db, (await demoPole(db, 'figeacteurs')).id);
    expect(await send(member.id, { threadId: topic.id, text: 'Premier' })).toMatchObject({ ok: true });
    const refused = await send(member.id, { threadId: topic.id, text: 'Second' });
    expect(refused).toMatchObject({ ok: false, error: 'slow' });
    expect((refused as { retryAfter: number }).retryAfter).toBeGreaterThan(55);
    expect((refused as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(60);
    const coordinator = await demoUser(db, 'coord.occitanie@demo.ptce.fr');
    expect(await send(coordinator.id, { threadId: topic.id, text: 'Coordination 1' })).toMatchObject({ ok: true });
    expect(await send(coordinator.id, { threadId: topic.id, text: 'Coordination 2' })).toMatchObject({ ok: true });
  });

  test(`${messagesPerMinute} messages a minute per person, the next refused with a wait; refusals do not count`, async () => {
    const { alice, bob, thread } = await twoPolesAndThread(db);
    await db.update(threads).set({ lockedAt: new Date() }).where(eq(threads.id, thread.id));
    // Refused (locked) sends give their point back.
    for (let index = 0; index < 5; index += 1) expect(await send(alice.id, { threadId: thread.id, text: 'Verrouillé' })).toMatchObject({ error: 'locked' });
    await db.update(threads).set({ lockedAt: null }).where(eq(threads.id, thread.id));
    // Sent together, exactly the limit passes.
    const actor = await actorFor(db, alice.id);
    const outcomes = await Promise.all(
      Array.from({ length: messagesPerMinute + 5 }, (_, index) =>
        sendThreadMessage(context, { actor, threadId: thread.id, text: `Rafale ${index}`, key: randomUUID(), poleId: null }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(messagesPerMinute);
    const limited = outcomes.filter((outcome) => !outcome.ok);
    expect(limited).toHaveLength(5);
    for (const outcome of limited) {
      expect(outcome).toMatchObject({ ok: false, error: 'rate-limited' });
      expect((outcome as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
      expect((outcome as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(60);
    }
    expect(await storedWith(thread.id)).toHaveLength(messagesPerMinute);
    // The limit is the person’s: the other pole still writes.
    expect(await send(bob.id, { threadId: thread.id, text: 'Moi je peux' })).toMatchObject({ ok: true });
  });
});

describe('what is published, after the commit', () => {
  test('the message to the thread’s room, message:new to the other people of both poles, mention:new to the person named', async () => {
    const { a, b, alice, bob, thread } = await twoPolesAndThread(db);
    const carol = await memberOf(db, a.id, { name: 'Carole Mentionnée' });
    let sent: Awaited<ReturnType<typeof send>> | undefined;
    const published = await publishedDuring(async () => {
      sent = await send(alice.id, { threadId: thread.id, text: 'Bonjour @Carole Mentionnée, voyez https://exemple.fr' });
    });
    expect(sent).toMatchObject({
      ok: true,
      message: { body: 'Bonjour @Carole Mentionnée, voyez https://exemple.fr', mentions: [{ id: carol.id, name: carol.name }] },
    });
    const message = (sent as { message: { id: string; seq: number; createdAt: string } }).message;
    // Stored before it was published: the row exists with the seq broadcast.
    const [row] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.id, message.id), eq(messages.seq, message.seq)));
    expect(row).toBeDefined();
    expect(published.map(({ event, rooms }) => ({ event, rooms: [...rooms].sort() }))).toEqual([
      { event: 'thread:message', rooms: [`thread:${thread.id}`] },
      { event: 'message:new', rooms: [`user:${bob.id}`, `user:${carol.id}`].sort() },
      { event: 'mention:new', rooms: [`user:${carol.id}`] },
    ]);
    expect(published[1]!.payload).toEqual({ threadId: thread.id, fromPole: { id: a.id, name: a.name }, authorId: alice.id, sentAt: message.createdAt });
    expect(published[2]!.payload).toEqual({ threadId: thread.id, messageId: message.id, title: thread.title, by: alice.name });
    expect(b.id).not.toBe(a.id);
  });

  test('a forum message goes to the topic’s room only', async () => {
    const topic = await forumTopic(db, '76');
    const member = await memberOf(db, (await demoPole(db, 'figeacteurs')).id);
    const published = await publishedDuring(() => send(member.id, { threadId: topic.id, text: 'Au forum' }));
    expect(published.map((entry) => [entry.event, entry.rooms])).toEqual([['thread:message', [`thread:${topic.id}`]]]);
  });

  test('a publishing failure is logged, never thrown: the message is stored and answered', async () => {
    const { alice, thread } = await twoPolesAndThread(db);
    const failing = { ...context, realtime: { ...context.realtime, publish: () => Promise.reject(new Error('réseau coupé')) } };
    const outcome = await sendThreadMessage(failing, {
      actor: await actorFor(db, alice.id),
      threadId: thread.id,
      text: 'Malgré tout',
      key: randomUUID(),
      poleId: null,
    });
    expect(outcome).toMatchObject({ ok: true });
    expect(await storedWith(thread.id)).toHaveLength(1);
  });
});

console.info(`thread-posting: running on ${database.kind}`);
