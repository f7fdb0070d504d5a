import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { action as accountAction, loader as accountPage } from '#app/routes/compte';
import { hashToken } from '#app/utils/crypto.server';
import { verifyPassword } from '#app/utils/password.server';
import { sessions, users } from '#db/schema';
import { createUser } from '#db/seed/factories';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { inFrench, settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const { db } = services;

const view = (cookie?: string) => settle(accountPage(routeArgs(context, makeRequest('/compte', { cookie }))));
const post = (cookie: string | undefined, form: Record<string, string>) => settle(accountAction(routeArgs(context, makeRequest('/compte', { form, cookie }))));
const sessionIdOf = (cookie: string) => hashToken(cookie.slice(cookie.indexOf('=') + 1));

let counter = 0;
async function newPerson(password = 'ancien mot de passe') {
  counter += 1;
  return createUser(db, { email: `compte-${counter}@example.fr`, name: `Titulaire ${counter}`, password });
}

describe('/compte', () => {
  test('a visitor is sent to sign in and brought back', async () => {
    expect(await view()).toMatchObject({ status: 302, location: '/connexion?redirectTo=%2Fcompte' });
    expect(await post(undefined, { intent: 'end-other-sessions' })).toMatchObject({ status: 302, location: '/connexion?redirectTo=%2Fcompte' });
  });

  test('shows the person, their poles with role, and their roles', async () => {
    const admin = await view(await cookieFor('figeacteurs@demo.ptce.fr'));
    expect(admin.status).toBe(200);
    expect(admin.data.user).toMatchObject({ name: 'Claire Dubois (démo)', email: 'figeacteurs@demo.ptce.fr', isNationalAdmin: false });
    expect(admin.data.memberships).toEqual([{ slug: 'figeacteurs', name: expect.stringMatching(/Figeacteurs/i), role: 'admin' }]);
    expect(admin.data.coordinatedBodies).toEqual([]);

    const member = await view(await cookieFor('membre@demo.ptce.fr'));
    expect(member.data.memberships).toEqual([expect.objectContaining({ slug: 'figeacteurs', role: 'member' })]);

    const coordinator = await view(await cookieFor('coord.occitanie@demo.ptce.fr'));
    expect(coordinator.data.coordinatedBodies).toEqual([
      { id: expect.any(String), name: 'CRESS Occitanie', regions: [{ name: 'Occitanie', nameEn: 'Occitania' }] },
    ]);

    const national = await view(await cookieFor('admin@demo.ptce.fr'));
    expect(national.data.user.isNationalAdmin).toBe(true);

    const observer = await view(await cookieFor('observateur@demo.ptce.fr'));
    expect(observer.data.user).toMatchObject({ isNationalObserver: true, isNationalAdmin: false });
    expect(admin.data.user.isNationalObserver).toBe(false);
  });

  test('lists the open sessions with their browser and system in words and marks this one', async () => {
    const person = await newPerson();
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
    const other = (await services.auth.createSessionCookie(person.id, firefox)).split(';')[0]!;
    const mine = await cookieFor(person.email);
    const page = await view(mine);
    expect(page.data.sessions).toHaveLength(2);
    expect(page.data.sessions.find((open: { current: boolean }) => open.current)).toMatchObject({
      id: sessionIdOf(mine),
      device: { browser: null, system: null },
      createdAt: expect.any(Date),
    });
    expect(page.data.sessions.find((open: { current: boolean }) => !open.current)).toMatchObject({
      id: sessionIdOf(other),
      device: { browser: 'Firefox 128', system: 'Windows 10' },
    });
    // The raw User-Agent header stays on the server.
    expect(JSON.stringify(page.data.sessions)).not.toContain('Gecko');
  });
});

describe('ending sessions', () => {
  test('the owner ends one of their other sessions', async () => {
    const person = await newPerson();
    const other = await cookieFor(person.email);
    const mine = await cookieFor(person.email);
    const outcome = await post(mine, { intent: 'end-session', sessionId: sessionIdOf(other) });
    expect(outcome).toMatchObject({ status: 200, data: { success: 'account.sessions.ended' } });
    expect(await services.auth.getSession(makeRequest('/', { cookie: other }))).toBeNull();
    expect(await services.auth.getSession(makeRequest('/', { cookie: mine }))).not.toBeNull();
  });

  test("someone else's session is not found and stays open", async () => {
    const victim = await newPerson();
    const victimCookie = await cookieFor(victim.email);
    const attacker = await newPerson();
    const outcome = await post(await cookieFor(attacker.email), { intent: 'end-session', sessionId: sessionIdOf(victimCookie) });
    expect(outcome.status).toBe(404);
    expect(await services.auth.getSession(makeRequest('/', { cookie: victimCookie }))).not.toBeNull();
  });

  test('"sign out everywhere else" keeps only this session', async () => {
    const person = await newPerson();
    const others = [await cookieFor(person.email), await cookieFor(person.email)];
    const mine = await cookieFor(person.email);
    const bystander = await cookieFor('membre@demo.ptce.fr');
    const outcome = await post(mine, { intent: 'end-other-sessions' });
    expect(outcome.data.success).toBe('account.sessions.endedOthers');
    const remaining = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, person.id));
    expect(remaining.map((row) => row.id)).toEqual([sessionIdOf(mine)]);
    for (const cookie of others) expect(await services.auth.getSession(makeRequest('/', { cookie }))).toBeNull();
    expect(await services.auth.getSession(makeRequest('/', { cookie: bystander }))).not.toBeNull();
  });

  test('an unknown intent is a bad request', async () => {
    expect((await post(await cookieFor('membre@demo.ptce.fr'), { intent: 'delete-everything' })).status).toBe(400);
  });
});

