import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import * as visitPage from '#app/routes/visites.$id';
import * as editVisit from '#app/routes/visites.$id_.modifier';
import * as newVisit from '#app/routes/visites.nouvelle';
import { visitBookings, visitParticipants, visits } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { poleIdOf, routeCaller } from '#tests/setup/market-forms';
import type { Outcome } from '#tests/setup/responses';
import { createVisit } from '#tests/setup/visit-factories';

/**
 * Every act on a learning visit, for every role (issue 10, point 9): who may create, edit and
 * cancel a visit, book it, cancel a booking, confirm or decline one, and read the participants'
 * names. Each cell runs on a visit of its own, through the route, and checks what was written.
 * What a person may not do answers 404 (as if it did not exist), a visitor is sent to sign in, and
 * the host's own members are told in French that a pole does not book its own visit.
 */

const { context, services, cookieFor } = await setupTestContext();
const db = services.db;
const call = routeCaller(context, cookieFor);

const roles = {
  visitor: null,
  'host pole admin': 'figeacteurs@demo.ptce.fr',
  'host pole member': 'membre@demo.ptce.fr',
  'booking pole admin': 'emergent@demo.ptce.fr',
  'another pole admin': 'cantal@demo.ptce.fr',
  'region coordinator': 'coord.occitanie@demo.ptce.fr',
  'other region coordinator': 'coord.aura@demo.ptce.fr',
  'national admin': 'admin@demo.ptce.fr',
  'national observer': 'observateur@demo.ptce.fr',
} as const;
type Role = keyof typeof roles;
type Expected = 'done' | 'not-found' | 'sign-in' | 'own-pole';

const as = (role: Role) => roles[role] ?? undefined;
const everyone = Object.keys(roles) as Role[];

/** What the answer means: done (a redirect to the visit or its form), 404, sign in, or the French own-pole refusal. */
function outcomeOf(outcome: Outcome): Expected | string {
  if (outcome.status === 404) return 'not-found';
  if (outcome.location?.startsWith('/connexion?redirectTo=')) return 'sign-in';
  if (outcome.status === 409 && JSON.stringify(outcome.data).includes('visits.refusals.ownPole')) return 'own-pole';
  if (outcome.status === 302 || outcome.status === 303 || outcome.status === 200) return 'done';
  return `unexpected ${outcome.status} ${outcome.location ?? JSON.stringify(outcome.data).slice(0, 300)}`;
}

/** One cell of the table: the expected answer for every role, and the check of what was (not) written. */
function expectations(done: Role[], overrides: Partial<Record<Role, Expected>> = {}): Array<[Role, Expected]> {
  return everyone.map((role) => [role, overrides[role] ?? (role === 'visitor' ? 'sign-in' : done.includes(role) ? 'done' : 'not-found')]);
}

const participantsOf = async (bookingId: string) =>
  db.select({ name: visitParticipants.name }).from(visitParticipants).where(eq(visitParticipants.bookingId, bookingId));

/** A booking of the demo emerging pole on a fresh visit: its own participants, confirmed (or pending). */
async function visitWithBooking(bookingMode: 'instant' | 'host_confirms' = 'instant') {
  const visit = await createVisit(db, { bookingMode });
  const outcome = await call(visitPage, `/visites/${visit.id}`, {
    as: roles['booking pole admin'],
    params: { id: visit.id },
    form: { intent: 'book', poleId: await poleIdOf(db, 'causses-cevennes-demo'), participants: ['Anne Vidal'] },
  });
  expect(outcome.status).toBe(302);
  const [booking] = await db.select().from(visitBookings).where(eq(visitBookings.visitId, visit.id));
  return { visit, booking: booking! };
}

const newVisitForm = async (title: string) => ({
  intent: 'save',
  poleId: await poleIdOf(db, 'figeacteurs'),
  title,
  programme: 'Accueil café, visite des ateliers partagés, déjeuner avec les entreprises du pôle.',
  topics: ['incubation'],
  date: '2027-03-31',
  time: '09:30',
  durationMinutes: '240',
  address: '2 place Champollion',
  town: 'Figeac',
  seats: '10',
  deadlineDate: '2027-03-24',
  deadlineTime: '18:00',
  bookingMode: 'instant',
  costs: 'free',
});

describe('hosting, for each role', () => {
  test.each(expectations(['host pole admin']))('creating a visit for Figeacteurs — %s: %s', async (role, expected) => {
    const title = `Visite de ${role}`;
    const outcome = await call(newVisit, '/visites/nouvelle', { as: as(role), form: await newVisitForm(title) });
    expect(outcomeOf(outcome)).toBe(expected);
    const stored = await db.select({ id: visits.id }).from(visits).where(eq(visits.title, title));
    expect(stored).toHaveLength(expected === 'done' ? 1 : 0);
  });

  test.each(expectations(['host pole admin']))('the edit form — %s: %s', async (role, expected) => {
    const visit = await createVisit(db);
    const outcome = await call(editVisit, `/visites/${visit.id}/modifier`, { as: as(role), params: { id: visit.id } });
    expect(outcomeOf(outcome)).toBe(expected);
  });

  test.each(expectations(['host pole admin']))('cancelling the visit — %s: %s', async (role, expected) => {
    const { visit, booking } = await visitWithBooking();
    const form = { intent: 'cancel', reason: 'La salle n’est plus disponible ce jour-là.' };
    const outcome = await call(editVisit, `/visites/${visit.id}/modifier`, { as: as(role), params: { id: visit.id }, form });
    expect(outcomeOf(outcome)).toBe(expected);
    const [row] = await db.select({ state: visits.state }).from(visits).where(eq(visits.id, visit.id));
    const [after] = await db.select({ state: visitBookings.state }).from(visitBookings).where(eq(visitBookings.id, booking.id));
    expect([row!.state, after!.state]).toEqual(expected === 'done' ? ['cancelled', 'cancelled'] : ['scheduled', 'confirmed']);
  });
});

