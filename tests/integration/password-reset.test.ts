import { desc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { action as forgotPassword, loader as forgotPage } from '#app/routes/mot-de-passe-oublie';
import { action as resetAction, loader as resetPage } from '#app/routes/reinitialiser.$token';
import { hashToken } from '#app/utils/crypto.server';
import { verifyPassword } from '#app/utils/password.server';
import { outbox, passwordResets, sessions, users } from '#db/schema';
import { createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flushOutbox } from '#tests/setup/jobs';
import { cookieOf, inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const { db } = services;

let counter = 0;
/** A person of their own for each test, so tests never share reset links or sessions. */
async function newPerson() {
  counter += 1;
  return createUser(db, { email: `reset-${counter}@example.fr`, name: `Personne ${counter}`, password: 'ancien-mot-de-passe' });
}

// Each request comes from its own client address: rate limits have their own test file.
let requestCounter = 0;
const ask = (email: string, cookie?: string) =>
  settle(forgotPassword(routeArgs({ ...context, clientIp: `10.1.0.${++requestCounter}` }, makeRequest('/mot-de-passe-oublie', { form: { email }, cookie }))));
const openLink = (token: string) => settle(resetPage(routeArgs(context, makeRequest(`/reinitialiser/${token}`), { token })));
const submit = (token: string, form: Record<string, string>) =>
  settle(
    resetAction(
      routeArgs(
        { ...context, clientIp: `10.1.1.${++requestCounter}` },
        makeRequest(`/reinitialiser/${token}`, { form, headers: { 'User-Agent': 'reset-test' } }),
        { token },
      ),
    ),
  );

async function mailsTo(email: string) {
  // Mails leave after the answer: wait for them as a mailbox would.
  await flushOutbox(services);
  return db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt));
}

/** Asks for a link and reads it from the local outbox, as a person would from their mailbox. */
async function linkFor(email: string): Promise<string> {
  expect((await ask(email)).status).toBe(200);
  const [mail] = await mailsTo(email);
  const match = mail!.text.match(/http:\/\/localhost:3000\/reinitialiser\/([A-Za-z0-9_-]+)/);
  expect(match).not.toBeNull();
  return match![1]!;
}

const newPassword = 'un nouveau mot de passe solide';

