import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Actor } from '#app/utils/permissions.server';
import type { Executor } from '#db/client';
import { messages, poleMemberships, poles } from '#db/schema';
import type { ThreadFacts } from './threads.server';

/** Who speaks and who hears in a live thread (decision 019): the sending path's reads. */

/**
 * The poles a person may speak for in the thread, by name: theirs that take part (a conversation,
 * a visit), theirs in the forum's region, or any of theirs in the national forum. Empty for a
 * coordinator or a national admin without a pole there: they write in their own name.
 */
export async function polesToSpeakFor(db: Executor, actor: Actor, thread: Pick<ThreadFacts, 'access'>): Promise<Array<{ id: string; name: string }>> {
  const mine = [...actor.poleRoles.keys()];
  if (mine.length === 0) return [];
  const { access } = thread;
  const rows = await db.select({ id: poles.id, name: poles.name, regionCode: poles.regionCode }).from(poles).where(inArray(poles.id, mine));
  return rows
    .filter((pole) => (access.kind === 'poles' ? access.poleIds.includes(pole.id) : access.regionCode === null || pole.regionCode === access.regionCode))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    .map(({ id, name }) => ({ id, name }));
}

/** Whether the author already stored a message with this idempotency key (a retried send). */
export async function hasMessageWithKey(db: Executor, input: { authorId: string; key: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.authorId, input.authorId), eq(messages.clientKey, input.key)));
  return row !== undefined;
}

/**
 * Who hears of a new message in a thread between poles: the pole it speaks for (its name), and the
 * members of the thread's poles but its author (their header's count).
 */
export async function newMessageAudience(db: Executor, input: { poleId: string; poleIds: readonly string[]; exceptUserId: string }) {
  const [fromPole] = await db.select({ id: poles.id, name: poles.name }).from(poles).where(eq(poles.id, input.poleId));
  const audience = await db
    .selectDistinct({ userId: poleMemberships.userId })
    .from(poleMemberships)
    .where(and(inArray(poleMemberships.poleId, [...input.poleIds]), ne(poleMemberships.userId, input.exceptUserId)));
  return { fromPole, audience };
}
