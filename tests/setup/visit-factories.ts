import { eq } from 'drizzle-orm';
import type { Executor } from '#db/client';
import { addMembership, createPole } from '#db/seed/factories';
import { poles, users, visits } from '#db/schema';

const dayMs = 24 * 60 * 60 * 1000;

/** The demo pole `figeacteurs` (its admin: figeacteurs@demo.ptce.fr), the default host. */
export async function demoHostPole(db: Executor) {
  const [pole] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
  if (!pole) throw new Error('the demo pole figeacteurs is missing: use a seeded test context');
  return pole;
}

/**
 * A scheduled learning visit, hosted by the demo pole `figeacteurs` unless told otherwise: in 30
 * days, bookable for 20 more days, 10 seats, confirmed at once.
 */
export async function createVisit(
  db: Executor,
  input: {
    hostPoleId?: string;
    seats?: number;
    bookingMode?: 'instant' | 'host_confirms';
    startsAt?: Date;
    bookingDeadline?: Date;
    state?: 'scheduled' | 'cancelled';
    title?: string;
  } = {},
) {
  const startsAt = input.startsAt ?? new Date(Date.now() + 30 * dayMs);
  const [visit] = await db
    .insert(visits)
    .values({
      poleId: input.hostPoleId ?? (await demoHostPole(db)).id,
      title: input.title ?? 'Visite apprenante de test',
      programme: 'Accueil, visite des ateliers, échanges.',
      startsAt,
      durationMinutes: 240,
      address: '2 place Champollion',
      town: 'Figeac',
      seats: input.seats ?? 10,
      bookingDeadline: input.bookingDeadline ?? new Date(Math.min(startsAt.getTime() - dayMs, Date.now() + 20 * dayMs)),
      bookingMode: input.bookingMode ?? 'instant',
      state: input.state ?? 'scheduled',
    })
    .returning();
  return visit!;
}

let guestCounter = 0;

/**
 * A validated pole with one admin, to book visits (no password: these admins never sign in, which
 * keeps 50 of them cheap). `language` is the admin's, for the mails.
 */
export async function createGuestPole(db: Executor, input: { language?: 'fr' | 'en' } = {}) {
  guestCounter += 1;
  const pole = await createPole(db, { verifiedAt: new Date() });
  const [admin] = await db
    .insert(users)
    .values({
      email: `visit-guest-${guestCounter}-${pole.slug}@test.ptce.fr`,
      name: `Invitée ${guestCounter}`,
      passwordHash: '-',
      language: input.language ?? 'fr',
    })
    .returning({ id: users.id, email: users.email });
  await addMembership(db, { userId: admin!.id, poleId: pole.id, role: 'admin' });
  return { pole, admin: admin! };
}

/** `count` guest poles, created one after the other. */
export async function createGuestPoles(db: Executor, count: number) {
  const guests = [];
  for (let index = 0; index < count; index += 1) guests.push(await createGuestPole(db));
  return guests;
}
