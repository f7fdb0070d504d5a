import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bookVisit } from '#app/models/visit-bookings.server';
import { followUpVisit, scheduleVisitJobs, sendVisitReminder, visitFollowUpJob, visitReminderJob, type VisitJobData } from '#app/models/visit-reminders.server';
import { cancelVisit, createVisit as createVisitAct } from '#app/models/visits.server';
import type { VisitFields } from '#app/domain/visits/visit';
import { addMembership } from '#db/seed/factories';
import { outbox, users, visitBookings, visitParticipants, visits } from '#db/schema';
import { createGuestPole, createVisit } from '#tests/setup/visit-factories';
import { host, idFrom, setupHosting } from './visit-hosting-fixtures';

/**
 * Issue 10, point 6: the 48-hour reminder and the day-after follow-up are pg-boss jobs, asked for
 * in the transaction that creates or moves the visit. The handlers are called with a chosen `now`;
 * the last test starts the real runner, stops it (a restart) and sees a stored job still run.
 */

const { services, db, pole, visitForm, create, edit, visitRow } = await setupHosting();
const { jobs } = services;
const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;
const hostEmail = host;

/** A visit on Wednesday 16 June 2027 at 09:30 in Paris (4 hours), bookable until the 9th. */
const startsAt = new Date('2027-06-16T07:30:00Z');
const reminderDue = new Date('2027-06-14T07:30:00Z');
const followUpDue = new Date('2027-06-17T07:00:00Z');
const beforeDeadline = new Date('2027-06-01T08:00:00Z');
let titles = 0;

async function visitOn(input: { seats?: number; start?: Date } = {}) {
  titles += 1;
  const start = input.start ?? startsAt;
  return createVisit(db, {
    title: `Visite ${titles} à rappeler`,
    startsAt: start,
    bookingDeadline: new Date(start.getTime() - 7 * dayMs),
    seats: input.seats ?? 10,
  });
}
const jobData = (visit: { id: string; startsAt: Date }): VisitJobData => ({ visitId: visit.id, startsAt: visit.startsAt.toISOString() });

type Guest = Awaited<ReturnType<typeof createGuestPole>>;
async function book(visitId: string, guest: Guest, participants: string[], bookedById = guest.admin.id) {
  const outcome = await bookVisit(services, { visitId, poleId: guest.pole.id, actorId: bookedById, participants, now: beforeDeadline });
  if (!('bookingId' in outcome)) throw new Error(`not booked: ${JSON.stringify(outcome)}`);
  return outcome;
}

/** The mails of one kind about the visit titled `title`, by recipient. */
async function mailsOf(title: string, subjectStart: RegExp) {
  const rows = await db
    .select({ to: outbox.to, subject: outbox.subject, text: outbox.text })
    .from(outbox)
    .where(like(outbox.subject, `%${title}%`))
    .orderBy(asc(outbox.to), asc(outbox.createdAt));
  return rows.filter((mail) => subjectStart.test(mail.subject));
}
const reminderSubject = /^(Rappel|Reminder)/;
const feedbackSubject = /^(Votre avis|Your feedback)/;
const attendanceSubject = /^(Marquez les présences|Mark the attendance)/;

/** What the test's acts asked the queue for, about one visit. */
const asked = (visitId: string) => jobs.unsent.filter((job) => (job.data as Partial<VisitJobData>).visitId === visitId);

async function mark(bookingId: string, attended: boolean | null) {
  await db.update(visitParticipants).set({ attended }).where(eq(visitParticipants.bookingId, bookingId));
}

