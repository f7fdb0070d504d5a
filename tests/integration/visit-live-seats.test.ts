import { eq } from 'drizzle-orm';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { describe, expect, test } from 'vitest';
import type { VisitFields } from '#app/domain/visits/visit';
import { bookVisit, cancelBooking, confirmBooking, declineBooking, leaveWaitingList } from '#app/models/visit-bookings.server';
import { cancelVisit, updateVisit } from '#app/models/visits.server';
import { action as visitAction } from '#app/routes/visites.$id';
import { rooms, type Published, type RealtimePayload } from '#app/utils/realtime.server';
import { hashToken } from '#app/utils/crypto.server';
import { visitBookings, visitTopics, visits } from '#db/schema';
import { createUser } from '#db/seed/factories';
import { makeRequest, routeArgs } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';
import { startTestServer } from '#tests/setup/server';
import { createGuestPole, createVisit } from '#tests/setup/visit-factories';
import { maxWatchedVisits } from '../../server/visit-sockets';

/**
 * The live seat counter (issue 10, points 2 and 8): a signed-in socket watches a visit and hears
 * `visit:seats` after every act on its seats has committed, counts only, never a name. The whole
 * HTTP stack runs in this process (socket.io's PostgreSQL adapter with TEST_DATABASE_URL).
 */

const { origin, services, context, cookieFor, logs } = await startTestServer();
const db = services.db;

let people = 0;
/** A person with no pole: the counts are public, any signed-in socket may watch. */
async function watcherCookie() {
  people += 1;
  const user = await createUser(db, { email: `guetteur-${people}@test.ptce.fr`, name: `Guetteur ${people}`, password: 'mot-de-passe-de-test' });
  return (await services.auth.createSessionCookie(user.id, 'vitest')).split(';')[0]!;
}

type Heard = { event: string; args: unknown[] };
type Watcher = { socket: Socket; heard: Heard[]; answers: unknown[] };

/** A connected socket that keeps everything it hears (every event, whatever its name) and every answer. */
async function connect(cookie?: string): Promise<Watcher> {
  const socket = connectSocket(origin, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
  });
  const heard: Heard[] = [];
  socket.onAny((event: string, ...args: unknown[]) => heard.push({ event, args }));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return { socket, heard, answers: [] };
}

async function ask(watcher: Watcher, event: 'visit:watch' | 'visit:unwatch', ...args: unknown[]) {
  const answer: unknown = await watcher.socket.timeout(3000).emitWithAck(event, ...args);
  watcher.answers.push(answer);
  return answer;
}
const watch = (watcher: Watcher, visitId: string) => ask(watcher, 'visit:watch', { visitId });

const settleDelay = () => new Promise((resolve) => setTimeout(resolve, 300));
const seatsHeard = (watcher: Watcher) => watcher.heard.filter((entry) => entry.event === 'visit:seats').map((entry) => entry.args[0]);

async function bookThroughPage(visitId: string, guest: Awaited<ReturnType<typeof createGuestPole>>, participants: string[]) {
  const cookie = await cookieFor(guest.admin.email);
  const request = makeRequest(`/visites/${visitId}`, { form: { intent: 'book', poleId: guest.pole.id, participants }, cookie });
  return settle(visitAction(routeArgs(context, request, { id: visitId })));
}

