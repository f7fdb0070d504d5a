import { describe, expect, test } from 'vitest';
import { action as signIn } from '#app/routes/connexion';
import { action as forgotPassword } from '#app/routes/mot-de-passe-oublie';
import { demoPassword } from '#db/seed/seed';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';

const { context } = await setupTestContext();

// Each test signs in from its own client address, so per-address counters never leak between tests.
let addressCounter = 0;
const newAddress = () => `10.0.0.${++addressCounter}`;

function attemptSignIn(clientIp: string, email: string, password = 'wrong-password-123') {
  return settle(signIn(routeArgs({ ...context, clientIp }, makeRequest('/connexion', { form: { email, password } }))));
}

function askReset(clientIp: string, email: string) {
  return settle(forgotPassword(routeArgs({ ...context, clientIp }, makeRequest('/mot-de-passe-oublie', { form: { email } }))));
}

const tooMany = /^Trop de tentatives\. Réessayez dans \d+ minutes?\.$/;

describe('sign-in attempts', () => {
  test('the sixth wrong attempt for one account is refused with 429, even with the right password', async () => {
    const ip = newAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await attemptSignIn(ip, 'coord.occitanie@demo.ptce.fr')).status).toBe(400);
    }
    const sixth = await attemptSignIn(ip, 'coord.occitanie@demo.ptce.fr');
    expect(sixth.status).toBe(429);
    expect(sixth.data.result.error[''][0]).toMatch(tooMany);
    expect(Number(sixth.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await attemptSignIn(newAddress(), 'coord.occitanie@demo.ptce.fr', demoPassword)).status).toBe(429);
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

  test('another account from the same address is not blocked until the per-address limit', async () => {
    const ip = newAddress();
    for (let attempt = 1; attempt <= 6; attempt += 1) await attemptSignIn(ip, 'blocked@demo.ptce.fr');
    expect((await attemptSignIn(ip, 'blocked@demo.ptce.fr')).status).toBe(429);
    // 7 attempts so far from this address; the address allows 30 in 15 minutes.
    const other = await attemptSignIn(ip, 'membre@demo.ptce.fr', demoPassword);
    expect(other.status).toBe(302);
    for (let index = 0; index < 23; index += 1) {
      expect((await attemptSignIn(ip, `spray-${index}@demo.ptce.fr`)).status).toBe(400);
    }
    const overLimit = await attemptSignIn(ip, 'spray-last@demo.ptce.fr');
    expect(overLimit.status).toBe(429);
    expect(overLimit.data.result.error[''][0]).toMatch(tooMany);
    // The same fresh account from another address is fine.
    expect((await attemptSignIn(newAddress(), 'spray-last@demo.ptce.fr')).status).toBe(400);
  });

  test('a successful sign-in resets the account counter', async () => {
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
    }
  });

  test('one client address may ask for ten links an hour, whatever the accounts', async () => {
    const ip = newAddress();
    for (let index = 0; index < 10; index += 1) expect((await askReset(ip, `someone-${index}@demo.ptce.fr`)).status).toBe(200);
    expect((await askReset(ip, 'someone-else@demo.ptce.fr')).status).toBe(429);
  });
});
