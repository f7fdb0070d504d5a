import { asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '#app/context.server';
import type { Database } from '#db/client';
import { makeRequest, routeArgs } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';
import { poleMentoringTopics, poles, requestTopics, topics, users } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';
import { createRequest } from '#tests/setup/market-factories';

/**
 * What the desk tests rely on, set here whatever the seed gives: two validated mature poles of
 * Occitanie with room, an emerging pole in a corner of Occitanie with no seed pole nearby (so
 * distances decide between our own poles), a pole next to it, a pole with the request's topics,
 * two open requests (the older first), and one admin on each side (the mentee's reads English).
 */

export const place = { latitude: 42.95, longitude: 0.35, regionCode: '76', departmentCode: '65', town: 'Arreau' };

export async function deskFixtures(db: Database) {
  const topicSlugs = (await db.select({ slug: topics.slug }).from(topics).orderBy(asc(topics.slug)).limit(2)).map((row) => row.slug);
  // What the tests rely on, whatever the seed gives: two validated mature poles of Occitanie with room.
  await db
    .update(poles)
    .set({ mentoringCapacity: 3, verifiedAt: new Date(), status: 'active', maturity: 'mature' })
    .where(inArray(poles.slug, ['figeacteurs', 'imaginations-fertiles']));
  const menteePole = await createPole(db, { ...place, name: 'Pôle émergent des Baronnies', maturity: 'emerging', verifiedAt: new Date() });
  const nearMentor = await createPole(db, { ...place, name: 'Pôle mature d’à côté', maturity: 'mature', verifiedAt: new Date(), mentoringCapacity: 5 });
  const topicMentor = await createPole(db, {
    ...place,
    latitude: place.latitude + 0.01,
    name: 'Pôle mature aux bonnes thématiques',
    maturity: 'mature',
    verifiedAt: new Date(),
    mentoringCapacity: 5,
  });
  await db.insert(poleMentoringTopics).values(topicSlugs.map((topicSlug) => ({ poleId: topicMentor.id, topicSlug })));
  const old = await createRequest(db, { poleId: menteePole.id, title: 'Structurer notre gouvernance', openedAt: new Date('2020-01-01T00:00:00Z') });
  const recent = await createRequest(db, { poleId: menteePole.id, title: 'Trouver des financements', openedAt: new Date('2020-02-01T00:00:00Z') });
  await db
    .insert(requestTopics)
    .values([...topicSlugs.map((topicSlug) => ({ requestId: old.id, topicSlug })), ...topicSlugs.map((topicSlug) => ({ requestId: recent.id, topicSlug }))]);

  // One admin on each side; the mentee's reads English.
  const menteeAdminEmail = `animation-${menteePole.slug}@test.ptce.fr`;
  const mentorAdminEmail = `animation-${topicMentor.slug}@test.ptce.fr`;
  const menteeAdmin = await createUser(db, { email: menteeAdminEmail, name: 'Mentee Admin', password: 'mot-de-passe-de-test' });
  const mentorAdmin = await createUser(db, { email: mentorAdminEmail, name: 'Animatrice accompagnatrice', password: 'mot-de-passe-de-test' });
  await db.update(users).set({ language: 'en' }).where(eq(users.id, menteeAdmin.id));
  await addMembership(db, { userId: menteeAdmin.id, poleId: menteePole.id, role: 'admin' });
  await addMembership(db, { userId: mentorAdmin.id, poleId: topicMentor.id, role: 'admin' });
  return { topicSlugs, menteePole, nearMentor, topicMentor, oldRequestId: old.id, newRequestId: recent.id, menteeAdminEmail, mentorAdminEmail };
}

export type DeskFixtures = Awaited<ReturnType<typeof deskFixtures>>;

type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };

/** Calls a desk route's loader (or its action, with a form) as a person, and settles the answer. */
export function routeCaller(context: AppContext, cookieFor: (email: string) => Promise<string>) {
  return async (route: Route, path: string, options: { as?: string; form?: Record<string, string | string[]> } = {}) => {
    const cookie = options.as ? await cookieFor(options.as) : undefined;
    const request = makeRequest(path, { cookie, form: options.form });
    const handler = (options.form ? route.action : route.loader) as (args: ReturnType<typeof routeArgs>) => Promise<unknown>;
    return settle(handler(routeArgs(context, request)));
  };
}