describe('watching a visit', () => {
  test('a booking by another pole is heard once, as counts with exactly these keys, and no name reaches the watcher', async () => {
    const visit = await createVisit(db, { seats: 10 });
    const watcher = await connect(await watcherCookie());
    try {
      expect(await watch(watcher, visit.id)).toEqual({ ok: true, availability: { visitId: visit.id, seats: 10, taken: 0, free: 10, waiting: 0 } });
      const guest = await createGuestPole(db);
      const booked = await bookThroughPage(visit.id, guest, ['Zoé Confidentielle', 'Yann Secretdefamille']);
      expect(booked.status).toBe(302);
      await expect.poll(() => watcher.heard.length).toBe(1);
      await settleDelay();
      expect(watcher.heard).toEqual([{ event: 'visit:seats', args: [{ visitId: visit.id, seats: 10, taken: 2, free: 8, waiting: 0 }] }]);
      expect(Object.keys(watcher.heard[0]!.args[0] as object).sort()).toEqual(['free', 'seats', 'taken', 'visitId', 'waiting']);
      const everything = JSON.stringify([watcher.heard, watcher.answers]);
      for (const secret of ['Zoé', 'Confidentielle', 'Yann', 'Secretdefamille', guest.pole.name, guest.admin.email]) expect(everything).not.toContain(secret);
    } finally {
      watcher.socket.close();
    }
  });

  test('unwatching stops the events; watching again answers the counts as they are now', async () => {
    const visit = await createVisit(db, { seats: 3 });
    const watcher = await connect(await watcherCookie());
    try {
      await watch(watcher, visit.id);
      expect(await ask(watcher, 'visit:unwatch', { visitId: visit.id })).toEqual({ ok: true });
      expect((await bookThroughPage(visit.id, await createGuestPole(db), ['Ana'])).status).toBe(302);
      await settleDelay();
      expect(seatsHeard(watcher)).toEqual([]);
      // Nothing committed while away is lost: the answer to the new watch carries it.
      expect(await watch(watcher, visit.id)).toEqual({ ok: true, availability: { visitId: visit.id, seats: 3, taken: 1, free: 2, waiting: 0 } });
    } finally {
      watcher.socket.close();
    }
  });

  test('malformed payloads are answered with an error, never thrown on; the socket stays and still works', async () => {
    const visit = await createVisit(db);
    const watcher = await connect(await watcherCookie());
    try {
      for (const payload of [42, null, 'x'.repeat(20_000), { visitId: 'pas-un-uuid' }, { visitId: 42 }, { visitId: visit.id, extra: true }, [visit.id], {}]) {
        expect(await ask(watcher, 'visit:watch', payload)).toEqual({ ok: false, error: 'invalid' });
      }
      expect(await ask(watcher, 'visit:unwatch', null)).toEqual({ ok: false });
      // Without an acknowledgement function, or with something else in its place: nothing to answer, nothing breaks.
      watcher.socket.emit('visit:watch', { visitId: 'pas-un-uuid' });
      watcher.socket.emit('visit:watch', { visitId: visit.id }, 'pas-une-fonction');
      watcher.socket.emit('visit:unwatch', { visitId: visit.id });
      await settleDelay();
      expect(watcher.socket.connected).toBe(true);
      expect(await watch(watcher, visit.id)).toMatchObject({ ok: true });
    } finally {
      watcher.socket.close();
    }
  });

  test('an unknown visit gets the malformed answer, and its room is not joined', async () => {
    const watcher = await connect(await watcherCookie());
    try {
      const unknown = '00000000-0000-4000-8000-0000000000aa';
      expect(await watch(watcher, unknown)).toEqual({ ok: false, error: 'invalid' });
      await services.realtime.publish(rooms.visit(unknown), 'visit:seats', { visitId: unknown, seats: 1, taken: 0, free: 1, waiting: 0 });
      await settleDelay();
      expect(watcher.heard).toEqual([]);
    } finally {
      watcher.socket.close();
    }
  });

  test(`a socket watches at most ${maxWatchedVisits} visits at once`, async () => {
    const many = [];
    for (let index = 0; index <= maxWatchedVisits; index += 1) many.push(await createVisit(db));
    const watcher = await connect(await watcherCookie());
    try {
      // Sent together: the cap holds even for watches in flight at the same time.
      const answers = await Promise.all(many.map((visit) => watch(watcher, visit.id)));
      expect(answers.filter((answer) => (answer as { ok: boolean }).ok)).toHaveLength(maxWatchedVisits);
      expect(answers.filter((answer) => (answer as { error?: string }).error === 'too-many')).toHaveLength(1);
      const refused = many[answers.findIndex((answer) => !(answer as { ok: boolean }).ok)]!;
      const kept = many.find((visit) => visit !== refused)!;
      // Watching one already watched is no new one; leaving one makes room.
      expect(await watch(watcher, kept.id)).toMatchObject({ ok: true });
      await ask(watcher, 'visit:unwatch', { visitId: kept.id });
      expect(await watch(watcher, refused.id)).toMatchObject({ ok: true });
      expect(watcher.socket.connected).toBe(true);
    } finally {
      watcher.socket.close();
    }
  });

  test('a visitor without a session gets no socket at all', async () => {
    await expect(connect()).rejects.toThrow('unauthorized');
  });
});