describe('booking, for each role', () => {
  /** The pole each role books for: its own (the host's members try their own visit). */
  const poleOf: Partial<Record<Role, string>> = {
    'host pole admin': 'figeacteurs',
    'host pole member': 'figeacteurs',
    'booking pole admin': 'causses-cevennes-demo',
    'another pole admin': 'cantal-cooperation-demo',
  };

  test.each(expectations(['booking pole admin', 'another pole admin'], { 'host pole admin': 'own-pole', 'host pole member': 'own-pole' }))(
    'booking for one’s pole — %s: %s',
    async (role, expected) => {
      const visit = await createVisit(db);
      // Those without a pole try with the demo emerging pole's id: not theirs.
      const poleId = await poleIdOf(db, poleOf[role] ?? 'causses-cevennes-demo');
      const form = { intent: 'book', poleId, participants: ['Jeanne Martin'] };
      const outcome = await call(visitPage, `/visites/${visit.id}`, { as: as(role), params: { id: visit.id }, form });
      expect(outcomeOf(outcome)).toBe(expected);
      const rows = await db.select().from(visitBookings).where(eq(visitBookings.visitId, visit.id));
      expect(rows).toHaveLength(expected === 'done' ? 1 : 0);
    },
  );

  test.each(expectations(['booking pole admin', 'host pole admin', 'host pole member']))(
    'cancelling the emerging pole’s booking — %s: %s',
    async (role, expected) => {
      const { visit, booking } = await visitWithBooking();
      const form = { intent: 'cancelBooking', bookingId: booking.id, reason: 'Empêchement de dernière minute.' };
      const outcome = await call(visitPage, `/visites/${visit.id}`, { as: as(role), params: { id: visit.id }, form });
      expect(outcomeOf(outcome)).toBe(expected);
      const [after] = await db.select({ state: visitBookings.state }).from(visitBookings).where(eq(visitBookings.id, booking.id));
      expect(after!.state).toBe(expected === 'done' ? 'cancelled' : 'confirmed');
    },
  );

  test.each(expectations(['host pole admin', 'host pole member']))('confirming a pending booking — %s: %s', async (role, expected) => {
    const { visit, booking } = await visitWithBooking('host_confirms');
    const form = { intent: 'confirm', bookingId: booking.id };
    const outcome = await call(visitPage, `/visites/${visit.id}`, { as: as(role), params: { id: visit.id }, form });
    expect(outcomeOf(outcome)).toBe(expected);
    const [after] = await db.select({ state: visitBookings.state }).from(visitBookings).where(eq(visitBookings.id, booking.id));
    expect(after!.state).toBe(expected === 'done' ? 'confirmed' : 'pending');
  });

  test.each(expectations(['host pole admin', 'host pole member']))('declining a pending booking — %s: %s', async (role, expected) => {
    const { visit, booking } = await visitWithBooking('host_confirms');
    const form = { intent: 'decline', bookingId: booking.id, reason: 'Le groupe est déjà constitué.' };
    const outcome = await call(visitPage, `/visites/${visit.id}`, { as: as(role), params: { id: visit.id }, form });
    expect(outcomeOf(outcome)).toBe(expected);
    const [after] = await db.select({ state: visitBookings.state }).from(visitBookings).where(eq(visitBookings.id, booking.id));
    expect(after!.state).toBe(expected === 'done' ? 'declined' : 'pending');
  });
});

describe('reading the participants’ names, for each role', () => {
  const readers: Role[] = ['host pole admin', 'host pole member', 'booking pole admin'];
  test.each(everyone.map((role) => [role, readers.includes(role)] as const))('%s reads the names: %s', async (role, reads) => {
    const { visit, booking } = await visitWithBooking();
    expect((await participantsOf(booking.id)).map((row) => row.name)).toEqual(['Anne Vidal']);
    const outcome = await call(visitPage, `/visites/${visit.id}`, { as: as(role), params: { id: visit.id } });
    expect(outcome.status).toBe(200);
    const page = JSON.stringify(outcome.data);
    expect(page.includes('Anne Vidal')).toBe(reads);
    // Everyone reads the counts.
    expect(outcome.data).toMatchObject({ visit: { availability: { seats: 10, taken: 1, free: 9, waiting: 0 } } });
  });
});
