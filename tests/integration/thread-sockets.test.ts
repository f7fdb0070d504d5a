import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { hashToken } from '#app/utils/crypto.server';
import type { LiveMessage } from '#app/utils/realtime.server';
import { messages, sessions, threadMutes, threads } from '#db/schema';
import { startTestServer } from '#tests/setup/server';
import { maxFollowedThreads } from '../../server/thread-sockets';
import { demoPole, demoUser, forumTopic, memberOf, poleThread, twoPolesAndThread } from './thread-delivery-fixtures';
import { threadClients } from './thread-socket-clients';

/**
 * Live threads over socket.io (decision 019), with the whole HTTP stack in this process (socket.io's
 * PostgreSQL adapter with TEST_DATABASE_URL): joining from a page's last seq and after a
 * reconnection, sending (idempotent, refused), typing, presence, read marks, the permission matrix,
 * (the limits and the ends of rights: thread-socket-limits.test.ts).
 */
const { origin, services, cookieFor, database } = await startTestServer();
const { db } = services;
const { open, sessionOf, connectAs, ask, join, say, heardOf, pause, closeAll, write } = threadClients(origin, services);

describe('joining a thread', () => {
  test('nothing is lost between the page and the join: the answer carries every message after the page’s seq', async () => {
    const { alice, bob, thread } = await twoPolesAndThread(db);
    const [first, second] = [await write(thread.id, bob.id, 'Un'), await write(thread.id, bob.id, 'Deux')];
    // The page rendered up to « Deux »; a message arrives before the socket joins.
    const third = await write(thread.id, bob.id, 'Trois');
    const client = await connectAs(alice.id);
    try {
      const answer = await join(client, thread.id, second.seq);
      expect(answer).toMatchObject({ ok: true, moderator: false, state: { threadId: thread.id, locked: false, slowModeSeconds: null, slowModeUntil: null } });
      expect(answer.messages.map((message: LiveMessage) => message.id)).toEqual([third.id]);
      expect((await join(client, thread.id, 0)).messages.map((message: LiveMessage) => message.id)).toEqual([first.id, second.id, third.id]);
      // Later messages come live, each once.
      const fourth = await write(thread.id, bob.id, 'Quatre');
      await services.realtime.publish(`thread:${thread.id}`, 'thread:message', { threadId: thread.id, message: fourth });
      await expect.poll(() => heardOf(client, 'thread:message').length).toBe(1);
      expect(heardOf(client, 'thread:message')[0]).toEqual({ threadId: thread.id, message: fourth });
    } finally {
      closeAll(client);
    }
  });

  test('after a reconnection, joining with the last seq seen gets exactly the missed messages', async () => {
    const { alice, bob, thread } = await twoPolesAndThread(db);
    const aliceCookie = await sessionOf(alice.id);
    const [aliceTab, bobTab] = [await open(aliceCookie), await connectAs(bob.id)];
    await join(aliceTab, thread.id);
    await join(bobTab, thread.id);
    const seen = await say(bobTab, thread.id, 'Avant la coupure');
    await expect.poll(() => heardOf(aliceTab, 'thread:message').length).toBe(1);
    const lastSeq = (heardOf(aliceTab, 'thread:message')[0]!.message as LiveMessage).seq;
    expect(lastSeq).toBe(seen.message.seq);
    aliceTab.socket.close();
    const missed = [await say(bobTab, thread.id, 'Pendant 1'), await say(bobTab, thread.id, 'Pendant 2')];
    const again = await open(aliceCookie);
    try {
      const answer = await join(again, thread.id, lastSeq);
      expect(answer.messages.map((message: LiveMessage) => message.id)).toEqual(missed.map((sent) => sent.message.id));
    } finally {
      closeAll(again, bobTab);
    }
  });

  test('moderators get a hidden message’s text, members do not', async () => {
    const [figeac, causses] = [await demoPole(db, 'figeacteurs'), await demoPole(db, 'causses-cevennes-demo')];
    const thread = await poleThread(db, { poleIds: [figeac.id, causses.id] });
    const hidden = await write(thread.id, (await demoUser(db, 'emergent@demo.ptce.fr')).id, 'Propos à masquer');
    await db.update(messages).set({ hiddenAt: new Date(), hiddenBy: 'moderator', hiddenReason: 'Hors charte' }).where(eq(messages.id, hidden.id));
    const [member, coordinator] = [await open(await cookieFor('membre@demo.ptce.fr')), await open(await cookieFor('coord.occitanie@demo.ptce.fr'))];
    try {
      expect((await join(member, thread.id)).messages).toEqual([{ ...hidden, hidden: true, body: null }]);
      expect(await join(coordinator, thread.id)).toMatchObject({
        ok: true,
        moderator: true,
        messages: [{ ...hidden, hidden: true, body: 'Propos à masquer' }],
      });
    } finally {
      closeAll(member, coordinator);
    }
  });

  test(`a socket follows at most ${maxFollowedThreads} threads; leaving one makes room`, async () => {
    const topics = [];
    for (let index = 0; index <= maxFollowedThreads; index += 1) topics.push(await forumTopic(db, '76', `Sujet ${index}`));
    const member = await memberOf(db, (await demoPole(db, 'figeacteurs')).id);
    const client = await connectAs(member.id);
    try {
      const answers = await Promise.all(topics.map((topic) => join(client, topic.id)));
      expect(answers.filter((answer) => answer.ok)).toHaveLength(maxFollowedThreads);
      expect(answers.filter((answer) => !answer.ok)).toEqual([{ ok: false, error: 'too-many' }]);
      const refused = topics[answers.findIndex((answer) => !answer.ok)]!;
      const other = topics.find((topic) => topic.id !== refused.id)!;
      expect(await ask(client, 'thread:leave', { threadId: other.id })).toEqual({ ok: true });
      expect(await join(client, refused.id)).toMatchObject({ ok: true });
    } finally {
      closeAll(client);
    }
  });
});

