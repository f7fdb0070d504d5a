import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { afterVisitRefusalKeys } from '#app/domain/visits/attendance';
import * as sheetPage from '#app/routes/visites.$id_.emargement';
import * as attendancePage from '#app/routes/visites.$id_.presences';
import { auditLog, visitBookings, visitParticipants } from '#db/schema';
import { fieldErrors } from '#tests/setup/market-forms';
import { flashOf, inFrench } from '#tests/setup/responses';
import { createVisit } from '#tests/setup/visit-factories';
import { expectations, outcomeOf, roles, setupAfterVisit, textOf, type Role } from './visit-after-fixtures';

/**
 * Attendance after a learning visit (issue 10, point 7): /visites/<id>/presences, where the host's
 * members mark who came, and /visites/<id>/emargement, the sheet they print for the day. Feedback:
 * visit-feedback.test.ts.
 */

const { context, db, call, heldVisit, marksOf } = await setupAfterVisit();
const as = (role: Role) => roles[role] ?? undefined;
const hostRoles: Role[] = ['host pole admin', 'host pole member'];

/** The attendance form as the page posts it: one entry per participant, with a choice or none. */
function attendanceForm(marks: Array<[string, 'came' | 'absent' | undefined]>) {
  return Object.fromEntries(
    marks.flatMap(([id, choice], index) => [[`participants[${index}].id`, id], ...(choice ? [[`participants[${index}].attended`, choice]] : [])]),
  ) as Record<string, string>;
}
const mark = (visitId: string, form: Record<string, string>, role: Role = 'host pole member') =>
  call(attendancePage, `/visites/${visitId}/presences`, { as: as(role), params: { id: visitId }, form });

describe('for each role', () => {
  test.each(expectations(hostRoles))('the attendance page — %s: %s', async (role, expected) => {
    const { visit } = await heldVisit();
    const outcome = await call(attendancePage, `/visites/${visit.id}/presences`, { as: as(role), params: { id: visit.id } });
    expect(outcomeOf(outcome)).toBe(expected);
    if (expected === 'done') expect(textOf(outcome)).toContain('Gaspard Cantalou');
  });

  test.each(expectations(hostRoles))('marking who came — %s: %s', async (role, expected) => {
    const { visit, guest } = await heldVisit();
    const [first, second] = guest.participants.map((participant) => participant.id) as [string, string];
    const outcome = await mark(
      visit.id,
      attendanceForm([
        [first, 'came'],
        [second, 'absent'],
      ]),
      role,
    );
    expect(outcomeOf(outcome)).toBe(expected);
    expect(await marksOf([first, second])).toEqual(expected === 'done' ? [true, false] : [null, null]);
  });

  test.each(expectations(hostRoles))('the printable sheet, with the names — %s: %s', async (role, expected) => {
    const { visit } = await heldVisit({ daysAgo: -10 });
    const outcome = await call(sheetPage, `/visites/${visit.id}/emargement`, { as: as(role), params: { id: visit.id } });
    expect(outcomeOf(outcome)).toBe(expected);
    if (expected === 'done') {
      const text = textOf(outcome);
      for (const name of ['Invité Causses 1', 'Invité Causses 2', 'Gaspard Cantalou']) expect(text).toContain(name);
    }
  });
});

describe('the attendance page', () => {
  test('one group per confirmed booking, by pole name, with each participant’s mark; no pending, waiting or cancelled booking', async () => {
    const { visit, guest } = await heldVisit({ guestMarks: [true, null] });
    const [cancelled] = await db.insert(visitBookings).values({ visitId: visit.id, poleId: guest.booking.poleId, state: 'cancelled', seats: 1 }).returning();
    await db.insert(visitParticipants).values({ bookingId: cancelled!.id, name: 'Annulée Invisible' });
    const page = await call<{ bookings: Array<{ pole: { name: string }; participants: Array<{ name: string; attended: boolean | null }> }> }>(
      attendancePage,
      `/visites/${visit.id}/presences`,
      { as: as('host pole admin'), params: { id: visit.id } },
    );
    expect(page.data.bookings.map((booking) => booking.pole.name)).toEqual([
      'Coopérative des Causses et Cévennes (fictif)',
      'Pôle Coopératif du Cantal (fictif)',
    ]);
    expect(page.data.bookings[0]!.participants).toEqual([
      expect.objectContaining({ name: 'Invité Causses 1', attended: true }),
      expect.objectContaining({ name: 'Invité Causses 2', attended: null }),
    ]);
    expect(page.data).toMatchObject({ counts: { present: 1, absent: 0, unmarked: 2 }, refusal: null });
    expect(textOf(page)).not.toContain('Annulée Invisible');
  });

  test('a non-uuid or unknown visit is a 404', async () => {
    for (const id of ['pas-un-id', '00000000-0000-4000-8000-000000000000']) {
      expect((await call(attendancePage, `/visites/${id}/presences`, { as: as('host pole admin'), params: { id } })).status).toBe(404);
      expect((await call(sheetPage, `/visites/${id}/emargement`, { as: as('host pole admin'), params: { id } })).status).toBe(404);
    }
  });
});

