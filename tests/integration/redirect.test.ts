import { describe, expect, test } from 'vitest';
import { action as switchLanguage } from '#app/routes/langue';
import { safeRedirectPath } from '#app/utils/redirect';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';

const { context } = await setupTestContext({ demo: false });

describe('redirects taken from input', () => {
  test.each([
    ['/poles?region=76', '/poles?region=76'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/poles\n/x', '/'],
    ['', '/'],
  ])('%j goes to %j', (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  test('the language switch never sends the browser to another site', async () => {
    const outcome = await settle(switchLanguage(routeArgs(context, makeRequest('/langue', { form: { lng: 'en', redirectTo: '//evil.example/' } }))));
    expect(outcome).toMatchObject({ status: 302, location: '/' });
    const inside = await settle(switchLanguage(routeArgs(context, makeRequest('/langue', { form: { lng: 'en', redirectTo: '/offres?q=bois' } }))));
    expect(inside.location).toBe('/offres?q=bois');
    expect(inside.headers.get('Set-Cookie')).toMatch(/^lng=/);
  });
});
