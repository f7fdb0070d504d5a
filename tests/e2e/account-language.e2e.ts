import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, signIn, skipReason, useBrowser } from './browser';

/** A demo account no other journey signs in with, so its language can change here. */
const person = 'membre@demo.ptce.fr';

async function chooseLanguage(page: Page, name: string, submit: RegExp) {
  await page
    .getByRole('group', { name: /langue du compte|account language/i })
    .getByRole('radio', { name })
    .check();
  await page.getByRole('button', { name: submit }).click();
  await page.waitForURL((url) => url.pathname === '/compte');
}

describe.skipIf(!chromiumPath)(`the account's language${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('chosen in /compte without JavaScript, it makes the pages English, and a later sign-in elsewhere too', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signIn(page, person);
    await page.goto('/compte');
    await chooseLanguage(page, 'English', /enregistrer la langue/i);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your language has been saved.' }).waitFor();
    await browser.expectAccessible(page);

    // Another browser, which has never seen the site: French until the sign-in, English after.
    const elsewhere = await browser.newPage();
    await signIn(elsewhere, person);
    await elsewhere.goto('/compte');
    expect(await elsewhere.locator('html').getAttribute('lang')).toBe('en');
    await elsewhere.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    expect(await elsewhere.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);

    // Back to French (with JavaScript this time), as the other journeys expect of the demo accounts.
    await chooseLanguage(elsewhere, 'Français', /save the language/i);
    await elsewhere.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    expect(await elsewhere.locator('html').getAttribute('lang')).toBe('fr');
  });
});
