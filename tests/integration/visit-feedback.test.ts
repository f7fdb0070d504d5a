import { and, eq, lt } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { giveFeedback } from '#app/models/visit-feedback.server';
import * as polePage from '#app/routes/poles.$slug';
import * as visitPage from '#app/routes/visites.$id';
import * as feedbackPage from '#app/routes/visites.$id_.avis';
import * as attendancePage from '#app/routes/visites.$id_.presences';
import { visitBookings, visits } from '#db/schema';
import { demoPastVisit, demoVisits, insertBooking } from '#db/seed/visits';
import { createPole } from '#db/seed/factories';
import { fieldErrors, userIdOf } from '#tests/setup/market-forms';
import { flashOf, inFrench } from '#tests/setup/responses';
import { createVisit } from '#tests/setup/visit-factories';
import { dayMs, everyone, expectations, outcomeOf, roles, setupAfterVisit, textOf, type Role } from './visit-after-fixtures';

/**
 * Feedback after a learning visit (issue 10, point 7) on /visites/<id>/avis, the visit page's
 * « Après la visite » links, and the pole page's hosting record and upcoming visits (point 8).
 */

const { context, db, call, poles, heldVisit, feedbackOf } = await setupAfterVisit();
const as = (role: Role) => roles[role] ?? undefined;
const readers: Role[] = ['host pole admin', 'host pole member', 'region coordinator', 'national admin'];
const guests: Role[] = ['booking pole admin', 'booking pole member'];

const feedback = { rating: '4', learned: 'Comment tenir un comité d’animation tournant.', willApply: 'Un tableau de suivi des coopérations.' };
const give = (visitId: string, bookingId: string, role: Role = 'booking pole member', form: Record<string, string> = feedback) =>
  call(feedbackPage, `/visites/${visitId}/avis`, { as: as(role), params: { id: visitId }, form: { bookingId, ...form } });
const read = (visitId: string, role: Role) => call(feedbackPage, `/visites/${visitId}/avis`, { as: as(role), params: { id: visitId } });

/** A visit held yesterday where the demo emerging pole came (the Cantal pole, another pole, did not book it). */
const visitTheyCameTo = () => heldVisit({ guestMarks: [true, false], withOther: false });

// First, before the other tests add visits and feedback to Figeacteurs.
describe('the seeded demo', () => {
  test('the demo host shows its seeded record: one visit hosted, rated 5/5 by one pole; its upcoming visits', async () => {
    const [past] = await db.select().from(visits).where(eq(visits.title, demoPastVisit.title));
    expect(past).toBeDefined();
    const page = await call<{ visits: { upcoming: Array<{ id: string }>; record: unknown } }>(polePage, '/poles/figeacteurs', {
      params: { slug: 'figeacteurs' },
    });
    expect(page.data.visits.record).toEqual({ hosted: 1, rating: { average: 5, count: 1 } });
    // Its upcoming visit is listed (the seeded one in three weeks), not the past one.
    const upcoming = await db.select({ id: visits.id }).from(visits).where(eq(visits.title, demoVisits[0]!.title));
    expect(page.data.visits.upcoming.map((visit) => visit.id)).toEqual(upcoming.map((visit) => visit.id));
    // The demo emerging pole came: its members read their feedback, the host reads it too.
    const [booking] = await db.select().from(visitBookings).where(eq(visitBookings.visitId, past!.id));
    expect(await feedbackOf(booking!.id)).toEqual([expect.objectContaining({ rating: 5 })]);
    expect((await read(past!.id, 'booking pole admin')).data.own).toEqual([expect.objectContaining({ attendance: 'came', refusal: 'already-given' })]);
    expect((await read(past!.id, 'host pole member')).data.feedback.summary).toEqual({ average: 5, count: 1 });
  });
});