describe('what publishes visit:seats', () => {
  /** What each act published, after it returned. */
  async function publishedBy<T>(act: () => Promise<T>): Promise<{ outcome: T; published: Published[] }> {
    const published: Published[] = [];
    const stop = services.realtime.onPublish((entry) => published.push(entry));
    try {
      return { outcome: await act(), published };
    } finally {
      stop();
    }
  }
  const seats = (visitId: string, counts: Omit<RealtimePayload<'visit:seats'>, 'visitId'>) => [
    { rooms: [rooms.visit(visitId)], event: 'visit:seats', payload: { visitId, ...counts } },
  ];

  test('every act on the seats, once, with the counts as committed; a refusal publishes nothing', async () => {
    const visit = await createVisit(db, { seats: 2, bookingMode: 'host_confirms' });
    const [first, second, third] = [await createGuestPole(db), await createGuestPole(db), await createGuestPole(db)];
    const book = (guest: typeof first, participants: string[]) =>
      bookVisit(services, { visitId: visit.id, poleId: guest.pole.id, actorId: guest.admin.id, participants });

    const held = await publishedBy(() => book(first, ['Ana', 'Bob']));
    expect(held.outcome.status).toBe('pending');
    expect(held.published).toEqual(seats(visit.id, { seats: 2, taken: 2, free: 0, waiting: 0 }));

    const waiting = await publishedBy(() => book(second, ['Chloé']));
    expect(waiting.outcome.status).toBe('waiting');
    expect(waiting.published).toEqual(seats(visit.id, { seats: 2, taken: 2, free: 0, waiting: 1 }));

    // Refused (the pole has a live booking already): nothing changed, nothing published.
    expect((await publishedBy(() => book(first, ['Dan']))).published).toEqual([]);

    const bookingId = (outcome: Awaited<ReturnType<typeof bookVisit>>) => {
      if (!('bookingId' in outcome)) throw new Error(`not booked: ${outcome.status}`);
      return outcome.bookingId;
    };
    // Confirming changes no count, but the pending pole's page re-reads on the event.
    const confirmed = await publishedBy(() => confirmBooking(services, { bookingId: bookingId(held.outcome), actorId: first.admin.id }));
    expect(confirmed.published).toEqual(seats(visit.id, { seats: 2, taken: 2, free: 0, waiting: 1 }));
    expect((await publishedBy(() => confirmBooking(services, { bookingId: bookingId(held.outcome), actorId: first.admin.id }))).published).toEqual([]);

    // Cancelling frees two seats: the waiting booking is promoted (pending) in the same act, one event.
    const cancelled = await publishedBy(() =>
      cancelBooking(services, { bookingId: bookingId(held.outcome), actorId: first.admin.id, by: 'guest', reason: 'Empêchement' }),
    );
    expect(cancelled.published).toEqual(seats(visit.id, { seats: 2, taken: 1, free: 1, waiting: 0 }));

    const declined = await publishedBy(() => declineBooking(services, { bookingId: bookingId(waiting.outcome), actorId: first.admin.id, reason: 'Trop tard' }));
    expect(declined.outcome.status).toBe('declined');
    expect(declined.published).toEqual(seats(visit.id, { seats: 2, taken: 0, free: 2, waiting: 0 }));

    // Leaving the waiting list from the mail's link.
    await book(first, ['Eve', 'Fanny']);
    const token = 'jeton-de-test-pour-quitter-la-liste';
    const queued = await book(third, ['Gus']);
    await db
      .update(visitBookings)
      .set({ leaveTokenHash: hashToken(token) })
      .where(eq(visitBookings.id, bookingId(queued)));
    const left = await publishedBy(() => leaveWaitingList(services, { token }));
    expect(left.outcome.status).toBe('left');
    expect(left.published).toEqual(seats(visit.id, { seats: 2, taken: 2, free: 0, waiting: 0 }));
  });

  test('the host’s edits publish when the seats change, not otherwise; cancelling the visit publishes its emptied counts', async () => {
    const visit = await createVisit(db, { seats: 1 });
    const [holder, waiter] = [await createGuestPole(db), await createGuestPole(db)];
    await bookVisit(services, { visitId: visit.id, poleId: holder.pole.id, actorId: holder.admin.id, participants: ['Hugo'] });
    await bookVisit(services, { visitId: visit.id, poleId: waiter.pole.id, actorId: waiter.admin.id, participants: ['Iris'] });
    const fields = await fieldsOf(visit.id);
    const actorId = holder.admin.id;

    const retitled = await publishedBy(() => updateVisit(services, { visitId: visit.id, actorId, fields: { ...fields, title: 'Un autre titre de visite' } }));
    expect(retitled.outcome.status).toBe('saved');
    expect(retitled.published).toEqual([]);

    // One more seat: the waiting booking is placed in the same act, and one event says so.
    const widened = await publishedBy(() => updateVisit(services, { visitId: visit.id, actorId, fields: { ...fields, seats: 2 } }));
    expect(widened.outcome.status).toBe('saved');
    expect(widened.published).toEqual(seats(visit.id, { seats: 2, taken: 2, free: 0, waiting: 0 }));

    const cancelled = await publishedBy(() => cancelVisit(services, { visitId: visit.id, actorId, reason: 'Intempéries annoncées' }));
    expect(cancelled.outcome.status).toBe('cancelled');
    expect(cancelled.published).toEqual(seats(visit.id, { seats: 2, taken: 0, free: 2, waiting: 0 }));
    expect((await publishedBy(() => cancelVisit(services, { visitId: visit.id, actorId, reason: 'Deux fois' }))).published).toEqual([]);
  });
});

