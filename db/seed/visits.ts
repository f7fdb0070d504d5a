import { and, eq, inArray } from 'drizzle-orm';
import { fromParisParts, toParisParts } from '#app/domain/visits/time';
import type { Database } from '#db/client';
import { poles, visitTopics, visits } from '#db/schema';

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
}
