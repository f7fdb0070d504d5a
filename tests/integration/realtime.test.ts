import { eq, inArray } from 'drizzle-orm';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { describe, expect, test } from 'vitest';
import { hashToken, generateToken } from '#app/utils/crypto.server';
import { createRealtime, rooms, type Published, type RealtimePayload } from '#app/utils/realtime.server';
import { action as replyAction } from '#app/routes/conversations.$id';
import { action as startAction } from '#app/routes/conversations.nouvelle';
import { passwordResets, poleMemberships, poles } from '#db/schema';
import { createUser } from '#db/seed/factories';
import { makeRequest, routeArgs } from '#tests/setup/context';
import { createOffer } from '#tests/setup/market-factories';
import { settle } from '#tests/setup/responses';
import { startTestServer } from '#tests/setup/server';

/**
 * The realtime service with the whole HTTP stack in this process: on PGlite socket.io's in-memory
 * adapter, with TEST_DATABASE_URL the PostgreSQL adapter (two processes: realtime-processes.test.ts).
 */
const { origin, services, database, logs, context, cookieFor } = await startTestServer();

const password = 'mot-de-passe-de-test';
let people = 0;

/** A new person (so that password changes touch no one else) and two session cookies of theirs. */
async function newPerson() {
  people += 1;
  const user = await createUser(services.db, { email: `temps-reel-${people}@test.ptce.fr`, name: `Temps Réel ${people}`, password });
  const cookie = async () => (await services.auth.createSessionCookie(user.id, 'vitest')).split(';')[0]!;
  return { ...user, cookies: [await cookie(), await cookie()] as const };
}

/** The session id behind a cookie: the SHA-256 of its token. */
const sessionIdOf = (cookie: string) => hashToken(cookie.slice(cookie.indexOf('=') + 1));

type Watched = { socket: Socket; received: Array<RealtimePayload<'message:new'>>; disconnected: Promise<string> };

function connect(cookie: string): Promise<Watched> {
  const socket = connectSocket(origin, { transports: ['websocket'], reconnection: false, extraHeaders: { Cookie: cookie, Origin: origin } });
  const received: Watched['received'] = [];
  socket.on('message:new', (payload: RealtimePayload<'message:new'>) => received.push(payload));
  const disconnected = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve({ socket, received, disconnected }));
    socket.on('connect_error', reject);
  });
}

/** Resolves with the reason if the socket is closed within the delay, else with 'still connected'. */
const within = (watched: Watched, ms = 1500) =>
  Promise.race([watched.disconnected, new Promise<string>((resolve) => setTimeout(() => resolve('still connected'), ms))]);