describe('sending over the socket', () => {
  test('the sender gets the stored message; the room hears it once; the same key again (also at once) stores one row', async () => {
    const { alice, bob, thread } = await twoPolesAndThread(db);
    const [aliceTab, bobTab] = [await connectAs(alice.id), await connectAs(bob.id)];
    try {
      await join(aliceTab, thread.id);
      await join(bobTab, thread.id);
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: 5 }, () => say(aliceTab, thread.id, 'Bonjour Bob', key)));
      expect(new Set(answers.map((answer) => answer.message.id)).size).toBe(1);
      expect(answers[0]).toMatchObject({ ok: true, message: { body: 'Bonjour Bob', authorId: alice.id } });
      expect(await say(aliceTab, thread.id, 'Bonjour Bob', key)).toEqual(answers[0]);
      await expect.poll(() => heardOf(bobTab, 'thread:message').length).toBe(1);
      await pause();
      expect(heardOf(bobTab, 'thread:message')).toEqual([{ threadId: thread.id, message: answers[0]!.message }]);
      expect(heardOf(aliceTab, 'thread:message')).toHaveLength(1);
      expect(await db.select().from(messages).where(eq(messages.threadId, thread.id))).toHaveLength(1);
      // A message of 4,000 characters of three bytes each fits in a packet.
      expect(await say(aliceTab, thread.id, '€'.repeat(4000))).toMatchObject({ ok: true });
    } finally {
      closeAll(aliceTab, bobTab);
    }
  });

  test('refusals: locked, muted with its end, slow mode with the wait (the coordinator is exempt), the per-minute limit', async () => {
    const topic = await forumTopic(db, '76');
    const member = await memberOf(db, (await demoPole(db, 'figeacteurs')).id);
    const [tab, coordinator] = [await connectAs(member.id), await open(await cookieFor('coord.occitanie@demo.ptce.fr'))];
    try {
      await db.update(threads).set({ lockedAt: new Date() }).where(eq(threads.id, topic.id));
      expect(await say(tab, topic.id, 'Verrouillé ?')).toEqual({ ok: false, error: 'locked' });
      await db.update(threads).set({ lockedAt: null }).where(eq(threads.id, topic.id));

      const until = new Date(Date.now() + 86_400_000);
      const [mute] = await db.insert(threadMutes).values({ userId: member.id, regionCode: '76', until, reason: 'Insultes' }).returning();
      expect(await say(tab, topic.id, 'Je parle quand même')).toEqual({ ok: false, error: 'muted', until: until.toISOString() });
      await db.update(threadMutes).set({ liftedAt: new Date() }).where(eq(threadMutes.id, mute!.id));

      await db
        .update(threads)
        .set({ slowModeSeconds: 30, slowModeUntil: new Date(Date.now() + 3_600_000) })
        .where(eq(threads.id, topic.id));
      expect(await say(tab, topic.id, 'Premier')).toMatchObject({ ok: true });
      const slow = await say(tab, topic.id, 'Second');
      expect(slow).toMatchObject({ ok: false, error: 'slow' });
      expect(slow.retryAfter).toBeGreaterThan(25);
      expect(await say(coordinator, topic.id, 'Coordination 1')).toMatchObject({ ok: true });
      expect(await say(coordinator, topic.id, 'Coordination 2')).toMatchObject({ ok: true });
      await db.update(threads).set({ slowModeSeconds: null, slowModeUntil: null }).where(eq(threads.id, topic.id));

      const burst = await Promise.all(Array.from({ length: 22 }, (_, index) => say(tab, topic.id, `Rafale ${index}`)));
      // One was sent in slow mode: 19 more pass, then the wait.
      expect(burst.filter((answer) => answer.ok)).toHaveLength(19);
      expect(burst.filter((answer) => !answer.ok)[0]).toMatchObject({ ok: false, error: 'rate-limited', retryAfter: expect.any(Number) });
    } finally {
      closeAll(tab, coordinator);
    }
  });
});

