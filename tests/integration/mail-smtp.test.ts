import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { catalogueMail, createMailer, queueMail } from '#app/utils/mail.server';
import { outbox } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';

/**
 * The outbox against a real SMTP server (smtp-server, on a free port): delivery, a retry after
 * the server refused the first try, and never a mail twice.
 */
const { services } = await setupTestContext();
const { db } = services;

type Received = { to: string[]; raw: string };
const received: Received[] = [];
let refuseNext = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onRcptTo(_address, _session, callback) {
    if (refuseNext > 0) {
      refuseNext -= 1;
      const error = Object.assign(new Error('Boîte pleine, réessayez plus tard'), { responseCode: 451 });
      return callback(error);
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((address) => address.address), raw: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const port = (server.server.address() as AddressInfo).port;

const mailer = createMailer({
  db,
  jobs: services.jobs,
  smtpUrl: `smtp://127.0.0.1:${port}`,
  from: 'Erasmus PTCE <ne-pas-repondre@erasmus-ptce.fr>',
  logger: services.logger,
});
const mailTo = (to: string, subject: string) =>
  catalogueMail(to, { subject, greeting: 'Bonjour,', paragraphs: ['Un essai.'], action: 'Ouvrir', footer: '' }, 'http://localhost:3000/', {}, 'fr');
const rowOf = async (id: string) => (await db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

beforeEach(() => {
  received.length = 0;
  refuseNext = 0;
});

describe('mail through the outbox and SMTP', () => {
  test('a queued mail is delivered once: sending it again, or flushing again, sends nothing more', async () => {
    const id = await db.transaction((tx) => mailer.queue(tx, mailTo('livree@example.fr', 'Livrée')));
    expect(await rowOf(id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await mailer.deliver(id)).toBe('sent');
    expect(await mailer.deliver(id)).toBe('sent');
    expect(await mailer.flush()).toMatchObject({ sent: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['livree@example.fr']);
    expect(received[0]!.raw).toContain('Subject: =?UTF-8?Q?Livr=C3=A9e?=');
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: expect.any(Date) });
  });

  test('refused once (451), the mail waits for its retry, then leaves once', async () => {
    refuseNext = 1;
    const id = await db.transaction((tx) => mailer.queue(tx, mailTo('retardee@example.fr', 'Retardée')));
    expect(await mailer.deliver(id)).toBe('retry');
    const refused = await rowOf(id);
    expect(refused).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringContaining('451') });
    // Not before its back-off: a job retried too early (or the relay) does not send it.
    expect(await mailer.deliver(id)).toBe('not-due');
    expect(received).toHaveLength(0);
    await db
      .update(outbox)
      .set({ availableAt: sql`now()` })
      .where(eq(outbox.id, id));
    expect(await mailer.deliver(id)).toBe('sent');
    expect(received.map((mail) => mail.to)).toEqual([['retardee@example.fr']]);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  test('two senders at once (a retried job and the relay, two processes) send it once', async () => {
    const id = await db.transaction((tx) => mailer.queue(tx, mailTo('une-fois@example.fr', 'Une fois')));
    const outcomes = await Promise.all([mailer.deliver(id), mailer.deliver(id), mailer.deliver(id)]);
    // One claims it; the others find it held ('not-due') or already sent.
    expect(outcomes).toContain('sent');
    expect(outcomes.every((outcome) => outcome === 'sent' || outcome === 'not-due')).toBe(true);
    expect(received).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  test('a mail whose job was lost is sent by the relay once nobody has tried it for a quarter hour', async () => {
    // queueMail alone: the outbox row without its job (a purged queue, a restored database).
    const lost = await db.transaction((tx) => queueMail(tx, mailTo('perdue@example.fr', 'Perdue')));
    const fresh = await db.transaction((tx) => queueMail(tx, mailTo('fraiche@example.fr', 'Fraîche')));
    await db
      .update(outbox)
      .set({ availableAt: sql`now() - interval '16 minutes'` })
      .where(eq(outbox.id, lost));
    expect(await mailer.flush({ staleOnly: true })).toMatchObject({ sent: 1 });
    expect(received.map((mail) => mail.to)).toEqual([['perdue@example.fr']]);
    expect(await rowOf(fresh)).toMatchObject({ status: 'queued', attempts: 0 });
    await mailer.deliver(fresh);
  });

  test('a transaction that rolls back leaves no mail', async () => {
    await expect(
      db.transaction(async (tx) => {
        await mailer.queue(tx, mailTo('jamais@example.fr', 'Jamais'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.select().from(outbox).where(eq(outbox.to, 'jamais@example.fr'))).toEqual([]);
    expect(await mailer.flush()).toMatchObject({ sent: 0 });
    expect(received).toEqual([]);
  });

  test('refused at every try, the mail ends failed with its error', async () => {
    refuseNext = 100;
    const id = await db.transaction((tx) => mailer.queue(tx, mailTo('refusee@example.fr', 'Refusée')));
    const outcomes = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      outcomes.push(await mailer.deliver(id));
      await db
        .update(outbox)
        .set({ availableAt: sql`now()` })
        .where(eq(outbox.id, id));
    }
    expect(outcomes).toEqual(['retry', 'retry', 'retry', 'retry', 'retry', 'failed']);
    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 6, lastError: expect.stringContaining('451') });
    expect(await mailer.deliver(id)).toBe('failed');
    expect(received).toEqual([]);
  });
});
