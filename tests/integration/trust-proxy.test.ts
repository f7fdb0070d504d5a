import { describe, expect, test } from 'vitest';
import { parseEnv } from '#app/utils/env.server';
import { addressKey } from '#app/utils/rate-limit.server';
import { startTestServer } from '#tests/setup/server';

/** Asks for a reset link through the whole HTTP stack, as a browser without JavaScript would. */
function askReset(origin: string, email: string, forwardedFor: string) {
  return fetch(`${origin}/mot-de-passe-oublie`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwardedFor },
    body: new URLSearchParams({ email }),
    redirect: 'manual',
  });
}

// One client address may ask for ten reset links an hour (rate-limit.server.ts).
const perAddress = 10;

describe('TRUST_PROXY', () => {
  test('is a number of trusted hops, 0 by default', () => {
    expect(parseEnv({}).trustProxy).toBe(0);
    expect(parseEnv({ TRUST_PROXY: '0' }).trustProxy).toBe(0);
    expect(parseEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseEnv({ TRUST_PROXY: '10' }).trustProxy).toBe(10);
  });

  test.each(['true', '11', '-1', '1.5', 'un'])('refuses %s with one French line', (value) => {
    expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(
      `Configuration invalide : TRUST_PROXY doit être le nombre de proxys de confiance devant l’application, un entier de 0 à 10 (0 : aucun, 1 : un proxy inverse) (reçu « ${value} »)`,
    );
  });
});

describe('behind one reverse proxy (TRUST_PROXY=1)', async () => {
  const { origin } = await startTestServer({ env: { TRUST_PROXY: '1' } });

  test('entries a client forges on the left of X-Forwarded-For do not give it a fresh counter', async () => {
    // The proxy appends the address it sees (203.0.113.7); the client made up everything before it.
    for (let index = 1; index <= perAddress; index += 1) {
      const response = await askReset(origin, `proxy-${index}@example.fr`, `198.51.100.${index}, 203.0.113.7`);
      expect(response.status).toBe(200);
    }
    const refused = await askReset(origin, 'proxy-last@example.fr', '198.51.100.200, 10.9.9.9, 203.0.113.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(59 * 60);
    expect(await refused.text()).toMatch(/Trop de tentatives\. Réessayez dans \d+ minutes?\./);
    // Another client behind the same proxy is its own address.
    expect((await askReset(origin, 'proxy-last@example.fr', '198.51.100.1, 203.0.113.8')).status).toBe(200);
  });
});

describe('with no proxy (TRUST_PROXY=0)', async () => {
  const { origin } = await startTestServer();

  test('X-Forwarded-For is ignored entirely: the connection’s address is counted', async () => {
    for (let index = 1; index <= perAddress; index += 1) {
      expect((await askReset(origin, `direct-${index}@example.fr`, `203.0.113.${index}`)).status).toBe(200);
    }
    const refused = await askReset(origin, 'direct-last@example.fr', '203.0.113.250');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});

describe('client address keys', () => {
  test('IPv4 as is; IPv4-mapped IPv6 as IPv4; IPv6 by its /64 network', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:85a3:0042:1000:8a2e:0370:7334')).toBe('2001:db8:85a3:42::/64');
    expect(addressKey('2001:DB8:85A3:42::1')).toBe('2001:db8:85a3:42::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
