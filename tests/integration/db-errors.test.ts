import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createTwinningAsk } from '#app/models/twinning-asks.server';
import { violatesUnique } from '#app/utils/db-errors.server';
import { outbox, twinningAsks, visitBookings } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { createPoleWithAdmin } from '#tests/setup/twinning-factories';
import { createGuestPole, createVisit } from '#tests/setup/visit-factories';

/**
 * `violatesUnique`, the one test of « the unique index settled a race » that the models share
 * (pole applications, twinning asks, visit bookings): real errors of this run's driver (PGlite,
 * or postgres.js with TEST_DATABASE_URL), told apart by the index's name.
 */

const { services } = await setupTestContext();
const db = services.db;

async function errorOf(act: () => Promise<unknown>): Promise<unknown> {
  try {
    await act();
  } catch (error) {
    return error;
  }
  throw new Error('the statement was expected to fail');
}

describe('a unique violation', () => {
  test('is recognised by its index, in a statement or in a transaction; another index or another error is not it', async () => {
    const visit = await createVisit(db, { seats: 5 });
    const { pole } = await createGuestPole(db);
    const booking = { visitId: visit.id, poleId: pole.id, state: 'confirmed' as const, seats: 1 };
    await db.insert(visitBookings).values(booking);

    const direct = await errorOf(() => db.insert(visitBookings).values(booking));
    expect(violatesUnique(direct, 'visit_bookings_live_pole_idx')).toBe(true);
    expect(violatesUnique(direct, 'twinning_asks_open_pair_idx')).toBe(false);
    const inTransaction = await errorOf(() => db.transaction((tx) => tx.insert(visitBookings).values(booking)));
    expect(violatesUnique(inTransaction, 'visit_bookings_live_pole_idx')).toBe(true);

    // A check constraint (seats 1 to 50) is another error.
    const check = await errorOf(() => db.insert(visitBookings).values({ ...booking, state: 'cancelled', seats: 0 }));
    expect(violatesUnique(check, 'visit_bookings_live_pole_idx')).toBe(false);
    expect(violatesUnique(new Error('x'), 'visit_bookings_live_pole_idx')).toBe(false);
    expect(violatesUnique(null, 'visit_bookings_live_pole_idx')).toBe(false);
  });
});

// Only PostgreSQL has two transactions at once; PGlite runs them one after the other.
if (!process.env.TEST_DATABASE_URL) {
  console.warn('\n⚠ "an ask written outside the check" skipped: it needs two sessions at once, so PostgreSQL (TEST_DATABASE_URL); CI runs it.\n');
}
test.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  'an ask written outside the check: the unique index refuses the second as « already asked », and no mail leaves',
  async () => {
    const mentor = await createPoleWithAdmin(db, { mentoringCapacity: 2 });
    const mentee = await createPoleWithAdmin(db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const insertedOutside = new Promise<void>((resolve) => (written = resolve));
    // An open ask of the same pair, not committed yet: the check does not see it, the INSERT waits on the index.
    const outside = db.transaction(async (tx) => {
      await tx.insert(twinningAsks).values({
        fromPoleId: mentee.pole.id,
        mentorPoleId: mentor.pole.id,
        menteePoleId: mentee.pole.id,
        regionCode: mentee.pole.regionCode,
        message: 'Écrite hors du contrôle',
        createdById: mentee.user.id,
      });
      written();
      await gate;
    });
    await insertedOutside;
    const ask = createTwinningAsk(services, {
      actorId: mentee.user.id,
      fromPoleId: mentee.pole.id,
      withPoleId: mentor.pole.id,
      message: 'La seconde demande',
      appUrl: services.env.appUrl,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await outside;
    expect(await ask).toEqual({ status: 'already-asked', askId: null });
    expect(await db.select({ message: twinningAsks.message }).from(twinningAsks).where(eq(twinningAsks.menteePoleId, mentee.pole.id))).toEqual([
      { message: 'Écrite hors du contrôle' },
    ]);
    expect(await db.select().from(outbox).where(eq(outbox.subject, 'La seconde demande'))).toEqual([]);
  },
);