describe('the visit page without JavaScript', () => {
  test('renders the counter as a polite live region with the counts of the load', async () => {
    const visit = await createVisit(db, { seats: 4 });
    await bookVisit(services, {
      visitId: visit.id,
      poleId: (await createGuestPole(db)).pole.id,
      actorId: (await createGuestPole(db)).admin.id,
      participants: ['Jules'],
    });
    const html = await (await fetch(`${origin}/visites/${visit.id}`)).text();
    expect(html).toMatch(/<p role="status" aria-live="polite"[^>]*>3 places restantes sur 4/);
  });
});

/** The visit's fields as the edit form would post them back unchanged. */
async function fieldsOf(visitId: string): Promise<VisitFields> {
  const [row] = await db.select().from(visits).where(eq(visits.id, visitId));
  const tags = await db.select({ slug: visitTopics.topicSlug }).from(visitTopics).where(eq(visitTopics.visitId, visitId));
  return {
    title: row!.title,
    programme: row!.programme,
    topics: tags.length > 0 ? tags.map((tag) => tag.slug) : ['incubation'],
    startsAt: row!.startsAt,
    durationMinutes: row!.durationMinutes,
    address: row!.address,
    town: row!.town,
    latitude: row!.latitude ?? undefined,
    longitude: row!.longitude ?? undefined,
    seats: row!.seats,
    bookingDeadline: row!.bookingDeadline,
    bookingMode: row!.bookingMode,
    accessibility: row!.accessibility,
    practical: row!.practical,
    costs: row!.costs,
    costsNote: row!.costsNote,
    offerId: row!.offerId ?? undefined,
    twinningId: row!.twinningId ?? undefined,
  };
}

test('nothing went wrong on the way (handshakes, watches, publishes)', () => {
  expect(logs.filter((entry) => entry.level >= 40)).toEqual([]);
});
