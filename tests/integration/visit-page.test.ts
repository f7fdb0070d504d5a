import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { action, loader } from '#app/routes/visites.$id';
import { action as leaveAction, loader as leaveLoader } from '#app/routes/visites.$id_.liste-attente.$token';
import { outbox, poles, visitBookings, visits } from '#db/schema';
import { addMembership } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flashOf, inFrench, settle } from '#tests/setup/responses';
import { createGuestPole, createVisit } from '#tests/setup/visit-factories';

/**
 * The visit page (/visites/<id>) and its forms, for each role: a visitor, a member of another
 * validated pole, the host's members, a coordinator, the national observer; and the « leave the
 * waiting list » link of the mails.
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const dayMs = 24 * 60 * 60 * 1000;

const hostAdmin = 'figeacteurs@demo.ptce.fr';
const hostMember = 'membre@demo.ptce.fr';
const coordinator = 'coord.occitanie@demo.ptce.fr';
const observer = 'observateur@demo.ptce.fr';

type Guest = Awaited<ReturnType<typeof createGuestPole>>;

async function view(id: string, email?: string) {
  const cookie = email ? await cookieFor(email) : undefined;
  return settle(loader(routeArgs(context, makeRequest(`/visites/${id}`, cookie ? { cookie } : {}), { id })));
}
async function post(id: string, email: string | null, form: Record<string, string | string[]>) {
  const cookie = email ? await cookieFor(email) : undefined;
  return settle(action(routeArgs(context, makeRequest(`/visites/${id}`, { form, ...(cookie ? { cookie } : {}) }), { id })));
}
const book = (id: string, guest: Guest, participants: string[]) => post(id, guest.admin.email, { intent: 'book', poleId: guest.pole.id, participants });
const names = (count: number, prefix = 'Personne') => Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);

async function bookingOf(visitId: string, poleId: string) {
  const rows = await db.select().from(visitBookings).where(eq(visitBookings.visitId, visitId));
  return rows.find((row) => row.poleId === poleId)!;
}
/** Every participant name the loader's data carries, wherever it sits. */
const namesIn = (data: unknown) => JSON.stringify(data);

