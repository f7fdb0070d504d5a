import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Logger } from '#app/utils/logger.server';
import { rooms, type Realtime } from '#app/utils/realtime.server';
import type { Executor } from '#db/client';
import { poleMemberships, poles, threads } from '#db/schema';

/**
 * Pushes `message:new` to the people of both poles of a conversation (but its author) and to the
 * conversation's own room, once the message is committed. The audience is read now rather than
 * kept in per-pole rooms, so someone who has left a pole stops hearing of it at once. A failure is
 * logged: the message itself is saved, and the pages show it anyway.
 */
export async function publishNewMessage(
  services: { db: Executor; realtime: Realtime; logger: Logger },
  input: { threadId: string; fromPoleId: string; authorId: string },
): Promise<void> {
  try {
    const { db } = services;
    const [thread] = await db
      .select({ initiatorPoleId: threads.initiatorPoleId, recipientPoleId: threads.recipientPoleId })
      .from(threads)
      .where(eq(threads.id, input.threadId));
    const [fromPole] = await db.select({ id: poles.id, name: poles.name }).from(poles).where(eq(poles.id, input.fromPoleId));
    if (!thread || !fromPole) return;
    // A pole deleted since keeps its conversations, without members to tell.
    const poleIds = [thread.initiatorPoleId, thread.recipientPoleId].filter((id): id is string => id !== null);
    // A person in both poles is listed twice; socket.io still sends once per socket.
    const audience = await db
      .select({ userId: poleMemberships.userId })
      .from(poleMemberships)
      .where(and(inArray(poleMemberships.poleId, poleIds), ne(poleMemberships.userId, input.authorId)));
    await services.realtime.publish([rooms.thread(input.threadId), ...audience.map(({ userId }) => rooms.user(userId))], 'message:new', {
      threadId: input.threadId,
      fromPole,
      authorId: input.authorId,
      sentAt: new Date().toISOString(),
    });
  } catch (error) {
    services.logger.error({ err: error }, 'realtime: message:new not published');
  }
}
