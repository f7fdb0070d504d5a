import { and, eq, inArray } from 'drizzle-orm';
import { fromParisParts, toParisParts } from '#app/domain/visits/time';
import type { Database, Executor } from '#db/client';
import { poles, users, visitBookings, visitFeedback, visitParticipants, visitTopics, visits } from '#db/schema';

const dayMs = 24 * 60 * 60 * 1000;

type DemoVisit = {
  poleSlug: string;
  title: string;
  programme: string;
  topics: string[];
  /** Days from the seeding day (Paris calendar). */
  inDays: number;
  address: string;
  seats: number;
  bookingMode: 'instant' | 'host_confirms';
  costs: 'free' | 'travel_covered' | 'participants_pay';
};

/** Two or three upcoming visits hosted by mature poles, starting at 09:30 in Paris, with no bookings. */
export const demoVisits: DemoVisit[] = [
  {
    poleSlug: 'figeacteurs',
    title: 'Une journée chez Figeacteurs : coopérer entre entreprises d’un bassin rural',
    programme:
      'Accueil à 9 h 30 autour d’un café, présentation du pôle et de sa gouvernance, visite de deux entreprises membres, déjeuner partagé, atelier sur l’animation de la coopération entre entreprises.',
    topics: ['animation-cooperation', 'gouvernance'],
    inDays: 21,
    address: '2 place Champollion',
    seats: 10,
    bookingMode: 'instant',
    costs: 'travel_covered',
  },
  {
    poleSlug: 'kaleidoscoop',
    title: 'Kaléidoscoop : un tiers-lieu de l’économie sociale et solidaire',
    programme:
      'Visite du tiers-lieu et de ses ateliers, rencontre avec les structures hébergées, échange sur le modèle économique et l’accompagnement des projets.',
    topics: ['tiers-lieu', 'incubation'],
    inDays: 35,
    address: '1 rue de l’Ancienne Coopérative',
    seats: 8,
    bookingMode: 'host_confirms',
    costs: 'free',
  },
];

/** The instant at 09:30 in Paris, `days` calendar days after `now` in Paris. */
function parisMorning(now: Date, days: number, time = '09:30'): Date {
  const { date } = toParisParts(new Date(now.getTime() + days * dayMs));
  const result = fromParisParts(date, time);
  if (!result.ok) throw new Error(`no ${time} in Paris on ${date}`);
  return result.instant;
}

/**
 * Demo mode: upcoming learning visits (demoVisits). Idempotent: a visit is added only when its host
 * pole has none with that title.
 */
export async function seedDemoVisits(db: Database, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const hosts = await tx
      .select({ id: poles.id, slug: poles.slug, town: poles.town, latitude: poles.latitude, longitude: poles.longitude })
      .from(poles)
      .where(
        inArray(
          poles.slug,
          demoVisits.map((visit) => visit.poleSlug),
        ),
      );
    for (const demo of demoVisits) {
      const host = hosts.find((pole) => pole.slug === demo.poleSlug);
      if (!host) continue;
      const [existing] = await tx
        .select({ id: visits.id })
        .from(visits)
        .where(and(eq(visits.poleId, host.id), eq(visits.title, demo.title)));
      if (existing) continue;
      const [visit] = await tx
        .insert(visits)
        .values({
          poleId: host.id,
          title: demo.title,
          programme: demo.programme,
          startsAt: parisMorning(now, demo.inDays),
          durationMinutes: 360,
          address: demo.address,
          town: host.town,
          latitude: host.latitude,
          longitude: host.longitude,
          seats: demo.seats,
          bookingDeadline: parisMorning(now, demo.inDays - 7, '18:00'),
          bookingMode: demo.bookingMode,
          costs: demo.costs,
          accessibility: 'Locaux accessibles en fauteuil roulant.',
          practical: 'Gare à proximité ; prévenez-nous pour le déjeuner.',
        })
        .returning({ id: visits.id });
      await tx.insert(visitTopics).values(demo.topics.map((topicSlug) => ({ visitId: visit!.id, topicSlug })));
    }
  });
  await seedDemoVisitHistory(db, now);
}

// ─── A visit already held ─────────────────────────────────────────────────

/**
 * A booking with its named participants (each present, absent or not marked yet), written as it
 * stands: no seat count, no mail. For the demo's past visit and for tests of what follows a visit.
 */
