import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bookVisit, visitAvailability } from '#app/models/visit-bookings.server';
import * as editVisit from '#app/routes/visites.$id_.modifier';
import { twinnings, visitBookings } from '#db/schema';
import { fieldErrors } from '#tests/setup/market-forms';
import { flashOf, inFrench } from '#tests/setup/responses';
import { createGuestPole, createVisit } from '#tests/setup/visit-factories';
import { coordinator, host, idFrom, member, otherAdmin, setupHosting } from './visit-hosting-fixtures';

/** Hosting a learning visit (issue 10, point 1): editing and cancelling at /visites/<id>/modifier. */

const { context, services, db, call, pole, visitForm, create, edit, visitRow, mailsAbout, auditOf } = await setupHosting();
let titles = 0;

describe('editing a visit', () => {
  async function bookedVisit(input: { seats?: number } = {}) {
    titles += 1;
    const title = `Visite modifiée ${titles}`;
    const visit = await createVisit(db, {
      title,
      seats: input.seats ?? 3,
      startsAt: new Date('2027-03-31T07:30:00Z'),
      bookingDeadline: new Date('2027-03-24T17:00:00Z'),
    });
    return visit;
  }

  const book = async (visitId: string, seats: number, language: 'fr' | 'en' = 'fr') => {
    const guest = await createGuestPole(db, { language });
    const outcome = await bookVisit(services, {
      visitId,
      poleId: guest.pole.id,
      actorId: guest.admin.id,
      participants: Array.from({ length: seats }, (_, index) => `Participant ${index + 1}`),
    });
    return { guest, outcome };
  };

  const formFor = (title: string, overrides: Record<string, string | string[]> = {}) => {
    const { poleId: _poleId, ...form } = visitForm({ title, ...overrides });
    return form;
  };

  test('the edit form is filled in Paris time', async () => {
    const visit = await bookedVisit();
    const page = await call<{ visit: { form: Record<string, unknown> } }>(editVisit, `/visites/${visit.id}/modifier`, { as: host, params: { id: visit.id } });
    expect(page.data.visit.form).toMatchObject({ date: '2027-03-31', time: '09:30', deadlineDate: '2027-03-24', deadlineTime: '18:00', seats: '3' });
    await book(visit.id, 2);
    const again = await call<{ availability: unknown }>(editVisit, `/visites/${visit.id}/modifier`, { as: host, params: { id: visit.id } });
    expect(again.data.availability).toEqual({ seats: 3, taken: 2, free: 1, waiting: 0 });
  });

  test('moving the start tells every booked pole, in its language, and is audited', async () => {
    const visit = await bookedVisit();
    const french = await book(visit.id, 1, 'fr');
    const english = await book(visit.id, 1, 'en');
    const waiting = await book(visit.id, 2, 'fr');
    expect(waiting.outcome.status).toBe('waiting');
    const outcome = await edit(visit.id, formFor(visit.title, { seats: '3', date: '2027-04-07', time: '14:00', deadlineDate: '2027-04-01' }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/visites/${visit.id}`);
    expect((await visitRow(visit.id)).startsAt.toISOString()).toBe('2027-04-07T12:00:00.000Z');
    const moved = (await mailsAbout(visit.title)).filter((mail) => /déplacée|moved/.test(mail.subject));
    expect(moved.map((mail) => mail.to).sort()).toEqual([french.guest.admin.email, english.guest.admin.email, waiting.guest.admin.email].sort());
    const frenchMail = moved.find((mail) => mail.to === french.guest.admin.email)!;
    expect(frenchMail.subject).toMatch(/^Visite déplacée/);
    expect(frenchMail.text).toMatch(/mercredi 31 mars 2027.*09:30/);
    expect(frenchMail.text).toMatch(/mercredi 7 avril 2027.*14:00/);
    expect(moved.find((mail) => mail.to === english.guest.admin.email)!.subject).toMatch(/^Visit moved/);
    const rescheduled = (await auditOf(visit.id)).filter((event) => event.action === 'visit.rescheduled');
    expect(rescheduled.map((event) => event.data)).toEqual([{ from: '2027-03-31T07:30:00.000Z', to: '2027-04-07T12:00:00.000Z' }]);
  });

  test('an edit that keeps the start mails nobody about a move', async () => {
    const visit = await bookedVisit();
    await book(visit.id, 1);
    const outcome = await edit(visit.id, formFor(visit.title, { seats: '3', practical: 'Venir avec des chaussures de marche.' }));
    expect(outcome.status).toBe(302);
    expect((await mailsAbout(visit.title)).filter((mail) => /déplacée/.test(mail.subject))).toEqual([]);
    expect((await visitRow(visit.id)).practical).toBe('Venir avec des chaussures de marche.');
  });

  test('raising the seats promotes the waiting bookings at once', async () => {
    const visit = await bookedVisit({ seats: 2 });
    await book(visit.id, 2);
    const waiting = await book(visit.id, 2);
    expect(waiting.outcome.status).toBe('waiting');
    const outcome = await edit(visit.id, formFor(visit.title, { seats: '4' }));
    expect(outcome.status).toBe(302);
    const [booking] = await db.select().from(visitBookings).where(eq(visitBookings.poleId, waiting.guest.pole.id));
    expect(booking!.state).toBe('confirmed');
    expect(await visitAvailability(db, visit.id)).toMatchObject({ seats: 4, taken: 4, waiting: 0 });
    expect((await auditOf(visit.id)).filter((event) => event.action === 'visit.seats-changed').map((event) => event.data)).toEqual([{ from: 2, to: 4 }]);
  });

  test('a twinning that ended since the visit was linked does not block an edit', async () => {
    const guest = await createGuestPole(db);
    const [twinning] = await db
      .insert(twinnings)
      .values({
        mentorPoleId: pole.figeacteurs,
        menteePoleId: guest.pole.id,
        regionCode: guest.pole.regionCode,
        state: 'active',
        expiresAt: new Date(),
        activatedAt: new Date(),
      })
      .returning();
    const created = await create(visitForm({ twinningId: twinning!.id }));
    const id = idFrom(created.location);
    await db.update(twinnings).set({ state: 'completed' }).where(eq(twinnings.id, twinning!.id));
    const title = (await visitRow(id)).title;
    const outcome = await edit(id, formFor(title, { twinningId: twinning!.id, town: 'Capdenac' }));
    expect(outcome.status).toBe(302);
    expect(await visitRow(id)).toMatchObject({ town: 'Capdenac', twinningId: twinning!.id });
  });

  test('more seats read the share taken anew: the host is told again when it fills', async () => {
    const visit = await bookedVisit({ seats: 2 });
    await book(visit.id, 2);
    expect((await visitRow(visit.id)).fillNoticePercent).toBe(100);
    await edit(visit.id, formFor(visit.title, { seats: '4' }));
    expect((await visitRow(visit.id)).fillNoticePercent).toBe(50);
    await book(visit.id, 2);
    expect((await visitRow(visit.id)).fillNoticePercent).toBe(100);
    const full = (await mailsAbout(visit.title)).filter((mail) => mail.to === host && /complète/.test(mail.subject));
    expect(full).toHaveLength(2);
  });

  test('lowering the seats below the seats taken is refused beside the field, nothing changed', async () => {
    const visit = await bookedVisit({ seats: 5 });
    await book(visit.id, 3);
    const outcome = await edit(visit.id, formFor(visit.title, { seats: '2' }));
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome).seats).toEqual(['visitHosting.errors.seatsBelowTaken']);
    expect((await visitRow(visit.id)).seats).toBe(5);
    const lowered = await edit(visit.id, formFor(visit.title, { seats: '3' }));
    expect(lowered.status).toBe(302);
    expect((await visitRow(visit.id)).seats).toBe(3);
  });

  test('another pole’s admin, a member, a coordinator: 404 on the page, the edit and the cancellation', async () => {
    const visit = await bookedVisit();
    for (const email of [otherAdmin, member, coordinator]) {
      expect((await call(editVisit, `/visites/${visit.id}/modifier`, { as: email, params: { id: visit.id } })).status).toBe(404);
      expect((await edit(visit.id, formFor('Titre changé par un autre'), email)).status).toBe(404);
      expect((await edit(visit.id, { intent: 'cancel', reason: 'Je n’ai pas le droit.' }, email)).status).toBe(404);
    }
    expect(await visitRow(visit.id)).toMatchObject({ title: visit.title, state: 'scheduled' });
    expect((await call(editVisit, '/visites/inconnue/modifier', { as: host, params: { id: 'inconnue' } })).status).toBe(404);
  });
});

describe('cancelling a visit', () => {
  test('a reason is required, in French', async () => {
    const visit = await createVisit(db, { title: 'Visite à annuler sans motif' });
    const outcome = await edit(visit.id, { intent: 'cancel', reason: '' });
    expect(outcome.status).toBe(400);
    expect(fieldErrors(outcome).reason).toEqual(['visitHosting.errors.reasonRequired']);
    expect(inFrench('visitHosting.errors.reasonRequired')).toBe('Indiquez un motif.');
    expect((await visitRow(visit.id)).state).toBe('scheduled');
  });

  test('cancels every live booking with the host’s reason and mails each booked pole', async () => {
    const visit = await createVisit(db, { title: 'Visite de la conserverie solidaire', seats: 2 });
    const guests = [];
    for (const seats of [1, 1, 2]) {
      const guest = await createGuestPole(db);
      await bookVisit(services, {
        visitId: visit.id,
        poleId: guest.pole.id,
        actorId: guest.admin.id,
        participants: Array.from({ length: seats }, () => 'Camille'),
      });
      guests.push(guest);
    }
    const reason = 'Travaux imprévus dans les ateliers.';
    const outcome = await edit(visit.id, { intent: 'cancel', reason });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/visites/${visit.id}`);
    expect(await flashOf(outcome, context)).toEqual({ message: 'visitHosting.notices.cancelled', values: { title: visit.title } });
    expect(await visitRow(visit.id)).toMatchObject({ state: 'cancelled', cancelReason: reason });
    const bookings = await db.select().from(visitBookings).where(eq(visitBookings.visitId, visit.id));
    expect(bookings).toHaveLength(3);
    for (const booking of bookings) expect(booking).toMatchObject({ state: 'cancelled', cancelReason: reason });
    const cancelledMails = (await mailsAbout(visit.title)).filter((mail) => mail.subject.startsWith('Visite annulée'));
    expect(cancelledMails.map((mail) => mail.to).sort()).toEqual(guests.map((guest) => guest.admin.email).sort());
    for (const mail of cancelledMails) {
      expect(mail.text).toContain(reason);
      expect(mail.text).toContain(`/visites/${visit.id}`);
    }
    const [event] = (await auditOf(visit.id)).filter((row) => row.action === 'visit.cancelled');
    expect(event).toMatchObject({ reason, data: { bookingsCancelled: 3 } });

    const again = await edit(visit.id, { intent: 'cancel', reason });
    expect(again.status).toBe(400);
    const editAfter = await edit(visit.id, { ...visitForm({ title: visit.title }), intent: 'save' });
    expect(editAfter.status).toBe(400);
  });
});
