import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { digestJob, scheduleDigests } from '#app/models/conversation-digests.server';
import { catalogueMail } from '#app/utils/mail.server';
import { outbox, threads } from '#db/schema';
import { setupTestContext } from '#tests/setup/context';
import { createOffer, createPoleWithMember } from '#tests/setup/market-factories';

/**
 * The job runner itself (pg-boss on this database: PGlite through the `db` adapter, or
 * PostgreSQL with TEST_DATABASE_URL). The only test file that starts a runner.
 */
const { services } = await setupTestContext();
const { db, jobs } = services;

const ran: Array<{ id: string; data: { n: number } }> = [];
let failures = 0;
jobs.define<{ n: number }>('test.echo', {
  pollingIntervalSeconds: 0.5,
  async handler(data, job) {
    ran.push({ id: job.id, data });
  },
});
jobs.define('test.broken', {
  queue: { retryLimit: 2, retryDelay: 1, retryBackoff: true },
  pollingIntervalSeconds: 0.5,
  async handler() {
    failures += 1;
    throw new Error('toujours en panne');
  },
});
await jobs.start();
afterAll(() => jobs.stop({ timeoutMs: 1000 }));

const boss = () => jobs.boss!;
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 8000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('jobs on pg-boss', () => {
  test('a job sent in a transaction exists only if the transaction commits, and runs once', async () => {
    await expect(
      db.transaction(async (tx) => {
        await jobs.send('test.echo', { n: 1 }, { tx });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const id = await db.transaction((tx) => jobs.send('test.echo', { n: 2 }, { tx }));
    expect(id).toEqual(expect.any(String));
    await until(async () => (await boss().getJobById('test.echo', id!))?.state === 'completed');
    expect(ran).toEqual([{ id, data: { n: 2 } }]);
  });

  test('a failing job is retried with back-off, then stays failed', async () => {
    const id = await jobs.send('test.broken', {});
    await until(async () => (await boss().getJobById('test.broken', id!))?.state === 'failed', 15_000);
    const job = await boss().getJobById('test.broken', id!);
    expect(failures).toBe(3);
    expect(job).toMatchObject({ retryCount: 2, retryLimit: 2, retryBackoff: true });
  }, 20_000);

  test('a queued mail is sent by its job once the transaction commits (kept locally without SMTP)', async () => {
    const mail = catalogueMail(
      'runner@example.fr',
      { subject: 'Par le runner', greeting: 'Bonjour', paragraphs: [], action: 'Ouvrir', footer: '' },
      'http://localhost/',
      {},
      'fr',
    );
    const id = await db.transaction((tx) => services.mailer.queue(tx, mail));
    await until(
      async () =>
        (
          await db
            .select({ status: outbox.status })
            .from(outbox)
            .where(sql`${outbox.id} = ${id}`)
        )[0]?.status === 'sent',
    );
    const [row] = await db
      .select()
      .from(outbox)
      .where(sql`${outbox.id} = ${id}`);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: expect.any(Date) });
  });

  test('digest jobs for one person and thread are debounced: a burst of messages makes at most two jobs per quarter hour', async () => {
    const { pole: from, user: author } = await createPoleWithMember(db, { verified: true, role: 'admin' });
    const { pole: to, user: admin } = await createPoleWithMember(db, { verified: true, role: 'admin' });
    const offer = await createOffer(db, { poleId: to.id });
    const [thread] = await db
      .insert(threads)
      .values({ subjectType: 'offer', offerId: offer.id, initiatorPoleId: from.id, recipientPoleId: to.id, title: 'Rafale' })
      .returning();
    for (let index = 0; index < 5; index += 1) {
      await db.transaction((tx) => scheduleDigests(tx, jobs, { threadId: thread!.id, fromPoleId: from.id, authorId: author.id }));
    }
    const rows = await db.execute(
      sql`select count(*)::int as total from pgboss.job where name = ${digestJob} and singleton_key = ${`${admin.id}:${thread!.id}`}`,
    );
    const total = (Array.isArray(rows) ? rows : (rows as unknown as { rows: Array<{ total: number }> }).rows)[0] as { total: number };
    expect(total.total).toBeGreaterThanOrEqual(1);
    expect(total.total).toBeLessThanOrEqual(2);
  });

  test('the recurring jobs are scheduled', async () => {
    const schedules = (await boss().getSchedules()).map((schedule) => [schedule.name, schedule.cron]);
    expect(schedules).toEqual(
      expect.arrayContaining([
        ['mail.relay', '*/5 * * * *'],
        ['cleanup.expired', '17 * * * *'],
        ['pairing.follow-up', '41 * * * *'],
      ]),
    );
  });
});