describe('changing the password', () => {
  const hidden = ['currentPassword', 'password', 'confirmPassword'];

  test('bad input is refused on the right field, passwords never echoed', async () => {
    const person = await newPerson();
    const cookie = await cookieFor(person.email);
    const short = await post(cookie, { intent: 'change-password', currentPassword: 'ancien mot de passe', password: 'court', confirmPassword: 'court' });
    expect(short.status).toBe(400);
    expect(short.data.result.error.password).toEqual(['fields.passwordTooShort']);
    expect(inFrench('fields.passwordTooShort')).toBe('Le mot de passe doit contenir au moins 12 caractères.');
    for (const field of hidden) expect(short.data.result.initialValue).not.toHaveProperty(field);

    const different = await post(cookie, {
      intent: 'change-password',
      currentPassword: 'ancien mot de passe',
      password: 'nouveau mot de passe',
      confirmPassword: 'autre mot de passe',
    });
    expect(different.data.result.error.confirmPassword).toEqual(['fields.passwordsDiffer']);

    const missing = await post(cookie, { intent: 'change-password', password: 'nouveau mot de passe', confirmPassword: 'nouveau mot de passe' });
    expect(missing.data.result.error.currentPassword).toEqual(['fields.required']);
  });

  test('a wrong current password is refused on its field and changes nothing', async () => {
    const person = await newPerson();
    const other = await cookieFor(person.email);
    const outcome = await post(await cookieFor(person.email), {
      intent: 'change-password',
      currentPassword: 'pas le bon mot de passe',
      password: 'nouveau mot de passe',
      confirmPassword: 'nouveau mot de passe',
    });
    expect(outcome.status).toBe(400);
    expect(outcome.data.result.error.currentPassword).toEqual(['account.password.wrongCurrent']);
    expect(inFrench('account.password.wrongCurrent')).toBe('Le mot de passe actuel est incorrect.');
    const [user] = await db.select().from(users).where(eq(users.id, person.id));
    expect(await verifyPassword(user!.passwordHash, 'ancien mot de passe')).toBe(true);
    expect(await services.auth.getSession(makeRequest('/', { cookie: other }))).not.toBeNull();
  });

  test('success: new hash, other sessions ended, this one kept', async () => {
    const person = await newPerson();
    const other = await cookieFor(person.email);
    const mine = await cookieFor(person.email);
    const outcome = await post(mine, {
      intent: 'change-password',
      currentPassword: 'ancien mot de passe',
      password: 'nouveau mot de passe',
      confirmPassword: 'nouveau mot de passe',
    });
    expect(outcome).toMatchObject({ status: 200, data: { success: 'account.password.changed' } });
    expect(outcome.data.result.initialValue).toBeNull();
    const [user] = await db.select().from(users).where(eq(users.id, person.id));
    expect(await verifyPassword(user!.passwordHash, 'nouveau mot de passe')).toBe(true);
    expect(await services.auth.getSession(makeRequest('/', { cookie: other }))).toBeNull();
    expect(await services.auth.getSession(makeRequest('/', { cookie: mine }))).not.toBeNull();
  });

  test('two simultaneous changes from the same old password: exactly one applies', async () => {
    const person = await newPerson();
    const cookie = await cookieFor(person.email);
    const change = (password: string) =>
      post(cookie, { intent: 'change-password', currentPassword: 'ancien mot de passe', password, confirmPassword: password });
    const outcomes = await Promise.all([change('premier nouveau mot de passe'), change('second nouveau mot de passe')]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([200, 400]);
    const winner = outcomes[0]!.status === 200 ? 'premier nouveau mot de passe' : 'second nouveau mot de passe';
    const [user] = await db.select().from(users).where(eq(users.id, person.id));
    expect(await verifyPassword(user!.passwordHash, winner)).toBe(true);
  });
});
