import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createInvitation } from '#app/models/invitations.server';
import { action as accountAction } from '#app/routes/compte';
import { action as signIn } from '#app/routes/connexion';
import { action as invitationAction } from '#app/routes/invitation.$token';
import { action as forgotPassword } from '#app/routes/mot-de-passe-oublie';
import { action as resetAction } from '#app/routes/reinitialiser.$token';
import { hashToken } from '#app/utils/crypto.server';
import * as passwords from '#app/utils/password.server';
import { invitations, outbox, passwordResets, poles, users } from '#db/schema';
import { createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flushOutbox } from '#tests/setup/jobs';
import { settle } from '#tests/setup/responses';

// The real argon2 functions, watched: the point is to see when the server pays for them. Spies
// (not a module mock) on the module every caller reads its functions from, removed with the file.
const hashed = vi.spyOn(passwords, 'hashPassword');
const verified = vi.spyOn(passwords, 'verifyPassword');
afterAll(() => {
  hashed.mockRestore();
  verified.mockRestore();
});

const { context, services, cookieFor } = await setupTestContext();
const { db } = services;

beforeEach(() => {
  hashed.mockClear();
  verified.mockClear();
});

// Each request from its own client address: the counters have their own tests (rate-limit.test.ts).
let addressCounter = 0;
const fromNewAddress = () => ({ ...context, clientIp: `10.3.0.${++addressCounter}` });
const password = 'un mot de passe solide';

const submitReset = (token: string) =>
  settle(resetAction(routeArgs(fromNewAddress(), makeRequest(`/reinitialiser/${token}`, { form: { password, confirmPassword: password } }), { token })));
const submitInvitation = (token: string) =>
  settle(
    invitationAction(
      routeArgs(
        fromNewAddress(),
        makeRequest(`/invitation/${token}`, { form: { intent: 'create-account', name: 'Nouvelle Personne', password, confirmPassword: password } }),
        {
          token,
        },
      ),
    ),
  );

async function resetLinkFor(email: string): Promise<string> {
  expect((await settle(forgotPassword(routeArgs(fromNewAddress(), makeRequest('/mot-de-passe-oublie', { form: { email } }))))).status).toBe(200);
  await flushOutbox(services);
  const [mail] = await db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt));
  return mail!.text.match(/\/reinitialiser\/([A-Za-z0-9_-]+)/)![1]!;
}

async function invitationFor(email: string): Promise<string> {
  const [pole] = await db.select().from(poles).where(eq(poles.slug, 'figeacteurs'));
  const [inviter] = await db.select().from(users).where(eq(users.email, 'figeacteurs@demo.ptce.fr'));
  const outcome = await createInvitation(db, services, {
    inviterId: inviter!.id,
    email,
    target: { role: 'pole_member', poleId: pole!.id },
    appUrl: context.env.appUrl,
  });
  expect(outcome.status).toBe('sent');
  await flushOutbox(services);
  const [mail] = await db.select().from(outbox).where(eq(outbox.to, email));
  return mail!.text.match(/\/invitation\/([A-Za-z0-9_-]+)/)![1]!;
}

describe('a new password is hashed only for a link that works', () => {
  test('reset: unknown, expired and used links are answered without hashing; a valid one hashes once', async () => {
    expect(await submitReset('lien-inconnu')).toMatchObject({ status: 400, data: { state: 'invalid' } });
    const person = await createUser(db, { email: 'hachage@example.fr', name: 'Hachage', password: 'ancien mot de passe' });
    hashed.mockClear(); // the factory hashes too
    const expired = await resetLinkFor(person.email);
    await db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.tokenHash, hashToken(expired)));
    expect((await submitReset(expired)).status).toBe(410);
    expect(hashed).not.toHaveBeenCalled();

    const valid = await resetLinkFor(person.email);
    expect((await submitReset(valid)).status).toBe(302);
    expect(hashed).toHaveBeenCalledTimes(1);
    hashed.mockClear();
    expect(await submitReset(valid)).toMatchObject({ status: 410, data: { state: 'used' } });
    expect(hashed).not.toHaveBeenCalled();
  });

  test('invitation: unknown, expired and used links, and an address that has an account, are answered without hashing', async () => {
    expect(await submitInvitation('invitation-inconnue')).toMatchObject({ status: 400, data: { state: 'invalid' } });
    const expired = await invitationFor('expiree@example.fr');
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.tokenHash, hashToken(expired)));
    expect((await submitInvitation(expired)).status).toBe(410);
    const taken = await invitationFor('deja-inscrite@example.fr');
    await createUser(db, { email: 'deja-inscrite@example.fr', name: 'Déjà Inscrite', password: 'un autre mot de passe' });
    hashed.mockClear(); // the factory hashes too
    expect((await submitInvitation(taken)).status).toBe(409);
    expect(hashed).not.toHaveBeenCalled();

    const valid = await invitationFor('bienvenue@example.fr');
    expect((await submitInvitation(valid)).status).toBe(302);
    expect(hashed).toHaveBeenCalledTimes(1);
    hashed.mockClear();
    expect((await submitInvitation(valid)).status).toBe(410);
    expect(hashed).not.toHaveBeenCalled();
  });

  test('the password change hashes only once the current password is proven', async () => {
    const person = await createUser(db, { email: 'changement@example.fr', name: 'Changement', password: 'ancien mot de passe' });
    const cookie = await cookieFor(person.email);
    hashed.mockClear(); // the factory hashes too
    const change = (currentPassword: string) =>
      settle(
        accountAction(
          routeArgs(
            fromNewAddress(),
            makeRequest('/compte', { cookie, form: { intent: 'change-password', currentPassword, password, confirmPassword: password } }),
          ),
        ),
      );
    expect((await change('pas le bon mot de passe')).status).toBe(400);
    expect(hashed).not.toHaveBeenCalled();
    expect((await change('ancien mot de passe')).data.success).toBe('account.password.changed');
    expect(hashed).toHaveBeenCalledTimes(1);
  });
});

describe('a refused sign-in checks no password', () => {
  test('once the address is refused, further attempts never reach argon2', async () => {
    const clientIp = '10.3.1.1';
    const attempt = () =>
      settle(signIn(routeArgs({ ...context, clientIp }, makeRequest('/connexion', { form: { email: 'cible@example.fr', password: 'mauvais mot de passe' } }))));
    for (let index = 0; index < 5; index += 1) expect((await attempt()).status).toBe(400);
    expect(verified).toHaveBeenCalledTimes(5);
    verified.mockClear();
    for (let index = 0; index < 20; index += 1) expect((await attempt()).status).toBe(429);
    expect(verified).not.toHaveBeenCalled();
  });
});
