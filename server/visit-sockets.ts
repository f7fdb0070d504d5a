import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { AppServices } from '#app/context.server';
import { visitAvailability } from '#app/models/visit-bookings.server';
import { rooms, type ClientToServerEvents, type ServerToClientEvents, type SocketData, type VisitWatchAnswer } from '#app/utils/realtime.server';

/**
 * What a browser asks about learning visits over its socket (decision 012): `visit:watch` joins the
 * visit's room, whose `visit:seats` events carry counts only, and answers the counts as they are
 * once joined; `visit:unwatch` leaves it. The counts are public (the visit page shows them to
 * visitors), so any signed-in socket may watch any visit; anonymous visitors have no socket.
 * Every payload is checked here: a malformed one is answered with an error, never thrown on.
 */

/** How many visits one socket watches at once: a visit page watches one, so 20 is generous. */
export const maxWatchedVisits = 20;

const visitRequest = z.object({ visitId: z.string().uuid() }).strict();

type VisitSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The client's acknowledgement callback, or a no-op when it sent none (or something else). */
function replyTo<Answer>(ack: unknown): (answer: Answer) => void {
  return typeof ack === 'function' ? (answer: Answer) => void (ack as (answer: Answer) => void)(answer) : () => {};
}

const watchedVisits = (socket: VisitSocket) => [...socket.rooms].filter((room) => room.startsWith(rooms.visit(''))).length;

export function handleVisitWatching(socket: VisitSocket, services: Pick<AppServices, 'db' | 'logger'>) {
  socket.on('visit:watch', async (request: unknown, ack: unknown) => {
    const answer = replyTo<VisitWatchAnswer>(ack);
    const parsed = visitRequest.safeParse(request);
    // A malformed id and an unknown visit get the same answer.
    if (!parsed.success) return answer({ ok: false, error: 'invalid' });
    const { visitId } = parsed.data;
    const room = rooms.visit(visitId);
    const already = socket.rooms.has(room);
    // Checked and joined before any await: two watches sent together cannot both pass the cap.
    if (!already && watchedVisits(socket) >= maxWatchedVisits) return answer({ ok: false, error: 'too-many' });
    // Joined before the counts are read: an act committed after this read is published to the
    // room, so nothing between the page's load and this answer is missed.
    void socket.join(room);
    try {
      const availability = await visitAvailability(services.db, visitId);
      if (availability) return answer({ ok: true, availability: { visitId, ...availability } });
      if (!already) void socket.leave(room);
      answer({ ok: false, error: 'invalid' });
    } catch (error) {
      services.logger.error({ err: error }, 'visit:watch failed');
      if (!already) void socket.leave(room);
      answer({ ok: false, error: 'unavailable' });
    }
  });

  socket.on('visit:unwatch', (request: unknown, ack: unknown) => {
    const answer = replyTo<{ ok: boolean }>(ack);
    const parsed = visitRequest.safeParse(request);
    if (parsed.success) void socket.leave(rooms.visit(parsed.data.visitId));
    answer({ ok: parsed.success });
  });
}