describe('malformed payloads', () => {
  test('each event answers invalid, never throws; without an acknowledgement nothing breaks; the socket still works', async () => {
    const { alice, thread } = await twoPolesAndThread(db);
    const client = await connectAs(alice.id);
    try {
      const id = thread.id;
      const bad = [42, null, 'x', [], {}, { threadId: 'pas-un-uuid' }, { threadId: id, extra: true }];
      for (const payload of [...bad, { threadId: id, after: -1 }, { threadId: id, after: 1.5 }, { threadId: id, after: '3' }, { threadId: id, after: 1e300 }]) {
        expect([payload, await ask(client, 'thread:join', payload)]).toEqual([payload, { ok: false, error: 'invalid' }]);
      }
      const key = randomUUID();
      for (const payload of [
        ...bad,
        { threadId: id, text: 'Bonjour', key: 'pas-une-cle' },
        { threadId: id, text: '   ', key },
        { threadId: id, text: 'x'.repeat(4001), key },
        { threadId: id, text: 42, key },
        { threadId: id, text: 'Bonjour' },
        { threadId: id, text: 'Bonjour', key, poleId: 'pas-un-pole' },
      ]) {
        expect([payload, await ask(client, 'thread:send', payload)]).toEqual([payload, { ok: false, error: 'invalid' }]);
      }
      for (const payload of [...bad, { threadId: id, seq: -2 }, { threadId: id, seq: 'un' }]) {
        expect([payload, await ask(client, 'thread:read', payload)]).toEqual([payload, { ok: false, error: 'invalid' }]);
      }
      for (const payload of bad) expect(await ask(client, 'thread:leave', payload)).toEqual({ ok: false });
      // Without an acknowledgement, or with something else in its place.
      client.socket.emit('thread:join', { threadId: 'pas-un-uuid' });
      client.socket.emit('thread:send', { threadId: id, text: 'Sans accusé', key: randomUUID() });
      client.socket.emit('thread:read', { threadId: id, seq: 1 }, 'pas-une-fonction');
      client.socket.emit('thread:typing', null);
      client.socket.emit('thread:typing', { threadId: id }, () => {});
      client.socket.emit('thread:leave', { threadId: id });
      await pause();
      expect(client.socket.connected).toBe(true);
      expect(await join(client, thread.id)).toMatchObject({ ok: true });
    } finally {
      closeAll(client);
    }
  });
});