describe('scheduling, in the act’s transaction', () => {
  test('creating a visit asks for its reminder 48 hours before and its follow-up at 09:00 the day after', async () => {
    const created = await create(visitForm());
    const id = idFrom(created.location);
    const data = { visitId: id, startsAt: '2027-03-31T07:30:00.000Z' };
    // 31 March 2027 at 09:30 in Paris (summer time since the 28th), 4 hours: the follow-up is 1 April at 09:00.
    expect(
      asked(id).map((job) => ({ name: job.name, data: job.data, startAfter: job.options.startAfter, inTransaction: job.options.tx !== undefined })),
    ).toEqual([
      { name: visitReminderJob, data, startAfter: new Date('2027-03-29T07:30:00.000Z'), inTransaction: true },
      { name: visitFollowUpJob, data, startAfter: new Date('2027-04-01T07:00:00.000Z'), inTransaction: true },
    ]);
  });

  test('an edit that keeps the start asks for nothing; a move asks for the new start’s jobs', async () => {
    const id = idFrom((await create(visitForm())).location);
    const { title } = await visitRow(id);
    const { poleId: _poleId, ...form } = visitForm({ title });
    jobs.unsent.splice(0);
    expect((await edit(id, { ...form, practical: 'Venir avec des chaussures de marche.' })).status).toBe(302);
    expect(asked(id)).toEqual([]);
    expect((await edit(id, { ...form, date: '2027-04-07', time: '14:00', deadlineDate: '2027-04-01' })).status).toBe(302);
    const data = { visitId: id, startsAt: '2027-04-07T12:00:00.000Z' };
    expect(asked(id).map((job) => [job.name, job.data, job.options.startAfter])).toEqual([
      [visitReminderJob, data, new Date('2027-04-05T12:00:00.000Z')],
      [visitFollowUpJob, data, new Date('2027-04-08T07:00:00.000Z')],
    ]);
  });

  test('a visit less than 48 hours ahead gets no reminder (the act itself just told everyone), only its follow-up', async () => {
    const visit = await visitOn();
    jobs.unsent.splice(0);
    await db.transaction((tx) => scheduleVisitJobs(tx, jobs, { ...visit, startsAt }, new Date(startsAt.getTime() - 20 * hourMs)));
    expect(asked(visit.id).map((job) => job.name)).toEqual([visitFollowUpJob]);
  });
});

