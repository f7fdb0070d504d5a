import { describe, expect, test } from 'vitest';
import { loader as rootLoader } from '#app/root';
import { loader as textsLoader } from '#app/routes/textes.$lng';
import { catalogueOf, servedTexts, textsAddress } from '#app/locales/catalogues.server';
import { makeRequest, routeArgs, setupTestContext } from '#tests/setup/context';
import { settle } from '#tests/setup/responses';

/** `/textes/:lng`: a language's texts for the browser, versioned, without what only the server composes. */

const { context } = await setupTestContext();
const texts = (path: string, lng: string, headers: Record<string, string> = {}) => textsLoader(routeArgs(context, makeRequest(path, { headers }), { lng }));

describe('/textes/:lng', () => {
  test('the versioned address is cached for a year; the French texts hold the pages’ words but no mail', async () => {
    const address = textsAddress('fr');
    expect(address).toMatch(/^\/textes\/fr\?v=[0-9a-f]{12}$/);
    const response = await texts(address, 'fr');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const body = await response.json();
    expect(body.account.signIn.forgotPassword).toBe('Mot de passe oublié ?');
    expect(body.layout.skipToContent).toBe('Aller au contenu');
    // Mails and calendar files are composed on the server: their texts stay there.
    expect(catalogueOf('fr').account.mail).toBeDefined();
    expect(body.account.mail).toBeUndefined();
    expect(body.visits.mail).toBeUndefined();
    expect(body.calendar.ics).toBeUndefined();
    expect(body.calendar.feed.title).toBe(catalogueOf('fr').calendar.feed.title);
  });

  test('another version or none is revalidated, and an unchanged one answers 304', async () => {
    const stale = await texts('/textes/en?v=000000000000', 'en');
    expect(stale.headers.get('Cache-Control')).toBe('no-cache');
    expect((await stale.json()).layout.switchTo).toBe('Français');
    const etag = stale.headers.get('ETag')!;
    expect(etag).toBe(`"${servedTexts.en.version}"`);
    const unchanged = await texts('/textes/en', 'en', { 'If-None-Match': etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(servedTexts.en.version).not.toBe(servedTexts.fr.version);
  });

  test('an unknown language is not found', async () => {
    let refused: unknown;
    try {
      texts('/textes/de', 'de');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);
  });

  test('every page tells its browser where its language’s texts are', async () => {
    const french = await settle(rootLoader(routeArgs(context, makeRequest('/'))));
    expect(french.data).toMatchObject({ locale: 'fr', texts: textsAddress('fr') });
    const english = await settle(rootLoader(routeArgs(context, makeRequest('/?lng=en'))));
    expect(english.data).toMatchObject({ locale: 'en', texts: textsAddress('en') });
  });
});