describe('for each role', () => {
  test.each(expectations([...readers, ...guests]))('the feedback page of a visit the booking pole came to — %s: %s', async (role, expected) => {
    const { visit, guest } = await visitTheyCameTo();
    await giveFeedback(context, {
      visitId: visit.id,
      bookingId: guest.booking.id,
      actorId: await userIdOf(db, roles['booking pole admin']),
      feedback: { rating: 5, learned: 'Texte appris secret.', willApply: 'Texte appliqué.' },
    });
    const outcome = await read(visit.id, role);
    expect(outcomeOf(outcome)).toBe(expected);
    if (expected !== 'done') return;
    const text = textOf(outcome);
    // Readers read every feedback; a guest pole its own; nobody reads a participant's name here.
    expect(text.includes('Texte appris secret.')).toBe(true);
    expect(outcome.data.feedback === null).toBe(!readers.includes(role));
    for (const name of ['Invité Causses', 'Gaspard Cantalou']) expect(text).not.toContain(name);
  });

  test.each(expectations(guests))('giving the booking pole’s feedback — %s: %s', async (role, expected) => {
    const { visit, guest } = await visitTheyCameTo();
    const outcome = await give(visit.id, guest.booking.id, role);
    expect(outcomeOf(outcome)).toBe(expected);
    expect(await feedbackOf(guest.booking.id)).toHaveLength(expected === 'done' ? 1 : 0);
  });

  const links: Record<Role, unknown> = {
    visitor: null,
    'host pole admin': { sheet: true, attendance: 'open', feedback: 'read' },
    'host pole member': { sheet: true, attendance: 'open', feedback: 'read' },
    'booking pole admin': { sheet: false, attendance: null, feedback: 'give' },
    'booking pole member': { sheet: false, attendance: null, feedback: 'give' },
    'another pole admin': null,
    'another pole member': null,
    'region coordinator': { sheet: false, attendance: null, feedback: 'read' },
    'other region coordinator': null,
    'national admin': { sheet: false, attendance: null, feedback: 'read' },
    'national observer': null,
  };
  test.each(everyone)('the visit page’s « Après la visite » links — %s', async (role) => {
    const { visit } = await visitTheyCameTo();
    const page = await call<{ after: unknown }>(visitPage, `/visites/${visit.id}`, { as: as(role), params: { id: visit.id } });
    expect(page.data.after).toEqual(links[role]);
  });
});

describe('the visit page’s links before the visit and once cancelled', () => {
  test('before: the host prints the sheet and is told attendance comes later; guests and readers see nothing yet', async () => {
    const { visit } = await heldVisit({ daysAgo: -4 });
    const after = async (role: Role) => (await call(visitPage, `/visites/${visit.id}`, { as: as(role), params: { id: visit.id } })).data.after;
    expect(await after('host pole member')).toEqual({ sheet: true, attendance: 'soon', feedback: null });
    for (const role of ['booking pole admin', 'region coordinator'] as const) expect(await after(role)).toBeNull();
    await db.update(visits).set({ state: 'cancelled' }).where(eq(visits.id, visit.id));
    expect(await after('host pole admin')).toBeNull();
  });
});

