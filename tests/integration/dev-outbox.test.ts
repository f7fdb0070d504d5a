import { describe, expect, test } from 'vitest';
import { loader as outboxPage } from '#app/routes/dev.outbox';
import { outbox } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';

describe('/dev/outbox', async () => {
  const { context, services } = await setupTestContext();

  test('lists the kept mails, newest first, with their text', async () => {
    await services.db.insert(outbox).values([
      { to: 'a@example.fr', subject: 'Ancien', text: 'Lien : http://localhost:3000/invitation/abc', html: '<p></p>', createdAt: new Date(Date.now() - 60_000) },
      { to: 'b@example.fr', subject: 'Récent', text: 'Bonjour', html: '<p></p>' },
    ]);
    const page = await settle(outboxPage(routeArgs(context, makeRequest('/dev/outbox'))));
    expect(page.status).toBe(200);
    expect(page.data.mails.map((mail: { subject: string }) => mail.subject)).toEqual(['Récent', 'Ancien']);
    expect(page.data.mails[1]).toMatchObject({ to: 'a@example.fr', text: 'Lien : http://localhost:3000/invitation/abc', createdAt: expect.any(Date) });
  });

  test('shows each mail’s state: queued, sent, or failed with its tries and last error', async () => {
    await services.db.insert(outbox).values([
      { to: 'echec@example.fr', subject: 'En échec', text: 't', html: '', status: 'failed', attempts: 6, lastError: '451 Boîte pleine' },
      { to: 'attente@example.fr', subject: 'En attente', text: 't', html: '' },
    ]);
    const page = await settle(outboxPage(routeArgs(context, makeRequest('/dev/outbox'))));
    const bySubject = (subject: string) => page.data.mails.find((mail: { subject: string }) => mail.subject === subject);
    expect(bySubject('En échec')).toMatchObject({ status: 'failed', attempts: 6, lastError: '451 Boîte pleine', sentAt: null });
    expect(bySubject('En attente')).toMatchObject({ status: 'queued', attempts: 0, lastError: null });
  });
});

describe('/dev/outbox in production', async () => {
  const production = await setupTestContext({ env: { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) } });

  test('does not exist', async () => {
    await production.services.db.insert(outbox).values({ to: 'a@example.fr', subject: 'Secret', text: 'http://x/reinitialiser/secret', html: '' });
    const page = await settle(outboxPage(routeArgs(production.context, makeRequest('/dev/outbox'))));
    expect(page.status).toBe(404);
    expect(page.data).toBeNull();
  });
});
