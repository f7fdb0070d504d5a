import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { action as signIn, loader as signInPage } from '#app/routes/connexion';
import { action as signOut, loader as signOutPage } from '#app/routes/deconnexion';
import { hashToken } from '#app/utils/crypto.server';
import { sessions, users } from '#db/schema';
import { demoPassword } from '#db/seed/seed';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { cookieOf, flashOf, inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();

const signInWith = (form: Record<string, string>, options: { cookie?: string; headers?: Record<string, string> } = {}) =>
  settle(signIn(routeArgs(context, makeRequest('/connexion', { form, ...options }))));

const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

async function sessionRowsOf(email: string) {
  const [user] = await services.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return services.db.select().from(sessions).where(eq(sessions.userId, user!.id));
}

describe('sign-in page', () => {
  test('a visitor sees the form; a signed-in person is sent to their start page', async () => {
    expect((await settle(signInPage(routeArgs(context, makeRequest('/connexion'))))).status).toBe(200);
    const signedIn = await settle(signInPage(routeArgs(context, makeRequest('/connexion', { cookie: await cookieFor('membre@demo.ptce.fr') }))));
    expect(signedIn).toMatchObject({ status: 302, location: '/tableau-de-bord' });
    const posted = await signInWith({ email: 'membre@demo.ptce.fr', password: demoPassword }, { cookie: await cookieFor('membre@demo.ptce.fr') });
    expect(posted).toMatchObject({ status: 302, location: '/tableau-de-bord' });
  });

  test('the right password opens a new session stored only as the hash of its cookie', async () => {
    const before = await sessionRowsOf('figeacteurs@demo.ptce.fr');
    const outcome = await signInWith({ email: 'figeacteurs@demo.ptce.fr', password: demoPassword }, { headers: { 'User-Agent': 'Firefox de test' } });
    expect(outcome).toMatchObject({ status: 302, location: '/tableau-de-bord' });
    const setCookie = outcome.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/^ptce_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const token = tokenOf(cookieOf(outcome));
    const after = await sessionRowsOf('figeacteurs@demo.ptce.fr');
    expect(after).toHaveLength(before.length + 1);
    const created = after.find((row) => !before.some((old) => old.id === row.id))!;
    expect(created.id).toBe(hashToken(token));
    expect(created.userAgent).toBe('Firefox de test');
    expect(after.some((row) => row.id === token)).toBe(false);
  });

  test('the address is compared trimmed and lower-cased', async () => {
    const outcome = await signInWith({ email: '  Membre@DEMO.ptce.fr ', password: demoPassword });
    expect(outcome).toMatchObject({ status: 302, location: '/tableau-de-bord' });
  });

  test('a planted cookie is never promoted: the session token is always new', async () => {
    const outcome = await signInWith({ email: 'membre@demo.ptce.fr', password: demoPassword }, { cookie: 'ptce_session=planted-by-an-attacker' });
    expect(outcome.status).toBe(302);
    expect(tokenOf(cookieOf(outcome))).not.toBe('planted-by-an-attacker');
  });

  test('redirectTo is honoured only for a same-site path', async () => {
    const inside = await signInWith({ email: 'membre@demo.ptce.fr', password: demoPassword, redirectTo: '/poles/figeacteurs?onglet=offres' });
    expect(inside.location).toBe('/poles/figeacteurs?onglet=offres');
    for (const target of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const outside = await signInWith({ email: 'membre@demo.ptce.fr', password: demoPassword, redirectTo: target });
      expect(outside.location).toBe('/tableau-de-bord');
    }
  });

  test('a wrong password and an unknown address get the same message, and the password is not echoed', async () => {
    const wrongPassword = await signInWith({ email: 'coord.aura@demo.ptce.fr', password: 'not-the-password' });
    const unknownAddress = await signInWith({ email: 'nobody@demo.ptce.fr', password: 'not-the-password' });
    for (const outcome of [wrongPassword, unknownAddress]) {
      expect(outcome.status).toBe(400);
      expect(outcome.headers.get('Set-Cookie')).toBeNull();
      expect(outcome.data.result.error['']).toEqual(['account.signIn.invalidCredentials']);
      expect(outcome.data.result.initialValue).not.toHaveProperty('password');
      expect(JSON.stringify(outcome.data)).not.toContain('not-the-password');
    }
    expect(inFrench('account.signIn.invalidCredentials')).toBe('Adresse e-mail ou mot de passe incorrect.');
    expect(unknownAddress.data.result.error).toEqual(wrongPassword.data.result.error);
  });

  test('bad input is refused field by field, in French', async () => {
    const outcome = await signInWith({ email: 'pas-une-adresse', password: '' });
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error.email).toEqual(['fields.emailInvalid']);
    expect(outcome.data.result.error.password).toEqual(['fields.required']);
    expect(inFrench('fields.emailInvalid')).toMatch(/adresse e-mail valide/);
  });
});

describe('sign-out', () => {
  test('POST ends the session in the database and clears the cookie', async () => {
    const cookie = await cookieFor('membre@demo.ptce.fr');
    const outcome = await settle(signOut(routeArgs(context, makeRequest('/deconnexion', { form: {}, cookie }))));
    expect(outcome).toMatchObject({ status: 302, location: '/' });
    expect(outcome.headers.get('Set-Cookie')).toMatch(/^ptce_session=;.*Max-Age=0/);
    const [row] = await services.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(tokenOf(cookie))));
    expect(row).toBeUndefined();
    expect(await services.auth.getSession(makeRequest('/', { cookie }))).toBeNull();
    expect(await flashOf(outcome, context)).toEqual({ message: 'account.notices.signedOut' });
  });

  test('GET does not sign out: it goes home', async () => {
    const outcome = await settle(Promise.resolve(signOutPage()));
    expect(outcome).toMatchObject({ status: 302, location: '/' });
  });
});

describe('session lifetime', () => {
  test('a session unused past its idle expiry is gone', async () => {
    const cookie = await cookieFor('membre@demo.ptce.fr');
    await services.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, hashToken(tokenOf(cookie))));
    expect(await services.auth.getSession(makeRequest('/', { cookie }))).toBeNull();
  });

  test('a session older than the absolute lifetime ends even if used daily, and its row is deleted', async () => {
    const cookie = await cookieFor('membre@demo.ptce.fr');
    const id = hashToken(tokenOf(cookie));
    expect(await services.auth.getSession(makeRequest('/', { cookie }))).not.toBeNull();
    await services.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 61 * 24 * 60 * 60 * 1000) })
      .where(eq(sessions.id, id));
    expect(await services.auth.getSession(makeRequest('/', { cookie }))).toBeNull();
    expect(await services.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });
});

describe('cookie on an https site', async () => {
  const secure = await setupTestContext({ env: { APP_URL: 'https://erasmus.example' } });

  test('the cookie takes the __Host- prefix and Secure', async () => {
    const outcome = await settle(
      signIn(routeArgs(secure.context, makeRequest('/connexion', { form: { email: 'membre@demo.ptce.fr', password: demoPassword } }))),
    );
    expect(outcome.status).toBe(302);
    const setCookie = outcome.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/^__Host-ptce_session=[^;]+;/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/HttpOnly/);
  });
});
