import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bookVisit, cancelBooking } from '#app/models/visit-bookings.server';
import { createRealtime } from '#app/utils/realtime.server';
import { poleMemberships, threads, visits } from '#db/schema';
import { startTestServer } from '#tests/setup/server';
import { createGuestPole, createVisit } from '#tests/setup/visit-factories';
import { maxSocketsPerSession } from '../../server/sockets';
import { demoPole, memberOf, twoPolesAndThread } from './thread-delivery-fixtures';
import { threadClients } from './thread-socket-clients';

/**
 * Live threads over socket.io, the limits and the ends (decision 019): the handshake's refusals,
 * the payload size, the sockets per session, and sockets leaving a thread's room when the right
 * to read it ends (on this process, and asked by a process without a socket.io server).
 */
const { origin, services, cookieFor, database, io } = await startTestServer();
const { db } = services;
const { open, sessionOf, connectAs, join, say, heardOf, pause, closeAll } = threadClients(origin, services);

describe('abuse limits', () => {
  test('a payload over the limit closes that socket only; the server and the other sockets go on', async () => {
    const { alice, bob, thread } = await twoPolesAndThread(db);
    const [flooder, bystander] = [await connectAs(alice.id), await connectAs(bob.id)];
    try {
      await join(bystander, thread.id);
      const closed = new Promise((resolve) => flooder.socket.on('disconnect', resolve));
      flooder.socket.emit('thread:send', { threadId: thread.id, text: 'x'.repeat(100_000), key: randomUUID() });
      await closed;
      expect(await say(bystander, thread.id, 'Toujours là')).toMatchObject({ ok: true });
      const again = await connectAs(alice.id);
      expect(await join(again, thread.id)).toMatchObject({ ok: true });
      again.socket.close();
    } finally {
      closeAll(flooder, bystander);
    }
  });

  test(`at most ${maxSocketsPerSession} sockets per session`, async () => {
    const member = await memberOf(db, (await demoPole(db, 'figeacteurs')).id);
    const cookie = await sessionOf(member.id);
    const tabs = await Promise.all(Array.from({ length: maxSocketsPerSession }, () => open(cookie)));
    try {
      await expect(open(cookie)).rejects.toThrow('too-many-sockets');
      // Another session of the same person is counted apart.
      const elsewhere = await connectAs(member.id);
      elsewhere.socket.close();
      tabs.pop()!.socket.close();
      await pause();
      const replacement = await open(cookie);
      replacement.socket.close();
    } finally {
      closeAll(...tabs);
    }
  });
});

describe('when the right to read ends', () => {
  test('a member removed from a pole leaves the thread’s room and stops hearing its messages', async () => {
    const { a, alice, bob, thread } = await twoPolesAndThread(db);
    const leaving = await memberOf(db, a.id);
    const [leaver, stayer, writer] = [await connectAs(leaving.id), await connectAs(alice.id), await connectAs(bob.id)];
    try {
      for (const client of [leaver, stayer, writer]) await join(client, thread.id);
      await say(writer, thread.id, 'Avant le départ');
      await expect.poll(() => heardOf(leaver, 'thread:message').length).toBe(1);
      await db.delete(poleMemberships).where(and(eq(poleMemberships.userId, leaving.id), eq(poleMemberships.poleId, a.id)));
      await services.realtime.recheck({ user: leaving.id });
      await say(writer, thread.id, 'Après le départ');
      await expect.poll(() => heardOf(stayer, 'thread:message').length).toBe(2);
      await pause();
      expect(heardOf(leaver, 'thread:message')).toHaveLength(1);
      // The others are told the person left.
      await expect.poll(() => heardOf(writer, 'thread:presence').some((presence) => presence.left.includes(leaving.id))).toBe(true);
      expect(await join(leaver, thread.id)).toEqual({ ok: false, error: 'not-found' });
    } finally {
      closeAll(leaver, stayer, writer);
    }
  });

  test('a visit booking cancelled takes its pole’s sockets out of the visit’s thread', async () => {
    const visit = await createVisit(db, { seats: 5 });
    const guest = await createGuestPole(db);
    const host = await demoPole(db, 'figeacteurs');
    const [thread] = await db
      .insert(threads)
      .values({ subjectType: 'visit', initiatorPoleId: host.id, regionCode: host.regionCode, title: visit.title })
      .returning();
    await db.update(visits).set({ threadId: thread!.id }).where(eq(visits.id, visit.id));
    const booked = await bookVisit(services, { visitId: visit.id, poleId: guest.pole.id, actorId: guest.admin.id, participants: ['Ana'] });
    if (!('bookingId' in booked)) throw new Error(booked.status);
    const [guestTab, hostTab] = [await connectAs(guest.admin.id), await open(await cookieFor('figeacteurs@demo.ptce.fr'))];
    try {
      expect(await join(guestTab, thread!.id)).toMatchObject({ ok: true });
      await join(hostTab, thread!.id);
      await cancelBooking(services, { bookingId: booked.bookingId, actorId: guest.admin.id, by: 'guest', reason: 'Empêchement' });
      await say(hostTab, thread!.id, 'La visite continue sans vous');
      await pause(500);
      expect(heardOf(guestTab, 'thread:message')).toEqual([]);
      expect(await join(guestTab, thread!.id)).toEqual({ ok: false, error: 'not-found' });
    } finally {
      closeAll(guestTab, hostTab);
    }
  });
});

describe('a re-check asked by a process without a socket.io server (a job worker)', () => {
  console.info(`thread-sockets: the re-check through PostgreSQL's NOTIFY ${database.kind === 'postgres' ? 'runs' : 'is skipped: it needs TEST_DATABASE_URL'}.`);
  test.runIf(database.kind === 'postgres')('reaches this process’s sockets through the adapter', async () => {
    const { a, alice, thread } = await twoPolesAndThread(db);
    const leaving = await memberOf(db, a.id);
    const client = await connectAs(leaving.id);
    const worker = createRealtime({ databaseUrl: database.url, logger: services.logger });
    try {
      await join(client, thread.id);
      await db.delete(poleMemberships).where(and(eq(poleMemberships.userId, leaving.id), eq(poleMemberships.poleId, a.id)));
      await worker.recheck({ user: leaving.id });
      const inRoom = async () => (await io.in(`thread:${thread.id}`).fetchSockets()).map((socket) => socket.data.userId);
      await expect.poll(inRoom).not.toContain(leaving.id);
      expect(alice.id).toBeDefined();
    } finally {
      client.socket.close();
      await worker.close();
    }
  });
});

console.info(`thread-socket-limits: running on ${database.kind}`);