function post(path: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

const payload = (authorId: string): RealtimePayload<'message:new'> => ({
  threadId: '00000000-0000-4000-8000-000000000001',
  fromPole: { id: '00000000-0000-4000-8000-000000000002', name: 'Figeacteurs' },
  authorId,
  sentAt: new Date().toISOString(),
});

describe('realtime.publish', () => {
  test('a signed-in socket receives what is published to its person’s room, once, and nothing meant for others', async () => {
    const [alice, bob] = [await newPerson(), await newPerson()];
    const aliceSocket = await connect(alice.cookies[0]);
    const bobSocket = await connect(bob.cookies[0]);
    try {
      // Two of Alice's rooms in one publish: her socket still gets the event once.
      const sent = payload(bob.id);
      await services.realtime.publish([rooms.user(alice.id), rooms.session(sessionIdOf(alice.cookies[0]))], 'message:new', sent);
      await expect.poll(() => aliceSocket.received.length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(aliceSocket.received).toEqual([sent]);
      expect(bobSocket.received).toEqual([]);
    } finally {
      aliceSocket.socket.close();
      bobSocket.socket.close();
    }
  });

  test('a payload its schema refuses is a bug: thrown, and nothing is sent', async () => {
    const seen: Published[] = [];
    const stop = services.realtime.onPublish((published) => seen.push(published));
    try {
      const bad = { ...payload('pas-un-uuid') };
      await expect(services.realtime.publish(rooms.user('x'), 'message:new', bad)).rejects.toThrow();
      expect(seen).toEqual([]);
    } finally {
      stop();
    }
  });
});

describe('what the app publishes', () => {
  test('a conversation message goes to the conversation’s room, and « new message » to the people of both poles but its author', async () => {
    const poleOf = async (slug: string) => (await services.db.select({ id: poles.id, name: poles.name }).from(poles).where(eq(poles.slug, slug)))[0]!;
    const [figeac, causses] = [await poleOf('figeacteurs'), await poleOf('causses-cevennes-demo')];
    const membersOf = async (poleIds: string[]) =>
      (await services.db.select({ userId: poleMemberships.userId }).from(poleMemberships).where(inArray(poleMemberships.poleId, poleIds))).map(
        ({ userId }) => userId,
      );
    const offer = await createOffer(services.db, { poleId: figeac.id });
    const seen: Published[] = [];
    const stop = services.realtime.onPublish((published) => seen.push(published));
    try {
      const emergent = await cookieFor('emergent@demo.ptce.fr');
      const started = await settle(
        startAction(
          routeArgs(
            context,
            makeRequest(`/conversations/nouvelle?offre=${offer.id}`, {
              form: { poleId: causses.id, message: 'Bonjour, pouvons-nous venir vous voir ?' },
              cookie: emergent,
            }),
          ),
        ),
      );
      expect(started.status).toBe(302);
      const threadId = started.location!.replace('/conversations/', '');
      const figeacAdmin = await cookieFor('figeacteurs@demo.ptce.fr');
      const replied = await settle(
        replyAction(
          routeArgs(
            context,
            makeRequest(`/conversations/${threadId}`, { form: { poleId: figeac.id, message: 'Avec plaisir, venez quand vous voulez.' }, cookie: figeacAdmin }),
            { id: threadId },
          ),
        ),
      );
      expect(replied.status).toBe(302);

      const everyone = await membersOf([figeac.id, causses.id]);
      const [emergentId, figeacAdminId] = [
        (await services.auth.getSessionFromCookieHeader(emergent))!.user.id,
        (await services.auth.getSessionFromCookieHeader(figeacAdmin))!.user.id,
      ];
      // Each message: itself to the conversation's room (its open pages), and « new message » to
      // the people of both poles but its author (their header's count).
      const live = (authorId: string, fromPole: { id: string; name: string }) => [
        { event: 'thread:message', rooms: [rooms.thread(threadId)], sent: { threadId, message: expect.objectContaining({ threadId, authorId }) } },
        {
          event: 'message:new',
          rooms: everyone
            .filter((id) => id !== authorId)
            .map(rooms.user)
            .sort(),
          sent: { threadId, fromPole, authorId, sentAt: expect.any(String) },
        },
      ];
      expect(seen.map(({ event, rooms: to, payload: sent }) => ({ event, rooms: [...to].sort(), sent }))).toEqual([
        ...live(emergentId, causses),
        ...live(figeacAdminId, figeac),
      ]);
    } finally {
      stop();
    }
  });
});

describe('publishing without a socket.io server (a loader test, a job worker)', () => {
  // One variant per database: the other one is skipped, and says so.
  console.info(
    `realtime: the ${database.kind === 'postgres' ? 'PGlite' : 'PostgreSQL'} variant of "publishing without a socket.io server" is skipped on ${database.kind}.`,
  );
  test.runIf(database.kind === 'postgres')('on PostgreSQL it reaches the sockets of the processes that have one, once', async () => {
    const person = await newPerson();
    const watched = await connect(person.cookies[0]);
    // Another process's service, with no HTTP server: it sends the adapter's NOTIFY itself.
    const worker = createRealtime({ databaseUrl: database.url, logger: services.logger });
    try {
      expect(worker.transport).toBe('postgres');
      const sent = payload(person.id);
      await worker.publish(rooms.user(person.id), 'message:new', sent);
      await expect.poll(() => watched.received.length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(watched.received).toEqual([sent]);
      await worker.disconnect({ session: sessionIdOf(person.cookies[0]) });
      expect(await within(watched)).toBe('io server disconnect');
    } finally {
      watched.socket.close();
      await worker.close();
    }
  });

  test.runIf(database.kind === 'pglite')('on PGlite (one process) it only reaches this process’s listeners', async () => {
    const alone = createRealtime({ logger: services.logger });
    const seen: Published[] = [];
    alone.onPublish((published) => seen.push(published));
    const sent = payload('00000000-0000-4000-8000-000000000003');
    await alone.publish(rooms.thread(sent.threadId), 'message:new', sent);
    expect(alone.transport).toBe('in-process');
    expect(seen).toEqual([{ rooms: [rooms.thread(sent.threadId)], event: 'message:new', payload: sent }]);
    await alone.close();
  });
});

describe('ending a session closes its sockets', () => {
  test('signing out closes that session’s sockets, not the person’s other sessions', async () => {
    const person = await newPerson();
    const [leaving, staying] = [await connect(person.cookies[0]), await connect(person.cookies[1])];
    try {
      expect((await post('/deconnexion', {}, person.cookies[0])).status).toBe(302);
      expect(await within(leaving)).toBe('io server disconnect');
      expect(await within(staying, 300)).toBe('still connected');
    } finally {
      staying.socket.close();
    }
  });

  test('ending a session from /compte closes its sockets; the current one stays', async () => {
    const person = await newPerson();
    const [current, other] = [await connect(person.cookies[0]), await connect(person.cookies[1])];
    try {
      const ended = await post('/compte', { intent: 'end-session', sessionId: sessionIdOf(person.cookies[1]) }, person.cookies[0]);
      expect(ended.status).toBe(200);
      expect(await within(other)).toBe('io server disconnect');
      expect(await within(current, 300)).toBe('still connected');
    } finally {
      current.socket.close();
    }
  });

  test('a password change closes the other sessions’ sockets', async () => {
    const person = await newPerson();
    const [current, other] = [await connect(person.cookies[0]), await connect(person.cookies[1])];
    try {
      const newPassword = 'un-tout-nouveau-mot-de-passe';
      const changed = await post(
        '/compte',
        { intent: 'change-password', currentPassword: password, password: newPassword, confirmPassword: newPassword },
        person.cookies[0],
      );
      expect(changed.status).toBe(200);
      expect(await within(other)).toBe('io server disconnect');
      expect(await within(current, 300)).toBe('still connected');
    } finally {
      current.socket.close();
    }
  });

  test('a password reset closes every socket of the person', async () => {
    const person = await newPerson();
    const sockets = [await connect(person.cookies[0]), await connect(person.cookies[1])];
    const token = generateToken();
    await services.db.insert(passwordResets).values({ tokenHash: hashToken(token), userId: person.id, expiresAt: new Date(Date.now() + 60_000) });
    const newPassword = 'encore-un-autre-mot-de-passe';
    expect((await post(`/reinitialiser/${token}`, { password: newPassword, confirmPassword: newPassword })).status).toBe(302);
    expect(await Promise.all(sockets.map((socket) => within(socket)))).toEqual(['io server disconnect', 'io server disconnect']);
  });

  test('a socket whose session is already gone is refused at the handshake', async () => {
    const person = await newPerson();
    await post('/deconnexion', {}, person.cookies[0]);
    await expect(connect(person.cookies[0])).rejects.toThrow('unauthorized');
  });
});

test('nothing went wrong on the way (adapter, NOTIFY, handshakes)', () => {
  expect(logs.filter((entry) => entry.level >= 40)).toEqual([]);
});