describe('the 48-hour reminder', () => {
  test('reaches the host’s admins and, for each confirmed booking, its booker and admins, each in their language, once', async () => {
    const visit = await visitOn({ seats: 3 });
    await db.update(visits).set({ practical: 'Parking gratuit devant la gare.' }).where(eq(visits.id, visit.id));
    const french = await createGuestPole(db, { language: 'fr' });
    const english = await createGuestPole(db, { language: 'en' });
    const waiting = await createGuestPole(db);
    // A plain member of the French pole books it, and reads English.
    const [booker] = await db
      .insert(users)
      .values({ email: `booker-${visit.id}@test.ptce.fr`, name: 'Bastien Réserve', passwordHash: '-', language: 'en' })
      .returning();
    await addMembership(db, { userId: booker!.id, poleId: french.pole.id, role: 'member' });
    await book(visit.id, french, ['Bruno Petit', 'Alice Martin'], booker!.id);
    await book(visit.id, english, ['Jane Doe']);
    expect((await book(visit.id, waiting, ['Sur la liste'])).status).toBe('waiting');

    const outcome = await sendVisitReminder(services, { ...jobData(visit), now: reminderDue });
    expect(outcome).toEqual({ status: 'sent', mails: 4 });
    const mails = await mailsOf(visit.title, reminderSubject);
    expect(mails.map((mail) => mail.to).sort()).toEqual([booker!.email, english.admin.email, hostEmail, french.admin.email].sort());
    const to = (email: string) => mails.find((mail) => mail.to === email)!;

    const hostMail = to(hostEmail);
    expect(hostMail.subject).toBe(`Rappel : votre visite « ${visit.title} » a lieu le mercredi 16 juin 2027 à 09:30`);
    expect(hostMail.text).toContain(`3 participant(s) confirmé(s), de 2 pôle(s) : ${french.pole.name}, ${english.pole.name}.`);
    expect(hostMail.text).toContain(`http://localhost:3000/visites/${visit.id}/presences`);
    expect(hostMail.text).toContain(`Voir la visite : http://localhost:3000/visites/${visit.id}`);

    const frenchMail = to(french.admin.email);
    expect(frenchMail.subject).toBe(`Rappel : visite « ${visit.title} » le mercredi 16 juin 2027 à 09:30`);
    expect(frenchMail.text).toContain(`Le pôle « ${french.pole.name} » y est inscrit pour : Alice Martin, Bruno Petit.`);
    expect(frenchMail.text).toContain('Lieu : 2 place Champollion, Figeac.');
    expect(frenchMail.text).toContain('Informations pratiques : Parking gratuit devant la gare.');
    expect(frenchMail.text).not.toContain('Accessibilité');
    expect(frenchMail.text).toContain(`(.ics) : http://localhost:3000/visites/${visit.id}/calendrier`);
    expect(frenchMail.text).not.toContain('Jane Doe');

    expect(to(booker!.email).subject).toBe(`Reminder: visit “${visit.title}” on Wednesday, 16 June 2027 at 09:30`);
    expect(to(booker!.email).text).toContain('is booked for: Alice Martin, Bruno Petit.');
    expect(to(english.admin.email).text).toContain(`The cluster “${english.pole.name}” is booked for: Jane Doe.`);
    expect((await visitRow(visit.id)).reminderSentFor).toEqual(startsAt);

    // The same job again (a retry, a second process): nothing more.
    expect(await sendVisitReminder(services, { ...jobData(visit), now: new Date(reminderDue.getTime() + 60_000) })).toEqual({ status: 'already-sent' });
    expect(await mailsOf(visit.title, reminderSubject)).toHaveLength(4);
  });

  test('a visit nobody booked reminds its host all the same', async () => {
    const visit = await visitOn();
    expect(await sendVisitReminder(services, { ...jobData(visit), now: reminderDue })).toEqual({ status: 'sent', mails: 1 });
    const [mail] = await mailsOf(visit.title, reminderSubject);
    expect(mail).toMatchObject({ to: hostEmail });
    expect(mail!.text).toContain('Aucune réservation n’est confirmée pour le moment.');
  });

  test('a moved visit: the old start’s jobs do nothing, the new start’s send', async () => {
    const visit = await visitOn();
    const guest = await createGuestPole(db);
    await book(visit.id, guest, ['Camille Durand']);
    const movedTo = new Date(startsAt.getTime() + 7 * dayMs);
    await db.update(visits).set({ startsAt: movedTo }).where(eq(visits.id, visit.id));
    expect(await sendVisitReminder(services, { ...jobData(visit), now: reminderDue })).toEqual({ status: 'stale' });
    expect(await followUpVisit(services, { ...jobData(visit), now: followUpDue })).toEqual({ status: 'stale' });
    expect([...(await mailsOf(visit.title, reminderSubject)), ...(await mailsOf(visit.title, attendanceSubject))]).toEqual([]);
    const moved = { id: visit.id, startsAt: movedTo };
    expect(await sendVisitReminder(services, { ...jobData(moved), now: new Date(movedTo.getTime() - 48 * hourMs) })).toEqual({ status: 'sent', mails: 2 });
    expect((await mailsOf(visit.title, reminderSubject))[0]!.subject).toContain('mercredi 23 juin 2027 à 09:30');
  });

  test('a cancelled visit: neither job sends anything', async () => {
    const visit = await visitOn();
    const guest = await createGuestPole(db);
    await book(visit.id, guest, ['Camille Durand']);
    const hostAdmin = await db.query.users.findFirst({ where: (table, { eq: equals }) => equals(table.email, hostEmail) });
    expect((await cancelVisit(services, { visitId: visit.id, actorId: hostAdmin!.id, reason: 'Intempéries annoncées' })).status).toBe('cancelled');
    expect(await sendVisitReminder(services, { ...jobData(visit), now: reminderDue })).toEqual({ status: 'stale' });
    expect(await followUpVisit(services, { ...jobData(visit), now: followUpDue })).toEqual({ status: 'stale' });
    expect([...(await mailsOf(visit.title, reminderSubject)), ...(await mailsOf(visit.title, attendanceSubject))]).toEqual([]);
  });

  test('a job run early puts itself back for its time; one run after the start sends nothing', async () => {
    const visit = await visitOn();
    jobs.unsent.splice(0);
    expect(await sendVisitReminder(services, { ...jobData(visit), now: new Date(reminderDue.getTime() - dayMs) })).toEqual({
      status: 'not-yet',
      retryAt: reminderDue,
    });
    expect(asked(visit.id).map((job) => [job.name, job.options.startAfter])).toEqual([[visitReminderJob, reminderDue]]);
    expect(await followUpVisit(services, { ...jobData(visit), now: startsAt })).toEqual({ status: 'not-yet', retryAt: followUpDue });
    expect(await sendVisitReminder(services, { ...jobData(visit), now: new Date(startsAt.getTime() + hourMs) })).toEqual({ status: 'too-late' });
    expect(await mailsOf(visit.title, reminderSubject)).toEqual([]);
  });
});

