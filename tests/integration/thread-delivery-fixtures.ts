import { eq } from 'drizzle-orm';
import { loadActor, type Actor } from '#app/utils/permissions.server';
import type { Executor } from '#db/client';
import { poles, threads, users } from '#db/schema';
import { addMembership, createPole, createUser } from '#db/seed/factories';

/** Threads and people for the live delivery tests (thread-posting, thread-sockets, thread-mentions). */

export const password = 'mot-de-passe-de-test';
let counter = 0;

export async function demoPole(db: Executor, slug: string) {
  const [pole] = await db.select().from(poles).where(eq(poles.slug, slug));
  if (!pole) throw new Error(`no demo pole ${slug}`);
  return pole;
}

export async function demoUser(db: Executor, email: string) {
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
}

/** A new person in the pole (a fresh rate-limit counter each time), with a name a mention can find. */
export async function memberOf(db: Executor, poleId: string, input: { name?: string; role?: 'member' | 'admin' } = {}) {
  counter += 1;
  const name = input.name ?? `Membre Fil ${counter}`;
  const user = await createUser(db, { email: `fil-${counter}-${Date.now().toString(36)}@test.ptce.fr`, name, password });
  await addMembership(db, { userId: user.id, poleId, role: input.role ?? 'member' });
  return { ...user, name };
}

/** A conversation between two poles (Figeacteurs and the Causses by default), moderated by Occitanie. */
export async function poleThread(db: Executor, input: { poleIds: [string, string]; regionCode?: string; title?: string }) {
  counter += 1;
  const [thread] = await db
    .insert(threads)
    .values({
      subjectType: 'offer',
      initiatorPoleId: input.poleIds[0],
      recipientPoleId: input.poleIds[1],
      regionCode: input.regionCode ?? '76',
      title: input.title ?? `Conversation de test ${counter}`,
    })
    .returning();
  return thread!;
}

/** A topic of a region's forum (null: the national forum). */
export async function forumTopic(db: Executor, regionCode: string | null, title = 'Sujet du forum') {
  const [thread] = await db.insert(threads).values({ subjectType: 'forum', regionCode, title }).returning();
  return thread!;
}

export async function actorFor(db: Executor, userId: string): Promise<Actor> {
  const actor = await loadActor(db, userId);
  if (!actor) throw new Error(`no actor ${userId}`);
  return actor;
}

/** Two fresh poles of Occitanie with one member each, and their conversation. */
export async function twoPolesAndThread(db: Executor) {
  const [a, b] = [await createPole(db, { verifiedAt: new Date() }), await createPole(db, { verifiedAt: new Date() })];
  const [alice, bob] = [await memberOf(db, a.id), await memberOf(db, b.id)];
  const thread = await poleThread(db, { poleIds: [a.id, b.id] });
  return { a, b, alice, bob, thread };
}