describe('giving feedback', () => {
  test('once: saved with a flash, shown to its pole; a second one is refused and changes nothing', async () => {
    const { visit, guest } = await visitTheyCameTo();
    const given = await give(visit.id, guest.booking.id);
    expect(given.status).toBe(302);
    expect(given.location).toBe(`/visites/${visit.id}/avis`);
    expect(await flashOf(given, context)).toEqual({ message: 'visitAfter.notices.feedbackGiven', values: { title: visit.title } });
    const [row] = await feedbackOf(guest.booking.id);
    expect(row).toMatchObject({
      rating: 4,
      learned: feedback.learned,
      willApply: feedback.willApply,
      authorId: await userIdOf(db, roles['booking pole member']),
    });

    const again = await give(visit.id, guest.booking.id, 'booking pole admin', { rating: '1', learned: 'Autre chose.', willApply: 'Rien.' });
    expect(again.status).toBe(409);
    expect(inFrench(again.data.problem)).toBe('Votre pôle a déjà donné son avis sur cette visite.');
    expect(await feedbackOf(guest.booking.id)).toEqual([row]);
    const page = await read(visit.id, 'booking pole admin');
    expect(page.data.own).toEqual([
      expect.objectContaining({ attendance: 'came', refusal: 'already-given', feedback: expect.objectContaining({ rating: 4 }) }),
    ]);
  });

  test('two members sending at once make one feedback', async () => {
    const { visit, guest } = await visitTheyCameTo();
    const input = { visitId: visit.id, bookingId: guest.booking.id, feedback: { rating: 3, learned: 'A.', willApply: 'B.' } };
    const outcomes = await Promise.all([
      giveFeedback(context, { ...input, actorId: await userIdOf(db, roles['booking pole admin']) }),
      giveFeedback(context, { ...input, actorId: await userIdOf(db, roles['booking pole member']) }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['given', 'refused']);
    expect(await feedbackOf(guest.booking.id)).toHaveLength(1);
  });

  test('only a pole that came: not marked yet or absent, it is told why and its feedback is refused', async () => {
    for (const [marks, attendance] of [
      [[null, null], 'unmarked'],
      [[false, false], 'absent'],
    ] as const) {
      const { visit, guest } = await heldVisit({ guestMarks: [...marks] });
      const page = await read(visit.id, 'booking pole admin');
      expect(page.status).toBe(200);
      expect(page.data.own).toEqual([expect.objectContaining({ attendance, refusal: 'not-came', feedback: null })]);
      const refused = await give(visit.id, guest.booking.id);
      expect(refused.status).toBe(409);
      expect(inFrench(refused.data.problem)).toBe('Seuls les pôles notés présents par l’hôte donnent leur avis sur la visite.');
      expect(await feedbackOf(guest.booking.id)).toEqual([]);
    }
    // The Cantal pole, booked but not marked, reads nothing of the Causses pole's.
    const { visit } = await heldVisit({ guestMarks: [true, false] });
    const cantal = await read(visit.id, 'another pole admin');
    expect(cantal.status).toBe(200);
    expect(textOf(cantal)).not.toContain('Causses');
  });

  test('not before the visit, not 90 days after, not for a cancelled visit, not for another visit’s booking', async () => {
    const early = await heldVisit({ daysAgo: -2, guestMarks: [true, true] });
    expect((await give(early.visit.id, early.guest.booking.id)).data.problem).toBe('visitAfter.refusals.notStarted');
    const late = await heldVisit({ daysAgo: 91, guestMarks: [true, true] });
    expect((await give(late.visit.id, late.guest.booking.id)).data.problem).toBe('visitAfter.refusals.feedbackClosed');
    const cancelled = await heldVisit({ state: 'cancelled', guestMarks: [true, true] });
    expect((await give(cancelled.visit.id, cancelled.guest.booking.id)).data.problem).toBe('visitAfter.refusals.visitCancelled');
    const { visit } = await visitTheyCameTo();
    expect((await give(visit.id, late.guest.booking.id)).status).toBe(404);
    for (const held of [early, late, cancelled]) expect(await feedbackOf(held.guest.booking.id)).toEqual([]);
    const lastDay = await heldVisit({ daysAgo: 89.9, guestMarks: [true, null] });
    expect((await give(lastDay.visit.id, lastDay.guest.booking.id)).status).toBe(302);
  });

  test('bad input is a 400 with the French message beside its field; nothing is written', async () => {
    const { visit, guest } = await visitTheyCameTo();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ ...feedback, rating: '6' }, 'rating', 'La note est un nombre entier de 1 à 5.'],
      [{ ...feedback, rating: '0' }, 'rating', 'La note est un nombre entier de 1 à 5.'],
      [{ ...feedback, rating: 'cinq' }, 'rating', 'La note est un nombre entier de 1 à 5.'],
      [{ learned: feedback.learned, willApply: feedback.willApply }, 'rating', 'Choisissez une note de 1 à 5.'],
      [{ ...feedback, learned: '   ' }, 'learned', 'Dites ce que votre pôle a appris.'],
      [{ ...feedback, willApply: '' }, 'willApply', 'Dites ce que votre pôle va mettre en pratique.'],
      [{ ...feedback, learned: 'x'.repeat(2001) }, 'learned', 'Ce texte compte au plus 2 000 caractères.'],
    ];
    for (const [form, field, french] of cases) {
      const outcome = await give(visit.id, guest.booking.id, 'booking pole admin', form);
      expect(outcome.status, JSON.stringify(form).slice(0, 80)).toBe(400);
      expect(fieldErrors(outcome)[field]!.map(inFrench)).toEqual([french]);
    }
    const noBooking = await call(feedbackPage, `/visites/${visit.id}/avis`, { as: as('booking pole admin'), params: { id: visit.id }, form: feedback });
    expect(noBooking.status).toBe(400);
    expect(await feedbackOf(guest.booking.id)).toEqual([]);
  });
});