describe('the day-after follow-up', () => {
  test('attendance unmarked: the host is asked once, and the follow-up comes back each morning until the poles that came are asked', async () => {
    const visit = await visitOn({ seats: 3 });
    const [came, absent, waiting] = [await createGuestPole(db), await createGuestPole(db, { language: 'en' }), await createGuestPole(db)];
    const cameBooking = await book(visit.id, came, ['Alice Martin', 'Bruno Petit']);
    const absentBooking = await book(visit.id, absent, ['Jane Doe']);
    const waitingBooking = await book(visit.id, waiting, ['Sur la liste']);
    jobs.unsent.splice(0);

    // Day 1: nothing marked. The host is asked to mark; the follow-up comes back the next morning.
    const nextMorning = new Date('2027-06-18T07:00:00Z');
    expect(await followUpVisit(services, { ...jobData(visit), now: followUpDue })).toEqual({
      status: 'done',
      feedbackRequests: 0,
      nudged: true,
      nextAt: nextMorning,
    });
    const [nudge] = await mailsOf(visit.title, attendanceSubject);
    expect(nudge).toMatchObject({ to: hostEmail, subject: `Marquez les présences : ${visit.title}` });
    expect(nudge!.text).toContain(`Marquer les présences : http://localhost:3000/visites/${visit.id}/presences`);
    expect(asked(visit.id).map((job) => [job.name, job.data, job.options.startAfter, job.options.singletonKey])).toEqual([
      [visitFollowUpJob, jobData(visit), nextMorning, `${visit.id}:${startsAt.toISOString()}`],
    ]);
    // The same run again (a retry): the host is not asked twice.
    expect(await followUpVisit(services, { ...jobData(visit), now: followUpDue })).toMatchObject({ nudged: false, feedbackRequests: 0 });
    expect(await mailsOf(visit.title, attendanceSubject)).toHaveLength(1);

    // The host marks one pole: it is asked for its feedback the next morning; the other is still awaited.
    await db
      .update(visitParticipants)
      .set({ attended: true })
      .where(and(eq(visitParticipants.bookingId, cameBooking.bookingId), eq(visitParticipants.name, 'Alice Martin')));
    await db
      .update(visitParticipants)
      .set({ attended: false })
      .where(and(eq(visitParticipants.bookingId, cameBooking.bookingId), eq(visitParticipants.name, 'Bruno Petit')));
    await mark(waitingBooking.bookingId, true);
    expect(await followUpVisit(services, { ...jobData(visit), now: nextMorning })).toEqual({
      status: 'done',
      feedbackRequests: 1,
      nudged: false,
      nextAt: new Date('2027-06-19T07:00:00Z'),
    });
    const requests = await mailsOf(visit.title, feedbackSubject);
    expect(requests.map((mail) => mail.to)).toEqual([came.admin.email]);
    expect(requests[0]!.subject).toBe(`Votre avis sur la visite « ${visit.title} »`);
    expect(requests[0]!.text).toContain(`Donner notre avis : http://localhost:3000/visites/${visit.id}/avis`);

    // Then the other pole is marked absent: nobody else is asked, and the follow-up stops.
    await mark(absentBooking.bookingId, false);
    expect(await followUpVisit(services, { ...jobData(visit), now: new Date('2027-06-19T07:00:00Z') })).toEqual({
      status: 'done',
      feedbackRequests: 0,
      nudged: false,
      nextAt: null,
    });
    expect((await mailsOf(visit.title, feedbackSubject)).map((mail) => mail.to)).toEqual([came.admin.email]);
    const asking = await db
      .select({ id: visitBookings.id, at: visitBookings.feedbackRequestedAt })
      .from(visitBookings)
      .where(inArray(visitBookings.id, [cameBooking.bookingId, absentBooking.bookingId, waitingBooking.bookingId]));
    expect(Object.fromEntries(asking.map((row) => [row.id, row.at]))).toEqual({
      [cameBooking.bookingId]: nextMorning,
      [absentBooking.bookingId]: null,
      [waitingBooking.bookingId]: null,
    });
  });

  test('attendance marked before the first run: the poles that came are asked at once, and nothing comes back', async () => {
    const visit = await visitOn();
    const guest = await createGuestPole(db, { language: 'en' });
    const booking = await book(visit.id, guest, ['Jane Doe']);
    await mark(booking.bookingId, true);
    jobs.unsent.splice(0);
    expect(await followUpVisit(services, { ...jobData(visit), now: followUpDue })).toEqual({
      status: 'done',
      feedbackRequests: 1,
      nudged: false,
      nextAt: null,
    });
    expect(await followUpVisit(services, { ...jobData(visit), now: followUpDue })).toEqual({
      status: 'done',
      feedbackRequests: 0,
      nudged: false,
      nextAt: null,
    });
    const requests = await mailsOf(visit.title, feedbackSubject);
    expect(requests.map((mail) => [mail.to, mail.subject])).toEqual([[guest.admin.email, `Your feedback on the visit “${visit.title}”`]]);
    expect(asked(visit.id)).toEqual([]);
    expect(await mailsOf(visit.title, attendanceSubject)).toEqual([]);
  });

  test('still unmarked 14 days after the visit, the follow-up stops', async () => {
    const visit = await visitOn();
    await book(visit.id, await createGuestPole(db), ['Camille Durand']);
    const lastMorning = new Date('2027-06-30T07:00:00Z');
    expect(await followUpVisit(services, { ...jobData(visit), now: lastMorning })).toMatchObject({ nextAt: null, nudged: true });
  });
});

