import { and, asc, eq, like } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import {
  bookingStanding,
  bookVisit,
  cancelBooking,
  confirmBooking,
  declineBooking,
  leaveWaitingList,
  visitAvailability,
  type BookingOutcome,
} from '#app/models/visit-bookings.server';
import { outbox, visitBookings, visitParticipants, visits } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { createGuestPole, createVisit, demoHostPole } from '#tests/setup/visit-factories';

/** The booking rules of issue 10, point 2, one act at a time (the races: visit-booking-race.test.ts). */

const { services } = await setupTestContext();
const db = services.db;
const dayMs = 24 * 60 * 60 * 1000;
const hostEmail = 'figeacteurs@demo.ptce.fr';
let titles = 0;

/** A visit with a title of its own, so its mails can be told apart. */
async function visitWith(input: Parameters<typeof createVisit>[1] = {}) {
  titles += 1;
  return createVisit(db, { title: `Visite ${titles} des règles`, ...input });
}

type Guest = Awaited<ReturnType<typeof createGuestPole>>;
const book = (visitId: string, guest: Guest, participants: number, now?: Date) =>
  bookVisit(services, {
    visitId,
    poleId: guest.pole.id,
    actorId: guest.admin.id,
    participants: Array.from({ length: participants }, (_, index) => `Participant ${index + 1}`),
    ...(now ? { now } : {}),
  });

function placed(outcome: BookingOutcome) {
  if (!('bookingId' in outcome)) throw new Error(`not placed: ${JSON.stringify(outcome)}`);
  return outcome;
}

/** The mails to `email` about the visit titled `title`, in the order they were queued. */
async function mailsTo(email: string, title: string) {
  return db
    .select({ subject: outbox.subject, text: outbox.text })
    .from(outbox)
    .where(and(eq(outbox.to, email), like(outbox.subject, `%${title}%`)))
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
}

async function stateOf(bookingId: string) {
  const [row] = await db.select().from(visitBookings).where(eq(visitBookings.id, bookingId));
  return row!;
}

describe('who may book, and when', () => {
  test('a pole cannot book its own visit', async () => {
    const visit = await visitWith();
    const host = await demoHostPole(db);
    const [hostAdmin] = await db.query.users.findMany({ where: (users, { eq }) => eq(users.email, hostEmail) });
    expect(await bookVisit(services, { visitId: visit.id, poleId: host.id, actorId: hostAdmin!.id, participants: ['Claire'] })).toEqual({
      status: 'refused',
      reason: 'own-pole',
    });
  });

  test('a pole books once; after cancelling, it may book again', async () => {
    const visit = await visitWith();
    const guest = await createGuestPole(db);
    const first = placed(await book(visit.id, guest, 2));
    expect(first.status).toBe('confirmed');
    expect(await book(visit.id, guest, 1)).toEqual({ status: 'refused', reason: 'already-booked' });
    expect(await cancelBooking(services, { bookingId: first.bookingId, actorId: guest.admin.id, by: 'guest', reason: 'Changement de programme' })).toEqual({
      status: 'cancelled',
      promoted: [],
    });
    expect((await book(visit.id, guest, 1)).status).toBe('confirmed');
    expect(await visitAvailability(db, visit.id)).toEqual({ seats: 10, taken: 1, free: 9, waiting: 0 });
  });

  test('after the deadline, for a past visit, for a cancelled visit, with too many participants: refused', async () => {
    const guest = await createGuestPole(db);
    const late = await visitWith({ bookingDeadline: new Date(Date.now() - 1000) });
    expect(await book(late.id, guest, 1)).toEqual({ status: 'refused', reason: 'deadline-passed' });
    const soon = await visitWith({ startsAt: new Date(Date.now() + 2 * dayMs), bookingDeadline: new Date(Date.now() + dayMs) });
    expect(await book(soon.id, guest, 1, new Date(Date.now() + dayMs + 1000))).toEqual({ status: 'refused', reason: 'deadline-passed' });
    const past = await visitWith({ startsAt: new Date(Date.now() - dayMs), bookingDeadline: new Date(Date.now() - 2 * dayMs) });
    expect(await book(past.id, guest, 1)).toEqual({ status: 'refused', reason: 'visit-past' });
    const cancelled = await visitWith({ state: 'cancelled' });
    expect(await book(cancelled.id, guest, 1)).toEqual({ status: 'refused', reason: 'visit-cancelled' });
    const small = await visitWith({ seats: 2 });
    expect(await book(small.id, guest, 3)).toEqual({ status: 'refused', reason: 'too-many-participants' });
    // 50 at most per booking, whatever the seats (the database would refuse more).
    const large = await visitWith({ seats: 100 });
    expect(await book(large.id, guest, 51)).toEqual({ status: 'refused', reason: 'too-many-participants' });
    expect(await book('00000000-0000-4000-8000-000000000000', guest, 1)).toEqual({ status: 'not-found' });
    // Nothing was written for the refusals.
    expect(await db.select().from(visitBookings).where(eq(visitBookings.poleId, guest.pole.id))).toEqual([]);
  });
});