describe('reading feedback', () => {
  test('readers see every feedback with the average; a visit without feedback says so', async () => {
    const { visit, guest, other } = await heldVisit({ guestMarks: [true, null] });
    const empty = await read(visit.id, 'region coordinator');
    expect(empty.data.feedback).toEqual({ entries: [], summary: { average: null, count: 0 } });
    const actorId = await userIdOf(db, roles['booking pole admin']);
    await giveFeedback(context, { visitId: visit.id, bookingId: guest.booking.id, actorId, feedback: { rating: 5, learned: 'L1', willApply: 'A1' } });
    // The Cantal pole is marked present afterwards and gives a 4.
    await call(attendancePage, `/visites/${visit.id}/presences`, {
      as: as('host pole admin'),
      params: { id: visit.id },
      form: { 'participants[0].id': other!.participants[0]!.id, 'participants[0].attended': 'came' },
    });
    expect((await give(visit.id, other!.booking.id, 'another pole member', { rating: '4', learned: 'L2', willApply: 'A2' })).status).toBe(302);
    const page = await read(visit.id, 'national admin');
    expect(page.data.feedback.summary).toEqual({ average: 4.5, count: 2 });
    expect(page.data.feedback.entries.map((entry: { pole: { name: string }; rating: number }) => [entry.pole.name, entry.rating])).toEqual([
      ['Coopérative des Causses et Cévennes (fictif)', 5],
      ['Pôle Coopératif du Cantal (fictif)', 4],
    ]);
    expect(inFrench('visitAfter.feedback.average')).toBe('Note moyenne : {{average}}/5 sur {{count}} avis');
  });
});

describe('the pole page', () => {
  const pole = (slug: string) =>
    call<{ visits: { upcoming: Array<{ id: string }>; past: Array<{ id: string }>; record: unknown } }>(polePage, `/poles/${slug}`, { params: { slug } });

  test('visits hosted (started, not cancelled), the average rating and its count, the upcoming visits soonest first', async () => {
    const host = await createPole(db, { verifiedAt: new Date() });
    expect((await pole(host.slug)).data.visits).toEqual({ upcoming: [], past: [], record: { hosted: 0, rating: { average: null, count: 0 } } });
    const later = await createVisit(db, { hostPoleId: host.id, startsAt: new Date(Date.now() + 40 * dayMs) });
    const sooner = await createVisit(db, { hostPoleId: host.id, startsAt: new Date(Date.now() + 10 * dayMs) });
    await createVisit(db, { hostPoleId: host.id, state: 'cancelled', startsAt: new Date(Date.now() + 5 * dayMs) });
    await createVisit(db, { hostPoleId: host.id, state: 'cancelled', startsAt: new Date(Date.now() - 5 * dayMs) });
    const ratings = [5, 4, 4, 5, 4, 5];
    for (const rating of ratings.slice(0, 3)) await ratedVisit(host.id, rating);
    await ratedVisit(host.id, null);
    const page = await pole(host.slug);
    expect(page.data.visits.upcoming.map((visit) => visit.id)).toEqual([sooner.id, later.id]);
    expect(page.data.visits.record).toEqual({ hosted: 4, rating: { average: 13 / 3, count: 3 } });
    // The four visits held lead to their pages (attendance, feedback), the latest first; the cancelled one does not.
    const held = await db
      .select({ id: visits.id, startsAt: visits.startsAt })
      .from(visits)
      .where(and(eq(visits.poleId, host.id), eq(visits.state, 'scheduled'), lt(visits.startsAt, new Date())));
    expect(held).toHaveLength(4);
    expect(page.data.visits.past.map((visit) => visit.id)).toEqual(
      held.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime() || (a.id < b.id ? -1 : 1)).map((visit) => visit.id),
    );
    for (const rating of ratings.slice(3)) await ratedVisit(host.id, rating);
    expect((await pole(host.slug)).data.visits.record).toEqual({ hosted: 7, rating: { average: 4.5, count: 6 } });
    expect(inFrench('visitAfter.record.rating')).toBe('Note des pôles venus : {{average}}/5 sur {{count}} avis');
  });

  /** A visit of `hostId` held 3 days ago, its guest present, with its feedback (or none). */
  async function ratedVisit(hostId: string, rating: number | null) {
    const startsAt = new Date(Date.now() - 3 * dayMs);
    const visit = await createVisit(db, { hostPoleId: hostId, startsAt, bookingDeadline: new Date(startsAt.getTime() - dayMs) });
    const { booking } = await insertBooking(db, { visitId: visit.id, poleId: poles.guest, participants: [{ name: 'Quelqu’un', attended: true }] });
    if (rating !== null) {
      const outcome = await giveFeedback(context, {
        visitId: visit.id,
        bookingId: booking.id,
        actorId: await userIdOf(db, roles['booking pole admin']),
        feedback: { rating, learned: 'L.', willApply: 'A.' },
      });
      expect(outcome.status).toBe('given');
    }
  }
});