describe('on the real runner', () => {
  /** The visit jobs stored for these visits (pg-boss's own table). */
  async function storedJobs() {
    const result = await db.execute(
      sql`select name, data->>'visitId' as "visitId", start_after as "startAfter" from pgboss.job where name in (${visitReminderJob}, ${visitFollowUpJob}) order by name`,
    );
    // postgres.js answers the rows, PGlite an object that holds them.
    const rows = Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows;
    return rows as Array<{ name: string; visitId: string; startAfter: Date | string }>;
  }

  test('the jobs are stored with the visit or not at all, and a restart loses none', async () => {
    const now = new Date();
    const fields = (title: string): VisitFields => ({
      title,
      programme: 'Accueil, visite des ateliers, échanges.',
      topics: ['incubation'],
      // The reminder falls due six seconds from now.
      startsAt: new Date(now.getTime() + 48 * hourMs + 6000),
      bookingDeadline: new Date(now.getTime() + dayMs),
      durationMinutes: 120,
      address: '2 place Champollion',
      town: 'Figeac',
      seats: 10,
      bookingMode: 'instant',
      accessibility: '',
      practical: '',
      costs: 'free',
      costsNote: '',
    });
    const actor = await db.query.users.findFirst({ where: (table, { eq: equals }) => equals(table.email, hostEmail) });
    const act = (title: string, onCreated?: () => Promise<void>) =>
      createVisitAct(services, { poleId: pole.figeacteurs, actorId: actor!.id, fields: fields(title), mayCreate: () => true, onCreated });

    // A process that only sends (no workers), like a web node of a cluster.
    await jobs.start({ workers: false });
    try {
      const before = await storedJobs();
      await expect(act('Visite annulée en route', () => Promise.reject(new Error('rollback')))).rejects.toThrow('rollback');
      expect(await db.select().from(visits).where(eq(visits.title, 'Visite annulée en route'))).toEqual([]);
      expect(await storedJobs()).toEqual(before);
      const outcome = await act('Visite rappelée après un redémarrage');
      if (outcome.status !== 'saved') throw new Error(outcome.status);
      const stored = (await storedJobs()).filter((job) => job.visitId === outcome.id);
      expect(stored.map((job) => job.name).sort()).toEqual([visitFollowUpJob, visitReminderJob]);
      expect(new Date(stored.find((job) => job.name === visitReminderJob)!.startAfter).getTime()).toBe(now.getTime() + 6000);
    } finally {
      await jobs.stop({ timeoutMs: 1000 });
    }

    // The process is gone; a new one starts its workers and finds the reminder waiting.
    await jobs.start();
    try {
      const deadline = Date.now() + 45_000;
      let reminders: Array<{ to: string }> = [];
      while (reminders.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        reminders = await db
          .select({ to: outbox.to })
          .from(outbox)
          .where(and(like(outbox.subject, 'Rappel%'), like(outbox.subject, '%Visite rappelée après un redémarrage%')));
      }
      expect(reminders).toEqual([{ to: hostEmail }]);
    } finally {
      await jobs.stop({ timeoutMs: 1000 });
    }
  }, 60_000);
});
