import { rooms, type RealtimeServer, type SocketData } from '#app/utils/realtime.server';

/**
 * Who is on a thread's page now, over every process (decision 019), without socket.io's
 * `fetchSockets()`: that one ships each remote socket whole (its handshake's headers, session
 * cookie included) through PostgreSQL, once per join. Here each process reads its own sockets and
 * answers the others' `serverSideEmit` questions with names only; arrivals and departures are
 * announced to the room in batches (one event per room every `batchMs`), so a thousand people
 * opening a page do not make a million events.
 */

type Person = { id: string; name: string };
/** How many people a join's answer lists at most (the live events keep the list current). */
export const presentListed = 50;
const batchMs = 300;

export function createPresence(io: RealtimeServer, options: { clustered: boolean }) {
  const namespace = io.of('/');

  function localSockets(room: string): Array<{ data: Partial<SocketData> }> {
    return [...(namespace.adapter.rooms.get(room) ?? [])].flatMap((id) => namespace.sockets.get(id) ?? []);
  }

  function localPeople(threadId: string): Person[] {
    const people = new Map<string, string>();
    for (const { data } of localSockets(rooms.thread(threadId))) {
      if (data.userId && !people.has(data.userId)) people.set(data.userId, (data.name ?? '').slice(0, 300));
      if (people.size >= presentListed) break;
    }
    return [...people].map(([id, name]) => ({ id, name }));
  }

  const hasLocally = (threadId: string, userId: string) => localSockets(rooms.thread(threadId)).some(({ data }) => data.userId === userId);

  /**
   * The other processes' answers: none when alone; when one does not answer within the adapter's
   * delay (5 s), those that did (this process's view counts all the same).
   */
  async function askOthers<T>(ask: () => Promise<T[]>): Promise<T[]> {
    if (!options.clustered) return [];
    try {
      return await ask();
    } catch (error) {
      const partial = (error as { responses?: unknown }).responses;
      return Array.isArray(partial) ? (partial as T[]) : [];
    }
  }

  if (options.clustered) {
    // The answers to the other processes' questions.
    io.on('presence:people', (threadId, answer) => answer(localPeople(threadId)));
    io.on('presence:has', (threadId, userId, answer) => answer(hasLocally(threadId, userId)));
    io.on('presence:session', (sessionId, answer) => answer(localSockets(rooms.session(sessionId)).length));
  }
  // Arrivals and departures waiting to be announced, per thread.
  const pending = new Map<string, { joined: Map<string, Person>; left: Set<string> }>();
  function announce(threadId: string, change: { joined?: Person; left?: string }) {
    let batch = pending.get(threadId);
    if (!batch) {
      batch = { joined: new Map(), left: new Set() };
      pending.set(threadId, batch);
      setTimeout(() => flush(threadId), batchMs).unref();
    }
    if (change.joined) {
      batch.left.delete(change.joined.id);
      batch.joined.set(change.joined.id, change.joined);
    }
    if (change.left) {
      batch.joined.delete(change.left);
      batch.left.add(change.left);
    }
  }
  function flush(threadId: string) {
    const batch = pending.get(threadId);
    pending.delete(threadId);
    if (!batch || (batch.joined.size === 0 && batch.left.size === 0)) return;
    // The schema allows 1,000 of each: a batch of a few hundred milliseconds never holds more.
    io.to(rooms.thread(threadId)).emit('thread:presence', {
      threadId,
      joined: [...batch.joined.values()].slice(0, 1000),
      left: [...batch.left].slice(0, 1000),
    });
  }

  return {
    /** Who is here (at most `presentListed`), over every process. */
    async people(threadId: string): Promise<Person[]> {
      const all = new Map(localPeople(threadId).map((person) => [person.id, person]));
      for (const answer of await askOthers(() => io.serverSideEmitWithAck('presence:people', threadId))) {
        for (const person of answer) if (all.size < presentListed) all.set(person.id, person);
      }
      return [...all.values()];
    },
    /** Whether the person has a socket in the thread's room on any process. */
    async has(threadId: string, userId: string): Promise<boolean> {
      if (hasLocally(threadId, userId)) return true;
      return (await askOthers(() => io.serverSideEmitWithAck('presence:has', threadId, userId))).some(Boolean);
    },
    /** How many sockets the session holds over every process. */
    async sessionSockets(sessionId: string): Promise<number> {
      const counts = await askOthers(() => io.serverSideEmitWithAck('presence:session', sessionId));
      return localSockets(rooms.session(sessionId)).length + counts.reduce((total, count) => total + count, 0);
    },
    joined(threadId: string, person: Person) {
      announce(threadId, { joined: person });
    },
    left(threadId: string, userId: string) {
      announce(threadId, { left: userId });
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