describe('marking who came', () => {
  test('saved with a flash and an audit event with the counts; a participant left without a choice keeps its mark', async () => {
    const { visit, guest, other } = await heldVisit({ guestMarks: [true, null] });
    const [first, second] = guest.participants.map((participant) => participant.id) as [string, string];
    const gaspard = other!.participants[0]!.id;
    const outcome = await mark(
      visit.id,
      attendanceForm([
        [first, undefined],
        [second, 'came'],
        [gaspard, 'absent'],
      ]),
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/visites/${visit.id}/presences`);
    expect(await flashOf(outcome, context)).toEqual({ message: 'visitAfter.notices.attendanceSaved', values: { title: visit.title } });
    expect(await marksOf([first, second, gaspard])).toEqual([true, true, false]);
    const events = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, visit.id), eq(auditLog.action, 'visit.attendance-marked')));
    expect(events).toEqual([expect.objectContaining({ data: { present: 2, absent: 1 }, regionCode: '76' })]);

    // Marked again (a correction): the last choice counts.
    expect((await mark(visit.id, attendanceForm([[first, 'absent']]))).status).toBe(302);
    expect(await marksOf([first, second, gaspard])).toEqual([false, true, false]);
  });

  test('only this visit’s participants of confirmed bookings: anything else is refused and nothing is written', async () => {
    const { visit, guest } = await heldVisit();
    const elsewhere = await heldVisit();
    const mine = guest.participants[0]!.id;
    const foreign = elsewhere.guest.participants[0]!.id;
    const refused = await mark(
      visit.id,
      attendanceForm([
        [mine, 'came'],
        [foreign, 'came'],
      ]),
    );
    expect(refused.status).toBe(409);
    expect(inFrench(refused.data.problem)).toContain('rien n’a été enregistré');
    expect(await marksOf([mine, foreign])).toEqual([null, null]);

    // A booking cancelled since the page was opened: the same refusal.
    await db.update(visitBookings).set({ state: 'cancelled' }).where(eq(visitBookings.id, guest.booking.id));
    expect((await mark(visit.id, attendanceForm([[mine, 'came']]))).status).toBe(409);
    expect(await marksOf([mine])).toEqual([null]);
  });

  test('not before the visit starts, not 60 days after, not for a cancelled visit: the page says why, without the form', async () => {
    const cases = [
      { held: await heldVisit({ daysAgo: -3 }), reason: 'not-started' },
      { held: await heldVisit({ daysAgo: 61 }), reason: 'attendance-closed' },
      { held: await heldVisit({ state: 'cancelled' }), reason: 'visit-cancelled' },
    ] as const;
    for (const { held, reason } of cases) {
      const participant = held.guest.participants[0]!.id;
      const refused = await mark(held.visit.id, attendanceForm([[participant, 'came']]));
      expect(refused.status).toBe(409);
      expect(refused.data.problem).toBe(afterVisitRefusalKeys[reason]);
      expect(await marksOf([participant])).toEqual([null]);
      const page = await call<{ refusal: string }>(attendancePage, `/visites/${held.visit.id}/presences`, {
        as: as('host pole admin'),
        params: { id: held.visit.id },
      });
      expect(page.data.refusal).toBe(reason);
    }
    expect(inFrench('visitAfter.refusals.notStarted')).toBe('La visite n’a pas encore commencé.');
    // On the last day of the window it still works.
    const lastDay = await heldVisit({ daysAgo: 59.9 });
    expect((await mark(lastDay.visit.id, attendanceForm([[lastDay.guest.participants[0]!.id, 'came']]))).status).toBe(302);
  });

  test('bad input is a 400 with the French message, never a 500; nothing is written', async () => {
    const { visit, guest } = await heldVisit();
    const participant = guest.participants[0]!.id;
    const nothing = await mark(visit.id, attendanceForm([[participant, undefined]]));
    expect(nothing.status).toBe(400);
    expect(fieldErrors(nothing).participants).toEqual(['visitAfter.errors.nothingMarked']);
    expect(inFrench('visitAfter.errors.nothingMarked')).toBe('Indiquez pour au moins un participant s’il est venu.');

    const maybe = await mark(visit.id, { 'participants[0].id': participant, 'participants[0].attended': 'peut-être' });
    expect(maybe.status).toBe(400);
    expect(fieldErrors(maybe)['participants[0].attended']).toEqual(['visitAfter.errors.choiceInvalid']);
    const badId = await mark(visit.id, { 'participants[0].id': 'pas-un-id', 'participants[0].attended': 'came' });
    expect(fieldErrors(badId)['participants[0].id']).toEqual(['visitAfter.errors.participantUnknown']);
    const twice = await mark(
      visit.id,
      attendanceForm([
        [participant, 'came'],
        [participant, 'absent'],
      ]),
    );
    expect(fieldErrors(twice).participants).toEqual(['visitAfter.errors.participantRepeated']);
    expect((await mark(visit.id, {})).status).toBe(400);
    expect(await marksOf([participant])).toEqual([null]);
  });
});

describe('the printable sheet', () => {
  test('the visit’s title, date and place, the participants of confirmed bookings by pole; none is a sentence', async () => {
    const { visit } = await heldVisit({ daysAgo: -5, title: 'Visite à émarger' });
    const sheet = await call<{ visit: { title: string; address: string; town: string }; bookings: Array<{ participants: unknown[] }> }>(
      sheetPage,
      `/visites/${visit.id}/emargement`,
      { as: as('host pole member'), params: { id: visit.id } },
    );
    expect(sheet.data.visit).toMatchObject({ title: 'Visite à émarger', address: '2 place Champollion', town: 'Figeac' });
    expect(sheet.data.bookings.map((booking) => booking.participants.length)).toEqual([2, 1]);

    const empty = await createVisit(db);
    const none = await call<{ bookings: unknown[] }>(sheetPage, `/visites/${empty.id}/emargement`, { as: as('host pole admin'), params: { id: empty.id } });
    expect(none.data.bookings).toEqual([]);
  });
});