export async function insertBooking(
  db: Executor,
  input: {
    visitId: string;
    poleId: string;
    bookedById?: string | null;
    participants: ReadonlyArray<{ name: string; attended?: boolean | null }>;
    state?: 'pending' | 'confirmed' | 'waiting' | 'cancelled' | 'declined';
    at?: Date;
  },
) {
  const at = input.at ?? new Date();
  const state = input.state ?? 'confirmed';
  const [booking] = await db
    .insert(visitBookings)
    .values({
      visitId: input.visitId,
      poleId: input.poleId,
      bookedById: input.bookedById ?? null,
      state,
      seats: input.participants.length,
      createdAt: at,
      confirmedAt: state === 'confirmed' ? at : null,
    })
    .returning();
  const participants = await db
    .insert(visitParticipants)
    .values(input.participants.map((participant) => ({ bookingId: booking!.id, name: participant.name, attended: participant.attended ?? null })))
    .returning();
  return { booking: booking!, participants };
}

/** Held 20 days before the seeding day: Figeacteurs hosted the demo emerging pole, who came and said what it took from it. */
export const demoPastVisit = {
  hostSlug: 'figeacteurs',
  guestSlug: 'causses-cevennes-demo',
  guestEmail: 'emergent@demo.ptce.fr',
  title: 'Gouvernance partagée : une matinée avec les membres de Figeacteurs',
  programme:
    'Présentation de la gouvernance du pôle (collèges, comité d’animation, décisions au consentement), témoignages de deux entreprises membres, atelier sur les outils de suivi de la coopération.',
  topics: ['gouvernance', 'animation-cooperation'],
  daysAgo: 20,
  participants: ['Nicolas Roux', 'Léa Fabre'],
  feedback: {
    rating: 5,
    learned: 'Comment organiser des collèges de membres et décider au consentement sans alourdir le comité d’animation.',
    willApply: 'Nous allons proposer à notre prochaine assemblée un comité d’animation tournant et un tableau de suivi des coopérations.',
  },
} as const;

/**
 * Demo mode: one past visit hosted by Figeacteurs with a confirmed booking of the demo emerging
 * pole, its participants marked present and its feedback given, so the pole page shows a rating
 * and the attendance and feedback pages have something to show. Idempotent (by title).
 */
async function seedDemoVisitHistory(db: Database, now: Date): Promise<void> {
  const demo = demoPastVisit;
  await db.transaction(async (tx) => {
    const found = await tx
      .select({ id: poles.id, slug: poles.slug, town: poles.town, latitude: poles.latitude, longitude: poles.longitude })
      .from(poles)
      .where(inArray(poles.slug, [demo.hostSlug, demo.guestSlug]));
    const host = found.find((pole) => pole.slug === demo.hostSlug);
    const guest = found.find((pole) => pole.slug === demo.guestSlug);
    if (!host || !guest) return;
    const [existing] = await tx
      .select({ id: visits.id })
      .from(visits)
      .where(and(eq(visits.poleId, host.id), eq(visits.title, demo.title)));
    if (existing) return;
    const [booker] = await tx.select({ id: users.id }).from(users).where(eq(users.email, demo.guestEmail));
    const startsAt = parisMorning(now, -demo.daysAgo);
    const [visit] = await tx
      .insert(visits)
      .values({
        poleId: host.id,
        title: demo.title,
        programme: demo.programme,
        startsAt,
        durationMinutes: 240,
        address: '2 place Champollion',
        town: host.town,
        latitude: host.latitude,
        longitude: host.longitude,
        seats: 8,
        bookingDeadline: parisMorning(now, -demo.daysAgo - 7, '18:00'),
        costs: 'travel_covered',
        createdAt: new Date(startsAt.getTime() - 45 * dayMs),
      })
      .returning({ id: visits.id });
    await tx.insert(visitTopics).values(demo.topics.map((topicSlug) => ({ visitId: visit!.id, topicSlug })));
    const { booking } = await insertBooking(tx, {
      visitId: visit!.id,
      poleId: guest.id,
      bookedById: booker?.id ?? null,
      participants: demo.participants.map((name) => ({ name, attended: true })),
      at: new Date(startsAt.getTime() - 30 * dayMs),
    });
    await tx.insert(visitFeedback).values({
      bookingId: booking.id,
      authorId: booker?.id ?? null,
      createdAt: new Date(startsAt.getTime() + 2 * dayMs),
      ...demo.feedback,
    });
  });
}
