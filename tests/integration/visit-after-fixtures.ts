import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { users, visitFeedback, visitParticipants } from '#db/schema';
import { addMembership, createUser } from '#db/seed/factories';
import { insertBooking } from '#db/seed/visits';
import { setupTestContext } from '#tests/setup/context';
import { poleIdOf, routeCaller } from '#tests/setup/market-forms';
import type { Outcome } from '#tests/setup/responses';
import { createVisit } from '#tests/setup/visit-factories';

/**
 * What the tests of the pages after a visit share (attendance, printable sheet, feedback): a
 * seeded database, every role of the issue, and visits already held with bookings written as they
 * stand (a visit cannot be booked once started, so the bookings are inserted, not booked).
 */

export const dayMs = 24 * 60 * 60 * 1000;

export const roles = {
  visitor: null,
  'host pole admin': 'figeacteurs@demo.ptce.fr',
  'host pole member': 'membre@demo.ptce.fr',
  'booking pole admin': 'emergent@demo.ptce.fr',
  'booking pole member': 'membre.causses@test.ptce.fr',
  'another pole admin': 'cantal@demo.ptce.fr',
  'another pole member': 'membre.cantal@test.ptce.fr',
  'region coordinator': 'coord.occitanie@demo.ptce.fr',
  'other region coordinator': 'coord.aura@demo.ptce.fr',
  'national admin': 'admin@demo.ptce.fr',
  'national observer': 'observateur@demo.ptce.fr',
} as const;
export type Role = keyof typeof roles;
export const everyone = Object.keys(roles) as Role[];
export type Expected = 'done' | 'not-found' | 'sign-in';

/** The expected answer of each role: `done` for these, sign in for a visitor, 404 for the others. */
export function expectations(done: readonly Role[]): Array<[Role, Expected]> {
  return everyone.map((role) => [role, role === 'visitor' ? 'sign-in' : done.includes(role) ? 'done' : 'not-found']);
}

/** What an answer means: done (a page or a redirect after the act), 404, or sign in. */
export function outcomeOf(outcome: Outcome): Expected | string {
  if (outcome.status === 404) return 'not-found';
  if (outcome.location?.startsWith('/connexion?redirectTo=')) return 'sign-in';
  if (outcome.status === 200 || outcome.status === 302) return 'done';
  return `unexpected ${outcome.status} ${outcome.location ?? JSON.stringify(outcome.data).slice(0, 300)}`;
}

export async function setupAfterVisit() {
  const setup = await setupTestContext();
  const db = setup.services.db;
  const callAs = routeCaller(setup.context, setup.cookieFor);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the route sent
  const call = <Data = any>(...args: Parameters<typeof callAs>) => callAs<Data>(...args);
  const poles = {
    host: await poleIdOf(db, 'figeacteurs'),
    guest: await poleIdOf(db, 'causses-cevennes-demo'),
    other: await poleIdOf(db, 'cantal-cooperation-demo'),
  };
  // Plain members of the booking pole and of another pole (the demo has admins only there).
  for (const [email, poleId] of [
    [roles['booking pole member'], poles.guest],
    [roles['another pole member'], poles.other],
  ] as const) {
    const user = await createUser(db, { email, name: email, password: 'mot-de-passe-de-test' });
    await addMembership(db, { userId: user.id, poleId, role: 'member' });
  }
  const [booker] = await db.select({ id: users.id }).from(users).where(eq(users.email, roles['booking pole admin']));

  /**
   * A visit of Figeacteurs that started `daysAgo` days ago (negative: still to come), with a
   * confirmed booking of the demo emerging pole (its participants marked as given) and one of the
   * Cantal pole (unless `withOther` is false), whose participants' names no other pole may read.
   */
  async function heldVisit(
    options: { daysAgo?: number; guestMarks?: Array<boolean | null>; state?: 'scheduled' | 'cancelled'; title?: string; withOther?: boolean } = {},
  ) {
    const startsAt = new Date(Date.now() - (options.daysAgo ?? 1) * dayMs);
    const visit = await createVisit(db, {
      startsAt,
      bookingDeadline: new Date(startsAt.getTime() - 2 * dayMs),
      state: options.state,
      title: options.title ?? 'Visite déjà tenue',
    });
    const marks = options.guestMarks ?? [null, null];
    const guest = await insertBooking(db, {
      visitId: visit.id,
      poleId: poles.guest,
      bookedById: booker!.id,
      participants: marks.map((attended, index) => ({ name: `Invité Causses ${index + 1}`, attended })),
    });
    const other =
      options.withOther === false ? null : await insertBooking(db, { visitId: visit.id, poleId: poles.other, participants: [{ name: 'Gaspard Cantalou' }] });
    return { visit, guest, other };
  }

  async function marksOf(participantIds: readonly string[]) {
    const rows = await Promise.all(participantIds.map((id) => db.select().from(visitParticipants).where(eq(visitParticipants.id, id))));
    return rows.map(([row]) => row!.attended);
  }

  async function feedbackOf(bookingId: string) {
    return db.select().from(visitFeedback).where(eq(visitFeedback.bookingId, bookingId));
  }

  return { ...setup, db, call, poles, heldVisit, marksOf, feedbackOf };
}

/** The loader's data as text, to look for a name wherever it sits. */
export function textOf(outcome: Outcome): string {
  expect(outcome.status).toBe(200);
  return JSON.stringify(outcome.data);
}
