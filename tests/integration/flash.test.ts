import { describe, expect, test } from 'vitest';
import { loader as rootLoader } from '#app/root';
import { makeRequest, setupTestContext } from '#tests/setup/context';
import { flashOf, settle } from '#tests/setup/responses';

const { context } = await setupTestContext({ demo: false });

describe('one-time notes after a redirect', () => {
  test('the root shows a note once, then consumes it', async () => {
    const setCookie = await context.flash.put({ message: 'account.notices.signedOut' });
    const cookie = setCookie.split(';')[0]!;
    const first = await settle(rootLoader({ request: makeRequest('/', { cookie }), context, params: {} }));
    expect(first.data.flash).toEqual({ message: 'account.notices.signedOut' });
    expect(first.headers.get('Set-Cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    const later = await settle(rootLoader({ request: makeRequest('/'), context, params: {} }));
    expect(later.data.flash).toBeNull();
  });

  test('a note forged without the secret is ignored', async () => {
    const forged = `ptce_flash=${Buffer.from(JSON.stringify({ __flash_flash__: { message: 'x' } })).toString('base64')}`;
    expect(await flashOf(new Response(null, { headers: { 'Set-Cookie': forged } }), context)).toBeNull();
  });
});
