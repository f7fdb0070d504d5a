import { and, eq, like } from 'drizzle-orm';
import { postMessage } from '#app/models/threads.server';
import type { Published } from '#app/utils/realtime.server';
import type { AppServices } from '#app/context.server';
import type { Database } from '#db/client';
import { auditLog, outbox, poles, threads, users } from '#db/schema';
import { createGuestPole } from '#tests/setup/visit-factories';

/** Threads and people for the moderation tests: a conversation of Occitanie ('76') between the demo pole Figeacteurs and a guest pole. */

export async function demoUser(db: Database, email: string) {
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
}

let people = 0;
/** A reader with no password (the model does not ask who may report: the route does). */
export async function createPerson(db: Database, language: 'fr' | 'en' = 'fr') {
  people += 1;
  const [user] = await db
    .insert(users)
    .values({ email: `lecteur-${people}-${Date.now()}@test.ptce.fr`, name: `Lecteur ${people}`, passwordHash: '-', language })
    .returning({ id: users.id, email: users.email, name: users.name });
  return user!;
}

/** A conversation in `regionCode` between Figeacteurs and a new guest pole, with one message by the guest's admin. */
export async function threadWithMessage(services: AppServices, options: { regionCode?: string | null; body?: string; language?: 'fr' | 'en' } = {}) {
  const db = services.db;
  const [figeacteurs] = await db.select({ id: poles.id }).from(poles).where(eq(poles.slug, 'figeacteurs'));
  const guest = await createGuestPole(db, { language: options.language ?? 'fr' });
  const [thread] = await db
    .insert(threads)
    .values({
      subjectType: 'offer',
      initiatorPoleId: guest.pole.id,
      recipientPoleId: figeacteurs!.id,
      regionCode: options.regionCode === undefined ? '76' : options.regionCode,
      title: `Sujet modéré ${Math.random().toString(36).slice(2, 8)}`,
    })
    .returning({ id: threads.id, title: threads.title, recipientPoleId: threads.recipientPoleId });
  const posted = await postMessage(db, services, {
    threadId: thread!.id,
    authorId: guest.admin.id,
    poleId: guest.pole.id,
    body: options.body ?? 'Un message qui sera peut-être modéré.',
    clientKey: null,
    exemptFromSlowMode: false,
  });
  if (posted.status !== 'sent') throw new Error('the fixture message was not posted');
  return { thread: { ...thread!, recipientPoleId: thread!.recipientPoleId! }, message: posted.message, author: guest.admin, guest };
}

export async function auditRows(db: Database, action: string, subjectId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));
}

export async function mailsTo(db: Database, email: string) {
  return db.select().from(outbox).where(eq(outbox.to, email));
}

export async function threadAudit(db: Database, threadId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(like(auditLog.action, 'thread.%'), eq(auditLog.subjectId, threadId)));
}

/** Everything this process publishes while `act` runs. */
export async function publishedDuring<T>(services: AppServices, act: () => Promise<T>): Promise<{ result: T; published: Published[] }> {
  const published: Published[] = [];
  const stop = services.realtime.onPublish((event) => published.push(event));
  try {
    return { result: await act(), published };
  } finally {
    stop();
  }
}
