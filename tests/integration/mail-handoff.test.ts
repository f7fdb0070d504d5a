import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { action as forgotPassword } from '#app/routes/mot-de-passe-oublie';
import { action as membersAction } from '#app/routes/poles.$slug_.membres';
import type { Mail } from '#app/utils/mail.server';
import { invitations, outbox } from '#db/schema';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flushOutbox, mailerSendingWith } from '#tests/setup/jobs';
import { settle } from '#tests/setup/responses';

const { context, services, cookieFor, logs } = await setupTestContext();

/** A mail server that takes half a second per mail, as a slow SMTP relay would. */
function slowMailer() {
  const delivered: Mail[] = [];
  const mailer = mailerSendingWith(services, async (mail) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    delivered.push(mail);
  });
  return { mailer, delivered };
}

let addressCounter = 0;
async function timed<T>(run: () => Promise<T>): Promise<{ outcome: T; ms: number }> {
  const started = performance.now();
  const outcome = await run();
  return { outcome, ms: performance.now() - started };
}

describe('the reset request does not wait for the mail (it is queued in the outbox)', () => {
  test('an existing and an unknown address are answered alike, well under the mail server’s 500 ms; the mail still leaves', async () => {
    const { mailer, delivered } = slowMailer();
    const ask = (email: string) =>
      timed(() =>
        settle(
          forgotPassword(routeArgs({ ...context, mailer, clientIp: `10.4.0.${++addressCounter}` }, makeRequest('/mot-de-passe-oublie', { form: { email } }))),
        ),
      );
    // Warm-up: the first request of a file also loads modules and the catalogues.
    await ask('echauffement@example.fr');

    const existing = await ask('figeacteurs@demo.ptce.fr');
    const unknown = await ask('personne-inconnue@example.fr');
    for (const answer of [existing, unknown]) {
      expect(answer.outcome.status).toBe(200);
      expect(answer.outcome.data.success).toBe('account.forgot.sent');
      expect(answer.ms).toBeLessThan(250);
    }
    expect(existing.outcome.data).toEqual(unknown.outcome.data);
    // Answered before the mail server was done...
    expect(delivered).toEqual([]);
    // ...which then delivers the one mail, to the existing account only.
    await flushOutbox(services, mailer);
    expect(delivered.map((mail) => mail.to)).toEqual(['figeacteurs@demo.ptce.fr']);
    expect(delivered[0]!.text).toMatch(/\/reinitialiser\/[A-Za-z0-9_-]+/);
  });

  test('a mail that fails after the answer is logged and kept for a retry, never thrown at anyone', async () => {
    const mailer = mailerSendingWith(services, () => Promise.reject(new Error('SMTP indisponible')));
    const before = logs.length;
    const outcome = await settle(
      forgotPassword(
        routeArgs(
          { ...context, mailer, clientIp: `10.4.0.${++addressCounter}` },
          makeRequest('/mot-de-passe-oublie', { form: { email: 'membre@demo.ptce.fr' } }),
        ),
      ),
    );
    expect(outcome.status).toBe(200);
    await flushOutbox(services, mailer);
    expect(logs.slice(before)).toEqual([
      expect.objectContaining({ level: 40, msg: 'mail not sent, will retry', err: expect.objectContaining({ message: 'SMTP indisponible' }) }),
    ]);
    expect(await services.db.select().from(outbox).where(eq(outbox.to, 'membre@demo.ptce.fr'))).toEqual([
      expect.objectContaining({ status: 'queued', attempts: 1, lastError: 'SMTP indisponible' }),
    ]);
  });
});

describe('invitations do not wait for the mail either', () => {
  test('the invitation is stored and answered at once; the mail follows', async () => {
    const { mailer, delivered } = slowMailer();
    const cookie = await cookieFor('figeacteurs@demo.ptce.fr');
    const answer = await timed(() =>
      settle(
        membersAction(
          routeArgs(
            { ...context, mailer },
            makeRequest('/poles/figeacteurs/membres', { cookie, form: { intent: 'invite-member', email: 'lente@example.fr' } }),
            { slug: 'figeacteurs' },
          ),
        ),
      ),
    );
    expect(answer.outcome).toMatchObject({ status: 200, data: { success: 'account.invite.sent' } });
    expect(answer.ms).toBeLessThan(250);
    expect(await services.db.select().from(invitations).where(eq(invitations.email, 'lente@example.fr'))).toHaveLength(1);
    expect(delivered).toEqual([]);
    await flushOutbox(services, mailer);
    expect(delivered.map((mail) => mail.to)).toEqual(['lente@example.fr']);
  });
});