describe('asking for a reset link', () => {
  test('only signed-out visitors use the page', async () => {
    expect((await settle(forgotPage(routeArgs(context, makeRequest('/mot-de-passe-oublie'))))).status).toBe(200);
    const cookie = await cookieFor('membre@demo.ptce.fr');
    expect(await settle(forgotPage(routeArgs(context, makeRequest('/mot-de-passe-oublie', { cookie }))))).toMatchObject({
      status: 302,
      location: '/tableau-de-bord',
    });
    expect(await ask('membre@demo.ptce.fr', cookie)).toMatchObject({ status: 302, location: '/tableau-de-bord' });
  });

  test('an existing account gets a French mail with a single link; only its hash is stored, for one hour', async () => {
    const person = await newPerson();
    const outcome = await ask(`  ${person.email.toUpperCase()} `);
    expect(outcome.status).toBe(200);
    expect(outcome.data.success).toBe('account.forgot.sent');
    const [mail] = await mailsTo(person.email);
    expect(mail!.subject).toBe('Choisir un nouveau mot de passe Erasmus PTCE');
    expect(mail!.text).toContain('Bonjour Personne');
    expect(mail!.html).toContain('lang="fr"');
    const token = mail!.text.match(/\/reinitialiser\/([A-Za-z0-9_-]+)/)![1]!;
    expect(mail!.html).toContain(`http://localhost:3000/reinitialiser/${token}`);
    const rows = await db.select().from(passwordResets).where(eq(passwordResets.userId, person.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const lifetime = rows[0]!.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  test('an unknown address gets the same answer, and no mail nor link is made', async () => {
    const known = await newPerson();
    const [forKnown, forUnknown] = [await ask(known.email), await ask('personne-inconnue@example.fr')];
    expect(forUnknown.status).toBe(200);
    expect(forUnknown.data.success).toBe(forKnown.data.success);
    expect(inFrench(forUnknown.data.success)).toMatch(/^Si un compte existe pour cette adresse/);
    expect(await mailsTo('personne-inconnue@example.fr')).toHaveLength(0);
  });

  test('a malformed address is refused on its field', async () => {
    const outcome = await ask('pas une adresse');
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error.email).toEqual(['fields.emailInvalid']);
  });

  test('a new link replaces the older unused one', async () => {
    const person = await newPerson();
    const first = await linkFor(person.email);
    const second = await linkFor(person.email);
    expect((await openLink(first)).status).toBe(400);
    expect((await openLink(second)).data.state).toBe('valid');
  });
});

describe('using a reset link', () => {
  test('unknown, expired and used links each get a French explanation', async () => {
    const unknown = await openLink('no-such-token');
    expect(unknown).toMatchObject({ status: 400, data: { state: 'invalid' } });

    const person = await newPerson();
    const expired = await linkFor(person.email);
    await db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.tokenHash, hashToken(expired)));
    expect(await openLink(expired)).toMatchObject({ status: 410, data: { state: 'expired' } });
    expect(await submit(expired, { password: newPassword, confirmPassword: newPassword })).toMatchObject({ status: 410, data: { state: 'expired' } });

    const used = await linkFor(person.email);
    expect((await submit(used, { password: newPassword, confirmPassword: newPassword })).status).toBe(302);
    expect(await openLink(used)).toMatchObject({ status: 410, data: { state: 'used' } });
    expect(await submit(used, { password: `${newPassword}!`, confirmPassword: `${newPassword}!` })).toMatchObject({ status: 410, data: { state: 'used' } });
    expect(inFrench('account.reset.problem.used')).toMatch(/déjà servi/);
  });

  test('bad passwords are refused on their fields and never echoed', async () => {
    const person = await newPerson();
    const token = await linkFor(person.email);
    const short = await submit(token, { password: 'court', confirmPassword: 'court' });
    expect(short.status).toBe(400);
    expect(short.data.result.error.password).toEqual(['fields.passwordTooShort']);
    expect(short.data.result.initialValue).not.toHaveProperty('password');
    const different = await submit(token, { password: newPassword, confirmPassword: 'autre chose encore' });
    expect(different.data.result.error.confirmPassword).toEqual(['fields.passwordsDiffer']);
    expect((await openLink(token)).data.state).toBe('valid');
  });

  test('success: new password, every old session ended, signed in with a new session', async () => {
    const person = await newPerson();
    const oldCookie = await cookieFor(person.email);
    const token = await linkFor(person.email);
    const outcome = await submit(token, { password: newPassword, confirmPassword: newPassword });
    expect(outcome).toMatchObject({ status: 302, location: '/tableau-de-bord' });
    expect(await services.auth.getSession(makeRequest('/', { cookie: oldCookie }))).toBeNull();
    const session = await services.auth.getSession(makeRequest('/', { cookie: cookieOf(outcome) }));
    expect(session?.user.id).toBe(person.id);
    const remaining = await db.select().from(sessions).where(eq(sessions.userId, person.id));
    expect(remaining.map((row) => row.userAgent)).toEqual(['reset-test']);
    const [user] = await db.select().from(users).where(eq(users.id, person.id));
    expect(await verifyPassword(user!.passwordHash, newPassword)).toBe(true);
    const [reset] = await db
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, hashToken(token)));
    expect(reset!.usedAt).not.toBeNull();
  });

  test('two simultaneous submissions of one link: exactly one succeeds', async () => {
    const person = await newPerson();
    const token = await linkFor(person.email);
    const outcomes = await Promise.all([
      submit(token, { password: `${newPassword} A`, confirmPassword: `${newPassword} A` }),
      submit(token, { password: `${newPassword} B`, confirmPassword: `${newPassword} B` }),
    ]);
    const statuses = outcomes.map((outcome) => outcome.status).sort();
    expect(statuses).toEqual([302, 410]);
    const winner = outcomes.find((outcome) => outcome.status === 302)!;
    const winningPassword = outcomes.indexOf(winner) === 0 ? `${newPassword} A` : `${newPassword} B`;
    const [user] = await db.select().from(users).where(eq(users.id, person.id));
    expect(await verifyPassword(user!.passwordHash, winningPassword)).toBe(true);
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(1);
  });

  test('a signed-in person is sent to their account page instead', async () => {
    const person = await newPerson();
    const token = await linkFor(person.email);
    const cookie = await cookieFor(person.email);
    const outcome = await settle(resetPage(routeArgs(context, makeRequest(`/reinitialiser/${token}`, { cookie }), { token })));
    expect(outcome).toMatchObject({ status: 302, location: '/tableau-de-bord' });
  });
});
