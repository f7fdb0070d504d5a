import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { digestJob, sendThreadDigest } from '#app/models/conversation-digests.server';
import { markRead, threadLastSeq } from '#app/models/thread-reads.server';
import { postMessage } from '#app/models/threads.server';
import { messages, outbox, threadReaders, threads, users } from '#db/schema';
import { setupTestContext, testOrigin } from '#tests/setup/context';
import { createOffer, createPoleWithMember } from '#tests/setup/market-factories';

/**
 * Conversation mails as digests, by calling the digest job's work with a chosen `now`: at most
 * one mail per person and thread per quarter hour, listing what arrived, nothing for what was read.
 */
const { context, services } = await setupTestContext();
const { db } = services;

const minutes = (count: number) => count * 60 * 1000;
let threadId: string;
let writer: { id: string };
let writerPoleId: string;
let reader: { id: string; email: string };
let readerPoleName: string;

beforeEach(async () => {
  const from = await createPoleWithMember(db, { verified: true, role: 'admin', name: `Figeacteurs ${Math.random().toString(36).slice(2, 6)}` });
  const to = await createPoleWithMember(db, { verified: true, role: 'admin' });
  writer = from.user;
  writerPoleId = from.pole.id;
  reader = to.user;
  readerPoleName = to.pole.name;
  const offer = await createOffer(db, { poleId: to.pole.id, title: 'Monter une SCIC' });
  const [thread] = await db
    .insert(threads)
    .values({ subjectType: 'offer', offerId: offer.id, initiatorPoleId: from.pole.id, recipientPoleId: to.pole.id, title: 'Monter une SCIC' })
    .returning();
  threadId = thread!.id;
  // The thread's first message, already read by the reader.
  await db.insert(messages).values({ threadId, authorId: writer.id, authorPoleId: writerPoleId, body: 'Premier message, déjà lu.' });
  await readAll();
  // The read is stamped to the millisecond: let it pass, so a message written next comes after it
  // (the database's clock stamps messages; CI once wrote one in the read's own millisecond).
  await new Promise((resolve) => setTimeout(resolve, 2));
  context.jobs.unsent.length = 0;
});

/** The reader opens the thread: everything in it is read (as the thread page marks it). */
const readAll = async () => markRead(db, { userId: reader.id, threadId, seq: await threadLastSeq(db, threadId) });
const write = (body: string) =>
  postMessage(db, context, { threadId, poleId: writerPoleId, authorId: writer.id, body, clientKey: null, exemptFromSlowMode: false });
const digest = (now = new Date()) => sendThreadDigest(db, context, { userId: reader.id, threadId, now });
const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.to, email));

describe('conversation digests', () => {
  test('three messages in a row make one mail listing the three', async () => {
    await write('Deuxième message : nos statuts.');
    await write('Troisième message : notre gouvernance.');
    await write('Quatrième message : nos financements.');
    // Each message asked for a digest job for the other pole's admin (pg-boss debounces them).
    expect(context.jobs.unsent.filter((job) => job.name === digestJob).map((job) => job.data)).toEqual(Array(3).fill({ userId: reader.id, threadId }));
    expect(context.jobs.unsent[0]!.options).toMatchObject({ singletonKey: `${reader.id}:${threadId}`, singletonSeconds: 900, singletonNextSlot: true });

    expect(await digest()).toEqual({ status: 'mailed', count: 3 });
    const mails = await mailsTo(reader.email);
    expect(mails).toHaveLength(1);
    const [from] = await db.select({ name: users.name }).from(users).where(eq(users.id, writer.id));
    expect(mails[0]!.subject).toMatch(/^3 nouveaux messages de Figeacteurs \w+ : Monter une SCIC$/);
    expect(mails[0]!.text).toContain(`${from!.name}, le `);
    for (const body of ['Deuxième message : nos statuts.', 'Troisième message : notre gouvernance.', 'Quatrième message : nos financements.'])
      expect(mails[0]!.text).toContain(body);
    expect(mails[0]!.text).not.toContain('Premier message, déjà lu.');
    expect(mails[0]!.text).toContain(`${testOrigin}/conversations/${threadId}`);
    expect(mails[0]!.text).toContain(`« ${readerPoleName} »`);
    // A second job for the same messages (the next slot's) mails nothing.
    expect(await digest(new Date(Date.now() + minutes(16)))).toEqual({ status: 'nothing' });
    expect(await mailsTo(reader.email)).toHaveLength(1);
  });

  test('messages read on the site before the job runs are not mailed', async () => {
    await write('Un message lu aussitôt sur le site.');
    await readAll();
    expect(await digest()).toEqual({ status: 'nothing' });
    expect(await mailsTo(reader.email)).toEqual([]);
  });

  test('a message after the mail waits for the quarter hour to pass, then comes alone', async () => {
    await write('Avant le mail.');
    // The database stores microseconds and a Date only milliseconds: read in the same millisecond
    // as the write, « now » could fall before the message's own time. Let that millisecond pass.
    await new Promise((resolve) => setTimeout(resolve, 2));
    const first = new Date();
    expect(await digest(first)).toEqual({ status: 'mailed', count: 1 });
    await write('Juste après le mail.');
    const tooSoon = await digest(new Date(first.getTime() + minutes(5)));
    expect(tooSoon).toEqual({ status: 'too-soon', retryAt: new Date(first.getTime() + minutes(15)) });
    expect(await mailsTo(reader.email)).toHaveLength(1);
    expect(await digest(new Date(first.getTime() + minutes(15) + 1000))).toEqual({ status: 'mailed', count: 1 });
    const mails = await mailsTo(reader.email);
    expect(mails).toHaveLength(2);
    const latest = mails.find((mail) => mail.text.includes('Juste après le mail.'))!;
    expect(latest.subject).toMatch(/^Nouveau message de Figeacteurs/);
    expect(latest.text).not.toContain('Avant le mail.');
  });

  test('the mail is in the person’s language', async () => {
    await db.update(users).set({ language: 'en' }).where(eq(users.id, reader.id));
    await write('A message in French, read in an English mail.');
    await write('And a second one.');
    expect(await digest()).toEqual({ status: 'mailed', count: 2 });
    const [mail] = await mailsTo(reader.email);
    expect(mail!.subject).toMatch(/^2 new messages from Figeacteurs \w+: Monter une SCIC$/);
    expect(mail!.html).toContain('<html lang="en">');
  });

  test('the author’s own messages, hidden ones, and people no longer in the poles get nothing', async () => {
    await db.insert(messages).values({ threadId, authorId: writer.id, authorPoleId: writerPoleId, body: 'Masqué par la modération.', hiddenAt: new Date() });
    expect(await digest()).toEqual({ status: 'nothing' });
    expect(await sendThreadDigest(db, context, { userId: writer.id, threadId })).toEqual({ status: 'nothing' });
    const [row] = await db
      .select()
      .from(threadReaders)
      .where(and(eq(threadReaders.userId, reader.id), eq(threadReaders.threadId, threadId)));
    expect(row!.mailedAt).toBeNull();
  });
});