describe('typing, presence and read marks', () => {
  test('typing reaches the others in the room, not the typist’s own tabs, at most every 2 seconds', async () => {
    const { alice, bob, thread } = await twoPolesAndThread(db);
    const aliceCookie = await sessionOf(alice.id);
    const [aliceTab, aliceOther, bobTab] = [await open(aliceCookie), await open(aliceCookie), await connectAs(bob.id)];
    try {
      for (const client of [aliceTab, aliceOther, bobTab]) await join(client, thread.id);
      aliceTab.socket.emit('thread:typing', { threadId: thread.id });
      aliceTab.socket.emit('thread:typing', { threadId: thread.id });
      await expect.poll(() => heardOf(bobTab, 'thread:typing').length).toBe(1);
      await pause(500);
      expect(heardOf(bobTab, 'thread:typing')).toEqual([{ threadId: thread.id, person: { id: alice.id, name: alice.name } }]);
      expect(heardOf(aliceTab, 'thread:typing')).toEqual([]);
      expect(heardOf(aliceOther, 'thread:typing')).toEqual([]);
    } finally {
      closeAll(aliceTab, aliceOther, bobTab);
    }
  });

  test('presence: joined once per person (not per tab), left when their last tab goes', async () => {
    const { alice, bob, thread } = await twoPolesAndThread(db);
    const bobTab = await connectAs(bob.id);
    const aliceCookie = await sessionOf(alice.id);
    try {
      expect((await join(bobTab, thread.id)).present).toEqual([{ id: bob.id, name: bob.name }]);
      const aliceTab = await open(aliceCookie);
      const answer = await join(aliceTab, thread.id);
      expect([...answer.present].sort((x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id))).toEqual(
        [
          { id: bob.id, name: bob.name },
          { id: alice.id, name: alice.name },
        ].sort((x, y) => x.id.localeCompare(y.id)),
      );
      // Arrivals and departures are announced to the whole room in batches (a page ignores its own person).
      type PresenceEvent = { threadId: string; joined: Array<{ id: string; name: string }>; left: string[] };
      const aboutAlice = () =>
        (heardOf(bobTab, 'thread:presence') as unknown as PresenceEvent[]).flatMap((event) => [
          ...event.joined.filter((person) => person.id === alice.id).map((person) => ({ joined: person })),
          ...event.left.filter((id) => id === alice.id).map((id) => ({ left: id })),
        ]);
      await expect.poll(aboutAlice).toEqual([{ joined: { id: alice.id, name: alice.name } }]);
      const aliceOther = await open(aliceCookie);
      await join(aliceOther, thread.id);
      expect(await ask(aliceTab, 'thread:leave', { threadId: thread.id })).toEqual({ ok: true });
      await pause();
      // Another tab joined, one left: Alice is still there, announced once.
      expect(aboutAlice()).toEqual([{ joined: { id: alice.id, name: alice.name } }]);
      aliceOther.socket.close();
      await expect.poll(aboutAlice).toEqual([{ joined: { id: alice.id, name: alice.name } }, { left: alice.id }]);
      aliceTab.socket.close();
    } finally {
      closeAll(bobTab);
    }
  });

  test('read: the mark moves to the seq (never past the last message) and the answer is the unread total', async () => {
    const { alice, bob, thread } = await twoPolesAndThread(db);
    const written = [await write(thread.id, bob.id, 'Un'), await write(thread.id, bob.id, 'Deux'), await write(thread.id, bob.id, 'Trois')];
    const client = await connectAs(alice.id);
    try {
      expect(await ask(client, 'thread:read', { threadId: thread.id, seq: written[1]!.seq })).toEqual({ ok: true, unread: 1 });
      expect(await ask(client, 'thread:read', { threadId: thread.id, seq: written[0]!.seq })).toEqual({ ok: true, unread: 1 });
      expect(await ask(client, 'thread:read', { threadId: thread.id, seq: Number.MAX_SAFE_INTEGER })).toEqual({ ok: true, unread: 0 });
      // A forged far seq marked only what exists: the next message is unread.
      await write(thread.id, bob.id, 'Quatre');
      expect(await ask(client, 'thread:read', { threadId: thread.id, seq: 0 })).toEqual({ ok: true, unread: 1 });
      const other = await poleThread(db, { poleIds: [(await demoPole(db, 'figeacteurs')).id, (await demoPole(db, 'causses-cevennes-demo')).id] });
      expect(await ask(client, 'thread:read', { threadId: other.id, seq: 0 })).toEqual({ ok: false, error: 'not-found' });
    } finally {
      closeAll(client);
    }
  });
});

