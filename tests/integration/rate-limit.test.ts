import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { action as adminAction } from '#app/routes/admin';
import { action as accountAction } from '#app/routes/compte';
import { action as signIn } from '#app/routes/connexion';
import { action as invitationAction } from '#app/routes/invitation.$token';
import { action as forgotPassword } from '#app/routes/mot-de-passe-oublie';
import { action as membersAction } from '#app/routes/poles.$slug_.membres';
import { action as resetAction } from '#app/routes/reinitialiser.$token';
import { addressKey } from '#app/utils/rate-limit.server';
import { invitations, outbox } from '#db/schema';
import { createUser } from '#db/seed/factories';
import { demoPassword } from '#db/seed/seed';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { flushOutbox } from '#tests/setup/jobs';
import { settle } from '#tests/setup/responses';

const { context, services, cookieFor } = await setupTestContext();
const { db } = services;

// Each test signs in from its own client addresses, so per-address counters never leak between tests.
let addressCounter = 0;
const newAddress = () => `10.0.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

function attemptSignIn(clientIp: string, email: string, password = 'wrong-password-123') {
  return settle(signIn(routeArgs({ ...context, clientIp }, makeRequest('/connexion', { form: { email, password } }))));
}

function askReset(clientIp: string, email: string) {
  return settle(forgotPassword(routeArgs({ ...context, clientIp }, makeRequest('/mot-de-passe-oublie', { form: { email } }))));
}

const tooMany = /^Trop de tentatives\. Réessayez dans \d+ minutes?\.$/;
const retryAfterOf = (outcome: { headers: Headers }) => Number(outcome.headers.get('Retry-After'));

let personCounter = 0;
async function newPerson(password = 'mot de passe du titulaire') {
  personCounter += 1;
  return createUser(db, { email: `titulaire-${personCounter}@example.fr`, name: `Titulaire ${personCounter}`, password });
}

describe('sign-in attempts', () => {
  test('a stranger’s failures lock out only the stranger’s address, never the owner elsewhere', async () => {
    const stranger = newAddress();
    const owner = newAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await attemptSignIn(stranger, 'coord.occitanie@demo.ptce.fr')).status).toBe(400);
    }
    const sixth = await attemptSignIn(stranger, 'coord.occitanie@demo.ptce.fr');
    expect(sixth.status).toBe(429);
    expect(sixth.data.result.error[''][0]).toMatch(tooMany);
    expect(retryAfterOf(sixth)).toBeGreaterThan(14 * 60);
    expect(retryAfterOf(sixth)).toBeLessThanOrEqual(15 * 60);
    // Hammering on while refused counts nothing more...
    for (let attempt = 1; attempt <= 30; attempt += 1) expect((await attemptSignIn(stranger, 'coord.occitanie@demo.ptce.fr')).status).toBe(429);
    // ...and even the right password is refused at the stranger's address,
    expect((await attemptSignIn(stranger, 'coord.occitanie@demo.ptce.fr', demoPassword)).status).toBe(429);
    // while the coordinator signs in from their own machine.
    expect(await attemptSignIn(owner, 'coord.occitanie@demo.ptce.fr', demoPassword)).toMatchObject({ status: 302, location: '/tableau-de-bord' });
  });

  test('an address with no account is limited the same way, with the same message', async () => {
    const ip = newAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await attemptSignIn(ip, 'nobody-here@demo.ptce.fr')).status).toBe(400);
    }
    const sixth = await attemptSignIn(ip, 'nobody-here@demo.ptce.fr');
    expect(sixth.status).toBe(429);
    expect(sixth.data.result.error[''][0]).toMatch(tooMany);
  });

  test('the refusal speaks the page’s language', async () => {
    const ip = newAddress();
    const request = () => makeRequest('/connexion?lng=en', { form: { email: 'english@demo.ptce.fr', password: 'wrong-password-123' } });
    for (let attempt = 1; attempt <= 5; attempt += 1) await settle(signIn(routeArgs({ ...context, clientIp: ip }, request())));
    const sixth = await settle(signIn(routeArgs({ ...context, clientIp: ip }, request())));
    expect(sixth.status).toBe(429);
    expect(sixth.data.result.error[''][0]).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
  });

  test('the account counter ignores case and spaces in the typed address', async () => {
    const ip = newAddress();
    for (const typed of ['case@demo.ptce.fr', 'CASE@demo.ptce.fr', ' Case@Demo.ptce.fr', 'case@DEMO.PTCE.FR', 'case@demo.ptce.fr ']) {
      expect((await attemptSignIn(ip, typed)).status).toBe(400);
    }
    expect((await attemptSignIn(ip, 'Case@demo.ptce.fr')).status).toBe(429);
  });

  test('twenty wrong attempts sent at once: five are checked, fifteen refused unchecked', async () => {
    const ip = newAddress();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => attemptSignIn(ip, 'burst@demo.ptce.fr')));
    const statuses = outcomes.map((outcome) => outcome.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    // The refused ones gave their points back: the per-address counter holds the five failures only.
    const state = await services.limiters.passwordFailsByAddress.get(addressKey(ip));
    expect(state?.consumedPoints).toBe(5);
  });

  test('one address may fail 100 times a day across accounts; other addresses are not concerned', async () => {
    const ip = newAddress();
    // Twenty accounts, five failures each: no single account reaches its own limit.
    for (let round = 0; round < 20; round += 1) {
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => attemptSignIn(ip, `spray-${round}@demo.ptce.fr`)));
      expect(outcomes.map((outcome) => outcome.status)).toEqual([400, 400, 400, 400, 400]);
    }
    const overLimit = await attemptSignIn(ip, 'membre@demo.ptce.fr', demoPassword);
    expect(overLimit.status).toBe(429);
    expect(overLimit.data.result.error[''][0]).toMatch(/^Trop de tentatives\. Réessayez dans \d+ heures?\.$/);
    expect(retryAfterOf(overLimit)).toBeGreaterThan(23 * 60 * 60);
    // The same accounts from another address are fine.
    expect((await attemptSignIn(newAddress(), 'spray-last@demo.ptce.fr')).status).toBe(400);
    expect((await attemptSignIn(newAddress(), 'membre@demo.ptce.fr', demoPassword)).status).toBe(302);
  });

  test('one account has a ceiling of 50 failures an hour from all addresses together', async () => {
    const person = await newPerson();
    for (let round = 0; round < 10; round += 1) {
      const ip = newAddress();
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => attemptSignIn(ip, person.email)));
      expect(outcomes.map((outcome) => outcome.status)).toEqual([400, 400, 400, 400, 400]);
    }
    const refused = await attemptSignIn(newAddress(), person.email, 'mot de passe du titulaire');
    expect(refused.status).toBe(429);
    expect(refused.data.result.error[''][0]).toMatch(tooMany);
  });

  test('a successful sign-in resets the consecutive failures of that account at that address', async () => {
    const ip = newAddress();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await attemptSignIn(ip, 'emergent@demo.ptce.fr')).status).toBe(400);
    }
    expect((await attemptSignIn(ip, 'emergent@demo.ptce.fr', demoPassword)).status).toBe(302);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await attemptSignIn(ip, 'emergent@demo.ptce.fr')).status).toBe(400);
    }
    expect((await attemptSignIn(ip, 'emergent@demo.ptce.fr')).status).toBe(429);
  });
});

describe('password change in /compte', () => {
  const change = (cookie: string, clientIp: string, currentPassword: string) =>
    settle(
      accountAction(
        routeArgs(
          { ...context, clientIp },
          makeRequest('/compte', {
            cookie,
            form: { intent: 'change-password', currentPassword, password: 'nouveau mot de passe', confirmPassword: 'nouveau mot de passe' },
          }),
        ),
      ),
    );

  test('guesses at the current password are counted as at the sign-in page', async () => {
    const person = await newPerson();
    const cookie = await cookieFor(person.email);
    const ip = newAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await change(cookie, ip, 'pas le bon')).status).toBe(400);
    const sixth = await change(cookie, ip, 'mot de passe du titulaire');
    expect(sixth.status).toBe(429);
    expect(sixth.data.result.error[''][0]).toMatch(tooMany);
    expect(retryAfterOf(sixth)).toBeGreaterThan(0);
    // The same counter: the sign-in page at that address is refused too, not elsewhere.
    expect((await attemptSignIn(ip, person.email, 'mot de passe du titulaire')).status).toBe(429);
    expect((await change(cookie, newAddress(), 'mot de passe du titulaire')).data.success).toBe('account.password.changed');
  });
});

describe('reset requests', () => {
  test('the fourth request for one address within the hour is refused, whether or not it has an account', async () => {
    for (const email of ['figeacteurs@demo.ptce.fr', 'nobody-reset@demo.ptce.fr']) {
      const ip = newAddress();
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const outcome = await askReset(ip, email);
        expect(outcome.status).toBe(200);
        expect(outcome.data.success).toBe('account.forgot.sent');
      }
      const fourth = await askReset(ip, email);
      expect(fourth.status).toBe(429);
      expect(fourth.data.result.error[''][0]).toMatch(tooMany);
      expect(retryAfterOf(fourth)).toBeGreaterThan(59 * 60);
    }
  });

  test('one client address may ask for ten links an hour, whatever the accounts', async () => {
    const ip = newAddress();
    for (let index = 0; index < 10; index += 1) expect((await askReset(ip, `someone-${index}@demo.ptce.fr`)).status).toBe(200);
    expect((await askReset(ip, 'someone-else@demo.ptce.fr')).status).toBe(429);
  });
});

describe('using reset and invitation links', () => {
  const submitReset = (clientIp: string, token: string) =>
    settle(
      resetAction(
        routeArgs(
          { ...context, clientIp },
          makeRequest(`/reinitialiser/${token}`, { form: { password: 'un mot de passe solide', confirmPassword: 'un mot de passe solide' } }),
          { token },
        ),
      ),
    );
  const submitInvitation = (clientIp: string, token: string) =>
    settle(
      invitationAction(
        routeArgs(
          { ...context, clientIp },
          makeRequest(`/invitation/${token}`, {
            form: { intent: 'create-account', name: 'Quelqu’un', password: 'un mot de passe solide', confirmPassword: 'un mot de passe solide' },
          }),
          { token },
        ),
      ),
    );

  test.each([
    ['a reset link', submitReset],
    ['an invitation link', submitInvitation],
  ])('%s: ten submissions per address in 15 minutes, the eleventh is refused with Retry-After', async (_, submit) => {
    const ip = newAddress();
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect((await submit(ip, `lien-inconnu-${attempt}`)).status).toBe(400);
    }
    const eleventh = await submit(ip, 'lien-inconnu-11');
    expect(eleventh.status).toBe(429);
    expect(eleventh.data.result.error[''][0]).toMatch(tooMany);
    expect(retryAfterOf(eleventh)).toBeGreaterThan(14 * 60);
    expect(retryAfterOf(eleventh)).toBeLessThanOrEqual(15 * 60);
    expect((await submit(newAddress(), 'lien-inconnu-11')).status).toBe(400);
  });

  test('one link takes five submissions in 15 minutes, whatever the addresses', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await submitReset(newAddress(), 'un-seul-lien')).status).toBe(400);
    const sixth = await submitReset(newAddress(), 'un-seul-lien');
    expect(sixth.status).toBe(429);
    expect(retryAfterOf(sixth)).toBeGreaterThan(0);
  });
});

describe('invitations sent', () => {
  const invite = (cookie: string, email: string) =>
    settle(
      membersAction(
        routeArgs(context, makeRequest('/poles/figeacteurs/membres', { cookie, form: { intent: 'invite-member', email } }), { slug: 'figeacteurs' }),
      ),
    );

  test('one person sends at most 20 invitations an hour; the 21st is refused beside the form, with nothing stored or mailed', async () => {
    const cookie = await cookieFor('figeacteurs@demo.ptce.fr');
    // A refusal for another reason (already a member) does not use the allowance up.
    expect((await invite(cookie, 'membre@demo.ptce.fr')).status).toBe(400);
    for (let index = 1; index <= 20; index += 1) expect((await invite(cookie, `invite-${index}@example.fr`)).status).toBe(200);
    const refused = await invite(cookie, 'invite-21@example.fr');
    expect(refused.status).toBe(429);
    expect(refused.data).toMatchObject({ intent: 'invite-member', success: null });
    expect(refused.data.result.error[''][0]).toMatch(/^Trop d’invitations envoyées pour le moment\. Réessayez dans \d+ minutes?\.$/);
    expect(retryAfterOf(refused)).toBeGreaterThan(59 * 60);
    await flushOutbox(services);
    expect(await db.select().from(invitations).where(eq(invitations.email, 'invite-21@example.fr'))).toEqual([]);
    expect(await db.select().from(outbox).where(eq(outbox.to, 'invite-21@example.fr'))).toEqual([]);
    expect(await db.select().from(outbox).where(eq(outbox.to, 'invite-20@example.fr'))).toHaveLength(1);
  });

  test('one address receives at most 5 invitations a day, whoever sends them', async () => {
    const target = 'tres-sollicitee@example.fr';
    const admin = await cookieFor('admin@demo.ptce.fr');
    const bodies = await db.query.regionalBodies.findMany({ columns: { id: true }, limit: 6 });
    for (const body of bodies.slice(0, 5)) {
      const sent = await settle(
        adminAction(
          routeArgs(context, makeRequest('/admin', { cookie: admin, form: { intent: 'invite-coordinator', email: target, regionalBodyId: body.id } })),
        ),
      );
      expect(sent.status).toBe(200);
    }
    const coordinator = await cookieFor('coord.occitanie@demo.ptce.fr');
    const refused = await settle(
      membersAction(
        routeArgs(context, makeRequest('/poles/figeacteurs/membres?lng=en', { cookie: coordinator, form: { intent: 'invite-admin', email: target } }), {
          slug: 'figeacteurs',
        }),
      ),
    );
    expect(refused.status).toBe(429);
    expect(refused.data.result.error[''][0]).toMatch(/^Too many invitations sent for now\. Try again in (2[34]) hours\.$/);
    expect(retryAfterOf(refused)).toBeGreaterThan(23 * 60 * 60);
    await flushOutbox(services);
    expect(await db.select().from(outbox).where(eq(outbox.to, target))).toHaveLength(5);
  });
});
