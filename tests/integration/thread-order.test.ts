import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { postMessage, threadMessages, type PostOutcome } from '#app/models/threads.server';
import { messages, threads } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { createGuestPoles } from '#tests/setup/visit-factories';

/**
 * The order clients subscribe by (decision 019). A page renders up to some `seq`; the client then
 * asks for everything after it, and again after the last one it saw. That loses nothing only if,
 * within a thread, a message with a higher seq never commits before one with a lower seq:
 * `postMessage` takes the thread's row lock before drawing the seq. A reader that keeps asking
 * « after the last seq I saw » while 40 posts run at once must end up with all 40, in order. On
 * PostgreSQL (TEST_DATABASE_URL) the posts really overlap; on PGlite they run one after the other.
 */

const { services } = await setupTestContext();
const db = services.db;

async function conversationBetween() {
  const [initiator, recipient] = await createGuestPoles(db, 2);
  const [thread] = await db
    .insert(threads)
    .values({ subjectType: 'offer', initiatorPoleId: initiator!.pole.id, recipientPoleId: recipient!.pole.id, regionCode: '76', title: 'Ordre des messages' })
    .returning({ id: threads.id });
  return { threadId: thread!.id, initiator: initiator!, recipient: recipient! };
}

const post = (threadId: string, authorId: string, poleId: string, body: string, clientKey: string | null = null) =>
  postMessage(db, services, { threadId, authorId, poleId, body, clientKey, exemptFromSlowMode: false });

describe('messages of one thread', () => {
  test('a reader asking « after the last seq I saw » while 40 posts run at once misses none', async () => {
    const { threadId, initiator, recipient } = await conversationBetween();
    const seen: Array<{ seq: number; body: string | null }> = [];
    let writing = true;
    const reader = (async () => {
      let last = 0;
      for (;;) {
        const done = !writing;
        const batch = await threadMessages(db, { threadId, after: last, limit: 100, moderator: false });
        for (const message of batch) {
          expect(message.seq).toBeGreaterThan(last);
          seen.push(message);
          last = message.seq;
        }
        // One more read after the writers finished: whatever committed last is read then.
        if (done) return;
      }
    })();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, index) => {
        const side = index % 2 === 0 ? initiator : recipient;
        return post(threadId, side.admin.id, side.pole.id, `Message ${index + 1}`);
      }),
    ).finally(() => {
      writing = false;
    });
    await reader;
    expect(outcomes.every((outcome) => outcome.status === 'sent')).toBe(true);
    expect(seen.map((message) => message.body).sort()).toEqual(Array.from({ length: 40 }, (_, index) => `Message ${index + 1}`).sort());
    const stored = await db.select({ seq: messages.seq }).from(messages).where(eq(messages.threadId, threadId));
    expect(new Set(stored.map((row) => row.seq)).size).toBe(40);
  });

  test('the same key sent 10 times at once stores one message, and every caller gets it', async () => {
    const { threadId, initiator } = await conversationBetween();
    const key = randomUUID();
    const outcomes: PostOutcome[] = await Promise.all(
      Array.from({ length: 10 }, () => post(threadId, initiator.admin.id, initiator.pole.id, 'Une seule fois', key)),
    );
    const stored = await db.select({ id: messages.id }).from(messages).where(eq(messages.threadId, threadId));
    expect(stored).toHaveLength(1);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('sent');
      if (outcome.status === 'sent') expect(outcome.message.id).toBe(stored[0]!.id);
    }
    expect(outcomes.filter((outcome) => outcome.status === 'sent' && outcome.created)).toHaveLength(1);
  });

  test('a key reused in another thread is refused, not attached to the first thread’s message', async () => {
    const first = await conversationBetween();
    const second = await conversationBetween();
    const key = randomUUID();
    expect((await post(first.threadId, first.initiator.admin.id, first.initiator.pole.id, 'Ici', key)).status).toBe('sent');
    expect((await post(second.threadId, first.initiator.admin.id, first.initiator.pole.id, 'Là', key)).status).toBe('not-found');
  });
});