describe('seats and the waiting list', () => {
  test('a booking for 3 with 2 seats free waits; its participants are named', async () => {
    const visit = await visitWith({ seats: 5 });
    const [first, second] = [await createGuestPole(db), await createGuestPole(db)];
    expect(placed(await book(visit.id, first, 3)).status).toBe('confirmed');
    const waiting = placed(await book(visit.id, second, 3));
    expect(waiting).toEqual({ status: 'waiting', bookingId: waiting.bookingId, position: 1 });
    expect(await visitAvailability(db, visit.id)).toEqual({ seats: 5, taken: 3, free: 2, waiting: 1 });
    const names = await db.select({ name: visitParticipants.name }).from(visitParticipants).where(eq(visitParticipants.bookingId, waiting.bookingId));
    expect(names.map((row) => row.name).sort()).toEqual(['Participant 1', 'Participant 2', 'Participant 3']);
    const row = await stateOf(waiting.bookingId);
    expect(row.seats).toBe(3);
    expect(row.leaveTokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('first fit in arrival order: 1 seat freed goes to the 1 behind a 3; 3 more freed go to the 3', async () => {
    const visit = await visitWith({ seats: 4 });
    const [one, three, waitingThree, waitingOne] = [await createGuestPole(db), await createGuestPole(db), await createGuestPole(db), await createGuestPole(db)];
    const holdsOne = placed(await book(visit.id, one, 1));
    const holdsThree = placed(await book(visit.id, three, 3));
    const bigger = placed(await book(visit.id, waitingThree, 3));
    const smaller = placed(await book(visit.id, waitingOne, 1));
    expect(bigger).toEqual({ status: 'waiting', bookingId: bigger.bookingId, position: 1 });
    expect(smaller).toEqual({ status: 'waiting', bookingId: smaller.bookingId, position: 2 });

    const freedOne = await cancelBooking(services, { bookingId: holdsOne.bookingId, actorId: one.admin.id, by: 'guest', reason: 'Une personne malade' });
    expect(freedOne).toEqual({ status: 'cancelled', promoted: [{ bookingId: smaller.bookingId, poleId: waitingOne.pole.id, state: 'confirmed' }] });
    expect(await bookingStanding(db, bigger.bookingId)).toEqual({ state: 'waiting', position: 1 });
    const promotedRow = await stateOf(smaller.bookingId);
    expect(promotedRow.state).toBe('confirmed');
    expect(promotedRow.promotedAt).toBeInstanceOf(Date);

    const freedThree = await cancelBooking(services, { bookingId: holdsThree.bookingId, actorId: three.admin.id, by: 'guest', reason: 'Déplacement annulé' });
    expect(freedThree).toEqual({ status: 'cancelled', promoted: [{ bookingId: bigger.bookingId, poleId: waitingThree.pole.id, state: 'confirmed' }] });
    expect(await visitAvailability(db, visit.id)).toEqual({ seats: 4, taken: 4, free: 0, waiting: 0 });

    // The promoted poles are told; the host is told of each cancellation with its reason.
    const promotedMails = await mailsTo(waitingOne.admin.email, visit.title);
    expect(promotedMails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Liste d’attente : /),
      expect.stringMatching(/^Une place s’est libérée : /),
    ]);
    expect(promotedMails[1]!.text).toContain('est confirmée, pour 1 participant(s)');
    const hostMails = (await mailsTo(hostEmail, visit.title)).filter((mail) => mail.subject.startsWith('Réservation annulée'));
    expect(hostMails).toHaveLength(2);
    expect(hostMails[0]!.text).toContain('Motif : « Une personne malade »');
  });

  test('a cancelled or unknown booking cannot be cancelled again', async () => {
    const visit = await visitWith();
    const guest = await createGuestPole(db);
    const booking = placed(await book(visit.id, guest, 1));
    const input = { bookingId: booking.bookingId, actorId: guest.admin.id, by: 'host' as const, reason: 'Visite réservée aux adhérents' };
    expect((await cancelBooking(services, input)).status).toBe('cancelled');
    expect(await cancelBooking(services, input)).toEqual({ status: 'not-live', state: 'cancelled' });
    expect(await cancelBooking(services, { ...input, bookingId: '00000000-0000-4000-8000-000000000000' })).toEqual({ status: 'not-found' });
    // Cancelled by the host: the booking pole is told, with the reason.
    const [mail] = (await mailsTo(guest.admin.email, visit.title)).filter((row) => row.subject.startsWith('Réservation annulée par l’hôte'));
    expect(mail!.text).toContain('« Visite réservée aux adhérents »');
  });
});

describe('when the host confirms', () => {
  test('a booking is pending and holds its seats until the host confirms it', async () => {
    const visit = await visitWith({ seats: 3, bookingMode: 'host_confirms' });
    const guest = await createGuestPole(db);
    const pending = placed(await book(visit.id, guest, 2));
    expect(pending.status).toBe('pending');
    expect(await visitAvailability(db, visit.id)).toEqual({ seats: 3, taken: 2, free: 1, waiting: 0 });
    expect(await confirmBooking(services, { bookingId: pending.bookingId, actorId: guest.admin.id })).toEqual({ status: 'confirmed' });
    expect((await stateOf(pending.bookingId)).confirmedAt).toBeInstanceOf(Date);
    expect(await confirmBooking(services, { bookingId: pending.bookingId, actorId: guest.admin.id })).toEqual({ status: 'not-pending', state: 'confirmed' });
    const subjects = (await mailsTo(guest.admin.email, visit.title)).map((mail) => mail.subject);
    expect(subjects).toEqual([expect.stringMatching(/^Réservation reçue/), expect.stringMatching(/^Réservation confirmée par l’hôte/)]);
  });

  test('declining frees the seats and promotes the waiting list (pending again)', async () => {
    const visit = await visitWith({ seats: 2, bookingMode: 'host_confirms' });
    const [first, second] = [await createGuestPole(db), await createGuestPole(db)];
    const declined = placed(await book(visit.id, first, 2));
    const waiting = placed(await book(visit.id, second, 1));
    expect(waiting.status).toBe('waiting');
    const hostAdmin = await db.query.users.findFirst({ where: (users, { eq }) => eq(users.email, hostEmail) });
    expect(await declineBooking(services, { bookingId: declined.bookingId, actorId: hostAdmin!.id, reason: 'Profil trop éloigné du thème' })).toEqual({
      status: 'declined',
      promoted: [{ bookingId: waiting.bookingId, poleId: second.pole.id, state: 'pending' }],
    });
    const row = await stateOf(declined.bookingId);
    expect([row.state, row.cancelReason, row.cancelledById]).toEqual(['declined', 'Profil trop éloigné du thème', hostAdmin!.id]);
    expect(await visitAvailability(db, visit.id)).toEqual({ seats: 2, taken: 1, free: 1, waiting: 0 });
    expect((await mailsTo(first.admin.email, visit.title)).map((mail) => mail.subject)).toContainEqual(expect.stringMatching(/^Réservation déclinée/));
    expect((await mailsTo(second.admin.email, visit.title)).at(-1)!.text).toContain('en attendant la confirmation');
  });
});

describe('leaving the waiting list from the mail', () => {
  test('the link in the waiting mail takes the booking off the list, once', async () => {
    const visit = await visitWith({ seats: 1 });
    const [holder, first, second] = [await createGuestPole(db), await createGuestPole(db), await createGuestPole(db)];
    placed(await book(visit.id, holder, 1));
    const leaving = placed(await book(visit.id, first, 1));
    const staying = placed(await book(visit.id, second, 1));
    expect(staying).toMatchObject({ status: 'waiting', position: 2 });
    const [mail] = await mailsTo(first.admin.email, visit.title);
    expect(mail!.text).toContain('en position 1');
    const link = mail!.text.match(/http:\/\/localhost:3000\/visites\/([0-9a-f-]+)\/liste-attente\/([\w-]+)/);
    expect(link?.[1]).toBe(visit.id);
    const token = link![2]!;

    expect(await leaveWaitingList(services, { token })).toEqual({ status: 'left', visitId: visit.id, bookingId: leaving.bookingId });
    expect((await stateOf(leaving.bookingId)).state).toBe('cancelled');
    expect(await bookingStanding(db, staying.bookingId)).toEqual({ state: 'waiting', position: 1 });
    expect(await leaveWaitingList(services, { token })).toEqual({ status: 'not-waiting', visitId: visit.id, state: 'cancelled' });
    expect(await leaveWaitingList(services, { token: 'not-a-token' })).toEqual({ status: 'not-found' });
    expect(await visitAvailability(db, visit.id)).toEqual({ seats: 1, taken: 1, free: 0, waiting: 1 });
  });

  test('a promoted booking no longer leaves by the link', async () => {
    const visit = await visitWith({ seats: 1 });
    const [holder, waiter] = [await createGuestPole(db), await createGuestPole(db)];
    const held = placed(await book(visit.id, holder, 1));
    placed(await book(visit.id, waiter, 1));
    const token = (await mailsTo(waiter.admin.email, visit.title))[0]!.text.match(/liste-attente\/([\w-]+)/)![1]!;
    await cancelBooking(services, { bookingId: held.bookingId, actorId: holder.admin.id, by: 'guest', reason: 'Plus disponible' });
    expect(await leaveWaitingList(services, { token })).toEqual({ status: 'not-waiting', visitId: visit.id, state: 'confirmed' });
  });
});

describe('the host is told at 50, 80 and 100 %, once each', () => {
  test('in the recipient’s language', async () => {
    // An English-speaking host, so these mails are in English; the guest reads French.
    const host = await createGuestPole(db, { language: 'en' });
    const visit = await visitWith({ seats: 10, hostPoleId: host.pole.id });
    const guests = [];
    for (let index = 0; index < 11; index += 1) guests.push(await createGuestPole(db, { language: index === 0 ? 'en' : 'fr' }));
    const subjects = async () => (await mailsTo(host.admin.email, visit.title)).map((mail) => mail.subject);

    const bookings = [];
    for (const guest of guests.slice(0, 4)) bookings.push(placed(await book(visit.id, guest, 1)));
    expect(await subjects()).toEqual([]);
    bookings.push(placed(await book(visit.id, guests[4]!, 1)));
    expect(await subjects()).toEqual([`Your visit “${visit.title}” is half full`]);
    for (const guest of guests.slice(5, 8)) bookings.push(placed(await book(visit.id, guest, 1)));
    expect(await subjects()).toHaveLength(2);
    expect((await subjects())[1]).toBe(`Your visit “${visit.title}” is 80% full`);
    // Down to 7 and back to 8: 80 % is not told twice.
    await cancelBooking(services, { bookingId: bookings[7]!.bookingId, actorId: guests[7]!.admin.id, by: 'guest', reason: 'Conflit de dates' });
    bookings.push(placed(await book(visit.id, guests[8]!, 1)));
    expect((await subjects()).filter((subject) => subject.includes('80%'))).toHaveLength(1);
    bookings.push(placed(await book(visit.id, guests[9]!, 2)));
    expect((await subjects()).filter((subject) => subject.includes('is full'))).toEqual([`Your visit “${visit.title}” is full`]);
    expect((await db.select({ percent: visits.fillNoticePercent }).from(visits).where(eq(visits.id, visit.id)))[0]!.percent).toBe(100);
    expect(placed(await book(visit.id, guests[10]!, 1)).status).toBe('waiting');

    // Guests: the English-speaking one reads English, the others French.
    const english = await mailsTo(guests[0]!.admin.email, visit.title);
    expect(english.map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Booking confirmed: /)]);
    expect(english[0]!.text).toMatch(/^Hello /);
    const french = await mailsTo(guests[1]!.admin.email, visit.title);
    expect(french.map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Réservation confirmée : /)]);
  });
});

describe('a threshold crossed by a promotion', () => {
  test('is told to the host too', async () => {
    const visit = await visitWith({ seats: 10 });
    const [holder, waiter] = [await createGuestPole(db), await createGuestPole(db)];
    const held = placed(await book(visit.id, holder, 4));
    expect(placed(await book(visit.id, waiter, 7)).status).toBe('waiting');
    expect(await mailsTo(hostEmail, visit.title)).toEqual([]);
    await cancelBooking(services, { bookingId: held.bookingId, actorId: holder.admin.id, by: 'guest', reason: 'Budget refusé' });
    const subjects = (await mailsTo(hostEmail, visit.title)).map((mail) => mail.subject);
    // Both in the cancellation's transaction.
    expect(subjects).toHaveLength(2);
    expect(subjects).toContain(`Votre visite « ${visit.title} » est à moitié pleine`);
    expect(subjects).toContainEqual(expect.stringMatching(/^Réservation annulée : /));
    expect(await visitAvailability(db, visit.id)).toEqual({ seats: 10, taken: 7, free: 3, waiting: 0 });
  });
});