describe('reading the page', () => {
  test('a non-uuid or unknown id is a 404', async () => {
    expect((await view('pas-un-id')).status).toBe(404);
    expect((await view('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  test('a visitor sees the facts, the seats left and the waiting count, never a name; a post asks to sign in', async () => {
    const visit = await createVisit(db, { seats: 2 });
    const guest = await createGuestPole(db);
    const other = await createGuestPole(db);
    expect((await book(visit.id, guest, ['Alice Secrète', 'Bruno Secret'])).status).toBe(302);
    expect((await book(visit.id, other, ['Chloé Cachée'])).status).toBe(302);

    const page = await view(visit.id);
    expect(page.status).toBe(200);
    expect(page.data.visit.title).toBe(visit.title);
    expect(page.data.visit.host.slug).toBe('figeacteurs');
    expect(page.data.visit.availability).toEqual({ seats: 2, taken: 2, free: 0, waiting: 1 });
    expect(page.data.signedIn).toBe(false);
    expect(page.data.hostList).toBeNull();
    expect(page.data.own).toEqual([]);
    expect(namesIn(page.data)).not.toContain('Secrèt');
    expect(namesIn(page.data)).not.toContain('Chloé');

    const anonymous = await post(visit.id, null, { intent: 'book', poleId: guest.pole.id, participants: ['X'] });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/connexion/);
  });

  test('the host sees every name; a guest only its own; a coordinator and the observer none', async () => {
    const visit = await createVisit(db);
    const guest = await createGuestPole(db);
    const other = await createGuestPole(db);
    await book(visit.id, guest, ['Denis Invité']);
    await book(visit.id, other, ['Estelle Autre']);

    for (const email of [hostAdmin, hostMember]) {
      const host = await view(visit.id, email);
      expect(host.data.isHost).toBe(true);
      expect(host.data.hostList.map((booking: { participants: string[] }) => booking.participants)).toEqual([['Denis Invité'], ['Estelle Autre']]);
      expect(host.data.bookable).toEqual([]);
    }
    const mine = await view(visit.id, guest.admin.email);
    expect(mine.data.hostList).toBeNull();
    expect(mine.data.own).toHaveLength(1);
    expect(mine.data.own[0].participants).toEqual(['Denis Invité']);
    expect(namesIn(mine.data)).not.toContain('Estelle');

    for (const email of [coordinator, observer]) {
      const page = await view(visit.id, email);
      expect(page.status).toBe(200);
      expect(page.data.hostList).toBeNull();
      expect(namesIn(page.data)).not.toContain('Denis');
      expect(namesIn(page.data)).not.toContain('Estelle');
    }
  });

  test('a past, cancelled or closed visit says why booking is closed instead of the form', async () => {
    const guest = await createGuestPole(db);
    const cancelled = await createVisit(db, { state: 'cancelled' });
    const deadline = await createVisit(db, { bookingDeadline: new Date(Date.now() - dayMs) });
    const past = await createVisit(db, { startsAt: new Date(Date.now() - dayMs), bookingDeadline: new Date(Date.now() - 2 * dayMs) });
    expect((await view(cancelled.id, guest.admin.email)).data.closed).toBe('visit-cancelled');
    expect((await view(deadline.id, guest.admin.email)).data.closed).toBe('deadline-passed');
    expect((await view(past.id, guest.admin.email)).data.closed).toBe('visit-past');
    expect((await view(deadline.id, guest.admin.email)).data.bookable).toEqual([]);
    const open = await createVisit(db);
    const page = await view(open.id, guest.admin.email);
    expect(page.data.closed).toBeNull();
    expect(page.data.bookable).toEqual([{ id: guest.pole.id, name: guest.pole.name }]);
  });
});

describe('booking', () => {
  test('a member of another validated pole books: confirmed, with a flash', async () => {
    const visit = await createVisit(db);
    const guest = await createGuestPole(db);
    const outcome = await book(visit.id, guest, ['Fanny', '', '  ', 'Gilles']);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/visites/${visit.id}`);
    expect(await flashOf(outcome, context)).toEqual({ message: 'visits.notices.confirmed', values: {} });
    const booking = await bookingOf(visit.id, guest.pole.id);
    expect(booking).toMatchObject({ state: 'confirmed', seats: 2 });
  });

  test('one participant per line of a textarea works too', async () => {
    const visit = await createVisit(db);
    const guest = await createGuestPole(db);
    expect((await book(visit.id, guest, ['Hugo\r\nInès\n\nJules'])).status).toBe(302);
    expect((await bookingOf(visit.id, guest.pole.id)).seats).toBe(3);
  });

  test('host_confirms mode: pending; the host confirms one and declines another with a reason', async () => {
    const visit = await createVisit(db, { bookingMode: 'host_confirms' });
    const first = await createGuestPole(db);
    const second = await createGuestPole(db);
    const booked = await book(visit.id, first, ['Karim']);
    expect(await flashOf(booked, context)).toMatchObject({ message: 'visits.notices.pending' });
    await book(visit.id, second, ['Léa']);
    const one = await bookingOf(visit.id, first.pole.id);
    const two = await bookingOf(visit.id, second.pole.id);

    // A guest may neither confirm nor decline.
    expect((await post(visit.id, second.admin.email, { intent: 'confirm', bookingId: one.id })).status).toBe(404);
    expect((await post(visit.id, hostMember, { intent: 'confirm', bookingId: one.id })).status).toBe(302);
    expect((await bookingOf(visit.id, first.pole.id)).state).toBe('confirmed');

    const noReason = await post(visit.id, hostAdmin, { intent: 'decline', bookingId: two.id, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.data.result.error.reason).toEqual(['visits.errors.reasonRequired']);
    expect(inFrench(noReason.data.result.error.reason[0])).toBe('Indiquez un motif.');
    const declined = await post(visit.id, hostAdmin, { intent: 'decline', bookingId: two.id, reason: 'Plus de place au déjeuner.' });
    expect(await flashOf(declined, context)).toMatchObject({ message: 'visits.notices.declined' });
    expect(await bookingOf(visit.id, second.pole.id)).toMatchObject({ state: 'declined', cancelReason: 'Plus de place au déjeuner.' });
    const again = await post(visit.id, hostAdmin, { intent: 'confirm', bookingId: two.id });
    expect(again.status).toBe(409);
    expect(again.data.problem.key).toBe('visits.problems.notPending');
  });

  test('a full visit: waiting at position 1 then 2; the position moves up after a cancellation', async () => {
    const visit = await createVisit(db, { seats: 1 });
    const [holder, first, second] = [await createGuestPole(db), await createGuestPole(db), await createGuestPole(db)];
    await book(visit.id, holder, ['Marc']);
    const waitingFirst = await book(visit.id, first, ['Nina']);
    expect(await flashOf(waitingFirst, context)).toEqual({ message: 'visits.notices.waiting', values: { position: '1' } });
    const waitingSecond = await book(visit.id, second, ['Oscar']);
    expect(await flashOf(waitingSecond, context)).toEqual({ message: 'visits.notices.waiting', values: { position: '2' } });
    expect(inFrench('visits.notices.waiting')).toContain('position {{position}}');

    let page = await view(visit.id, second.admin.email);
    expect(page.data.own[0]).toMatchObject({ state: 'waiting', waitingPosition: 2 });
    expect(page.data.visit.availability).toMatchObject({ free: 0, waiting: 2 });

    // The first waiting pole cancels its place on the list: the second moves up to 1.
    const firstBooking = await bookingOf(visit.id, first.pole.id);
    expect(
      (await post(visit.id, first.admin.email, { intent: 'cancelBooking', bookingId: firstBooking.id, reason: 'Nous ne pouvons plus venir.' })).status,
    ).toBe(302);
    page = await view(visit.id, second.admin.email);
    expect(page.data.own[0]).toMatchObject({ state: 'waiting', waitingPosition: 1 });

    // The holder cancels: the second is promoted and sees it.
    const held = await bookingOf(visit.id, holder.pole.id);
    expect((await post(visit.id, holder.admin.email, { intent: 'cancelBooking', bookingId: held.id, reason: 'Réunion imprévue ce jour-là.' })).status).toBe(
      302,
    );
    page = await view(visit.id, second.admin.email);
    expect(page.data.own[0]).toMatchObject({ state: 'confirmed', waitingPosition: null });
  });

  test('refusals are told in French: already booked, own visit, deadline passed, cancelled, past', async () => {
    const visit = await createVisit(db);
    const guest = await createGuestPole(db);
    await book(visit.id, guest, ['Paul']);
    const twice = await book(visit.id, guest, ['Quentin']);
    expect(twice.status).toBe(409);
    expect(twice.data.problem.key).toBe('visits.refusals.alreadyBooked');
    expect(inFrench(twice.data.problem.key)).toBe('Votre pôle a déjà une réservation pour cette visite.');

    const host = (await db.select().from(poles).where(eq(poles.slug, 'figeacteurs')))[0]!;
    const own = await post(visit.id, hostMember, { intent: 'book', poleId: host.id, participants: ['Rita'] });
    expect(own.status).toBe(409);
    expect(inFrench(own.data.problem.key)).toBe('Un pôle ne peut pas réserver sa propre visite.');

    const late = await createVisit(db, { bookingDeadline: new Date(Date.now() - dayMs) });
    expect((await book(late.id, guest, ['Sami'])).data.problem.key).toBe('visits.refusals.deadlinePassed');
    const cancelled = await createVisit(db, { state: 'cancelled' });
    expect((await book(cancelled.id, guest, ['Sami'])).data.problem.key).toBe('visits.refusals.visitCancelled');
    const past = await createVisit(db, { startsAt: new Date(Date.now() - dayMs), bookingDeadline: new Date(Date.now() - 2 * dayMs) });
    expect((await book(past.id, guest, ['Sami'])).data.problem.key).toBe('visits.refusals.visitPast');
    expect((await db.select().from(visitBookings).where(eq(visitBookings.visitId, late.id))).length).toBe(0);
  });

  test('a person not in the pole, or in an unvalidated pole, gets a 404 and nothing is written', async () => {
    const visit = await createVisit(db);
    const guest = await createGuestPole(db);
    const other = await createGuestPole(db);
    expect((await post(visit.id, other.admin.email, { intent: 'book', poleId: guest.pole.id, participants: ['Tom'] })).status).toBe(404);
    for (const email of [coordinator, observer]) {
      expect((await post(visit.id, email, { intent: 'book', poleId: guest.pole.id, participants: ['Tom'] })).status).toBe(404);
    }
    await db.update(poles).set({ verifiedAt: null }).where(eq(poles.id, other.pole.id));
    expect((await book(visit.id, other, ['Tom'])).status).toBe(404);
    expect((await db.select().from(visitBookings).where(eq(visitBookings.visitId, visit.id))).length).toBe(0);
  });

  test('bad input is a 400 with the French message next to the field', async () => {
    const visit = await createVisit(db, { seats: 100 });
    const guest = await createGuestPole(db);
    const none = await book(visit.id, guest, ['', ' ']);
    expect(none.status).toBe(400);
    expect(none.data.result.error.participants).toEqual(['visits.errors.participantsRequired']);
    expect(inFrench('visits.errors.participantsRequired')).toBe('Nommez au moins un participant.');

    const many = await book(visit.id, guest, names(51));
    expect(many.status).toBe(400);
    expect(many.data.result.error.participants).toEqual(['visits.errors.tooManyParticipants']);

    const badPole = await post(visit.id, guest.admin.email, { intent: 'book', poleId: 'pas-un-pole', participants: ['Ugo'] });
    expect(badPole.status).toBe(400);
    expect(badPole.data.result.error.poleId).toEqual(['visits.errors.poleRequired']);
    expect(inFrench('visits.errors.poleRequired')).toBe('Choisissez le pôle pour lequel vous réservez.');

    await book(visit.id, guest, ['Véra']);
    const booking = await bookingOf(visit.id, guest.pole.id);
    const noReason = await post(visit.id, guest.admin.email, { intent: 'cancelBooking', bookingId: booking.id, reason: 'non' });
    expect(noReason.status).toBe(400);
    expect(noReason.data.result.error.reason).toEqual(['visits.errors.reasonTooShort']);
    const unknown = await post(visit.id, guest.admin.email, { intent: 'explode' });
    expect(unknown.status).toBe(400);
    expect((await bookingOf(visit.id, guest.pole.id)).state).toBe('confirmed');
  });

  test('a person with two validated poles chooses one; the booking lists only its own participants', async () => {
    const visit = await createVisit(db);
    const first = await createGuestPole(db);
    const second = await createGuestPole(db);
    await addMembership(db, { userId: first.admin.id, poleId: second.pole.id, role: 'member' });
    const page = await view(visit.id, first.admin.email);
    expect(page.data.bookable.map((pole: { id: string }) => pole.id).sort()).toEqual([first.pole.id, second.pole.id].sort());
    expect((await post(visit.id, first.admin.email, { intent: 'book', poleId: second.pole.id, participants: ['Willy'] })).status).toBe(302);
    const after = await view(visit.id, first.admin.email);
    expect(after.data.bookable).toEqual([{ id: first.pole.id, name: first.pole.name }]);
    expect(after.data.own.map((booking: { pole: { id: string } }) => booking.pole.id)).toEqual([second.pole.id]);
  });
});

describe('cancelling', () => {
  test('the guest cancels with a reason; another pole cannot cancel it', async () => {
    const visit = await createVisit(db);
    const guest = await createGuestPole(db);
    const other = await createGuestPole(db);
    await book(visit.id, guest, ['Xavier']);
    const booking = await bookingOf(visit.id, guest.pole.id);
    expect((await post(visit.id, other.admin.email, { intent: 'cancelBooking', bookingId: booking.id, reason: 'Je ne suis pas ce pôle.' })).status).toBe(404);
    expect((await post(visit.id, null, { intent: 'cancelBooking', bookingId: booking.id, reason: 'Anonyme ici.' })).status).toBe(302);
    for (const email of [coordinator, observer]) {
      expect((await post(visit.id, email, { intent: 'cancelBooking', bookingId: booking.id, reason: 'Je coordonne la région.' })).status).toBe(404);
      expect((await post(visit.id, email, { intent: 'confirm', bookingId: booking.id })).status).toBe(404);
    }
    expect((await post(visit.id, other.admin.email, { intent: 'decline', bookingId: booking.id, reason: 'Pas mon rôle.' })).status).toBe(404);
    const cancelled = await post(visit.id, guest.admin.email, { intent: 'cancelBooking', bookingId: booking.id, reason: 'Grève des trains.' });
    expect(await flashOf(cancelled, context)).toMatchObject({ message: 'visits.notices.cancelled' });
    expect(await bookingOf(visit.id, guest.pole.id)).toMatchObject({ state: 'cancelled', cancelReason: 'Grève des trains.' });
    const twice = await post(visit.id, guest.admin.email, { intent: 'cancelBooking', bookingId: booking.id, reason: 'Grève des trains.' });
    expect(twice.status).toBe(409);
    expect(twice.data.problem.key).toBe('visits.problems.notLive');
  });

  test('the host cancels a booking with a reason; the guest is told by mail; a booking of another visit is a 404', async () => {
    const visit = await createVisit(db, { title: 'Visite annulée par l’hôte' });
    const elsewhere = await createVisit(db);
    const guest = await createGuestPole(db);
    await book(visit.id, guest, ['Yann']);
    await book(elsewhere.id, guest, ['Yann']);
    const booking = await bookingOf(visit.id, guest.pole.id);
    const foreign = await bookingOf(elsewhere.id, guest.pole.id);
    expect((await post(visit.id, hostAdmin, { intent: 'cancelBooking', bookingId: foreign.id, reason: 'Pas cette visite.' })).status).toBe(404);
    await db.delete(outbox);
    expect((await post(visit.id, hostMember, { intent: 'cancelBooking', bookingId: booking.id, reason: 'Salle indisponible.' })).status).toBe(302);
    expect(await bookingOf(visit.id, guest.pole.id)).toMatchObject({ state: 'cancelled', cancelReason: 'Salle indisponible.' });
    const mails = await db.select().from(outbox).where(eq(outbox.to, guest.admin.email));
    expect(mails.map((mail) => mail.text).join('\n')).toContain('Salle indisponible.');
  });
});

describe('leaving the waiting list, and after the start', () => {
  test('a waiting pole leaves from the page with one button, no reason asked; the host and another pole cannot (404)', async () => {
    const visit = await createVisit(db, { seats: 1 });
    const holder = await createGuestPole(db);
    const waiting = await createGuestPole(db);
    await book(visit.id, holder, ['Zoé']);
    await book(visit.id, waiting, ['Abel']);
    const booking = await bookingOf(visit.id, waiting.pole.id);
    const page = await view(visit.id, waiting.admin.email);
    expect(page.data.own).toEqual([expect.objectContaining({ state: 'waiting', waitingPosition: 1 })]);
    for (const email of [hostAdmin, holder.admin.email, coordinator]) {
      expect((await post(visit.id, email, { intent: 'leave', bookingId: booking.id })).status).toBe(404);
    }
    // The holder's confirmed booking is not « left »: it is cancelled, with a reason.
    const holderBooking = await bookingOf(visit.id, holder.pole.id);
    const notWaiting = await post(visit.id, holder.admin.email, { intent: 'leave', bookingId: holderBooking.id });
    expect([notWaiting.status, notWaiting.data.problem.key]).toEqual([409, 'visits.problems.notLive']);
    const left = await post(visit.id, waiting.admin.email, { intent: 'leave', bookingId: booking.id });
    expect(await flashOf(left, context)).toMatchObject({ message: 'visits.notices.left' });
    expect(await bookingOf(visit.id, waiting.pole.id)).toMatchObject({ state: 'cancelled', cancelReason: null });
    expect(await bookingOf(visit.id, holder.pole.id)).toMatchObject({ state: 'confirmed' });
  });

  test('once the visit has begun, neither side cancels, confirms or declines a booking (409, in French)', async () => {
    const visit = await createVisit(db, { bookingMode: 'host_confirms' });
    const guest = await createGuestPole(db);
    await book(visit.id, guest, ['Inès']);
    const booking = await bookingOf(visit.id, guest.pole.id);
    expect((await view(visit.id, hostAdmin)).data.started).toBe(false);
    await db
      .update(visits)
      .set({ startsAt: new Date(Date.now() - 60_000) })
      .where(eq(visits.id, visit.id));
    for (const email of [guest.admin.email, hostAdmin]) {
      const refused = await post(visit.id, email, { intent: 'cancelBooking', bookingId: booking.id, reason: 'Trop tard pour annuler.' });
      expect([refused.status, refused.data.problem.key]).toEqual([409, 'visits.problems.started']);
    }
    for (const form of <Array<Record<string, string>>>[
      { intent: 'confirm', bookingId: booking.id },
      { intent: 'decline', bookingId: booking.id, reason: 'Trop tard pour décliner.' },
    ]) {
      const refused = await post(visit.id, hostAdmin, form);
      expect([refused.status, refused.data.problem.key]).toEqual([409, 'visits.problems.started']);
    }
    expect(inFrench('visits.problems.started')).toMatch(/^La visite a commencé/);
    expect(await bookingOf(visit.id, guest.pole.id)).toMatchObject({ state: 'pending' });
    expect((await view(visit.id, hostAdmin)).data.started).toBe(true);
  });
});

describe('the « leave the waiting list » link', () => {
  test('a GET changes nothing; the POST leaves; a used or unknown token is a 404', async () => {
    const visit = await createVisit(db, { seats: 1, title: 'Visite avec liste d’attente' });
    const holder = await createGuestPole(db);
    const waiting = await createGuestPole(db);
    await book(visit.id, holder, ['Zoé']);
    await db.delete(outbox);
    await book(visit.id, waiting, ['Abel']);
    const [mail] = await db.select().from(outbox).where(eq(outbox.to, waiting.admin.email));
    const link = /\/visites\/[0-9a-f-]+\/liste-attente\/([A-Za-z0-9_-]+)/.exec(mail!.text)!;
    const token = link[1]!;
    const params = { id: visit.id, token };
    const address = `/visites/${visit.id}/liste-attente/${token}`;

    const shown = await settle(leaveLoader(routeArgs(context, makeRequest(address), params)));
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({ state: 'waiting', position: 1, pole: waiting.pole.name });
    expect((await bookingOf(visit.id, waiting.pole.id)).state).toBe('waiting');

    const left = await settle(leaveAction(routeArgs(context, makeRequest(address, { form: {} }), params)));
    expect(left.status).toBe(302);
    expect(left.location).toBe(`/visites/${visit.id}`);
    expect(await flashOf(left, context)).toMatchObject({ message: 'visits.notices.left' });
    expect((await bookingOf(visit.id, waiting.pole.id)).state).toBe('cancelled');

    // Used: the page says there is nothing to do; a second POST changes nothing.
    const used = await settle(leaveLoader(routeArgs(context, makeRequest(address), params)));
    expect(used.data.state).toBe('cancelled');
    const again = await settle(leaveAction(routeArgs(context, makeRequest(address, { form: {} }), params)));
    expect(again.status).toBe(302);
    expect(again.location).toBe(address);

    for (const bad of [
      { id: visit.id, token: 'x'.repeat(43) },
      { id: 'pas-un-id', token },
      { id: holder.pole.id, token },
      { id: visit.id, token: '<script>' },
    ]) {
      expect((await settle(leaveLoader(routeArgs(context, makeRequest('/x'), bad)))).status).toBe(404);
      expect((await settle(leaveAction(routeArgs(context, makeRequest('/x', { form: {} }), bad)))).status).toBe(404);
    }
  });
});