describe('who may do what, over the socket', () => {
  test('the permission matrix of a pole conversation and of a region’s forum', async () => {
    const [figeac, causses] = [await demoPole(db, 'figeacteurs'), await demoPole(db, 'causses-cevennes-demo')];
    const conversation = await poleThread(db, { poleIds: [figeac.id, causses.id] });
    const forum = await forumTopic(db, '76');
    const rows: Array<[string, string, string, string, string]> = [
      // person, join the conversation, send in it, join the forum, send in it
      ['figeacteurs@demo.ptce.fr', 'ok', 'ok', 'ok', 'ok'],
      ['emergent@demo.ptce.fr', 'ok', 'ok', 'ok', 'ok'],
      ['cantal@demo.ptce.fr', 'not-found', 'not-found', 'not-found', 'not-found'],
      ['coord.occitanie@demo.ptce.fr', 'ok', 'not-found', 'ok', 'ok'],
      ['coord.aura@demo.ptce.fr', 'not-found', 'not-found', 'not-found', 'not-found'],
      ['admin@demo.ptce.fr', 'ok', 'not-found', 'ok', 'ok'],
    ];
    const outcome = (answer: { ok: boolean; error?: string }) => (answer.ok ? 'ok' : answer.error!);
    for (const [email, ...expected] of rows) {
      const client = await open(await cookieFor(email));
      try {
        const got = [
          outcome(await join(client, conversation.id)),
          outcome(await say(client, conversation.id, `Conversation : ${email}`)),
          outcome(await join(client, forum.id)),
          outcome(await say(client, forum.id, `Forum : ${email}`)),
        ];
        expect([email, ...got]).toEqual([email, ...expected]);
      } finally {
        client.socket.close();
      }
    }
    // Someone from another pole of the same region does not read the conversation either.
    const neighbour = await memberOf(db, (await twoPolesAndThread(db)).a.id);
    const client = await connectAs(neighbour.id);
    try {
      expect(await join(client, conversation.id)).toEqual({ ok: false, error: 'not-found' });
      expect(await join(client, forum.id)).toMatchObject({ ok: true });
    } finally {
      client.socket.close();
    }
  });

  test('a visitor without a session, and a page of another site, are refused at the handshake', async () => {
    await expect(open(undefined)).rejects.toThrow('unauthorized');
    await expect(open(await cookieFor('membre@demo.ptce.fr'), { Origin: 'https://pirate.example' })).rejects.toThrow();
  });

  test('a session ended since the handshake: the next event answers not-found and closes the socket', async () => {
    const { alice, thread } = await twoPolesAndThread(db);
    const cookie = await sessionOf(alice.id);
    const client = await open(cookie);
    const closed = new Promise((resolve) => client.socket.on('disconnect', resolve));
    await db.delete(sessions).where(eq(sessions.id, hashToken(cookie.slice(cookie.indexOf('=') + 1))));
    // The join answers not-found; or, when the connection's own session check (server/sockets.ts)
    // saw the ending first, the socket is already closed and no answer comes: nothing is joined either way.
    const answer = await join(client, thread.id).catch(() => 'closed before answering');
    expect([{ ok: false, error: 'not-found' }, 'closed before answering']).toContainEqual(answer);
    await closed;
    expect(heardOf(client, 'thread:presence')).toEqual([]);
  });
});

console.info(`thread-sockets: running on ${database.kind}`);
