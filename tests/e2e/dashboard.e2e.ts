import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, screenshot, signIn, skipReason, useBrowser } from './browser';

/**
 * The start page's journey (issue 12): sign-in lands on /tableau-de-bord; an offer is paused in one
 * click and its state shows; then published again, so the demo data stays as the other journeys
 * expect it. With JavaScript, without it, and on a 390 px phone without horizontal scrolling.
 */

const offerTitle = 'Monter une crèche interentreprises : montage juridique et financier';

/** The card of the demo offer in the pole's list of offers. */
function offerCard(page: Page) {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: offerTitle, exact: true }) })
    .filter({ has: page.getByRole('button') });
}

async function pauseThenRepublish(page: Page) {
  await offerCard(page)
    .getByRole('button', { name: `Mettre en pause « ${offerTitle} »` })
    .click();
  await page
    .getByRole('status')
    .filter({ hasText: `L’offre « ${offerTitle} » est en pause.` })
    .waitFor();
  await offerCard(page).getByText('En pause', { exact: true }).waitFor();
  await offerCard(page)
    .getByRole('button', { name: `Republier « ${offerTitle} »` })
    .click();
  await page
    .getByRole('status')
    .filter({ hasText: `L’offre « ${offerTitle} » est publiée.` })
    .waitFor();
  await offerCard(page).getByText('Publiée', { exact: true }).waitFor();
}

async function expectNoHorizontalScroll(page: Page) {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

describe.skipIf(!chromiumPath)(`the start page${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('sign-in lands on the dashboard; an offer is paused in one click, its state shown, then published again', async () => {
    const page = await browser.newPage();
    await signIn(page, 'figeacteurs@demo.ptce.fr');
    expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Figeacteurs' }).waitFor();
    await pauseThenRepublish(page);
    await screenshot(page, 'dashboard-pole');
  });

  test('without JavaScript, the one-click forms work the same', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signIn(page, 'figeacteurs@demo.ptce.fr');
    expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
    await pauseThenRepublish(page);
  });

  test('on a 390 px phone, every role’s dashboard fits the width', async () => {
    for (const email of ['figeacteurs@demo.ptce.fr', 'emergent@demo.ptce.fr', 'coord.occitanie@demo.ptce.fr', 'admin@demo.ptce.fr']) {
      const page = await browser.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, email);
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      await expectNoHorizontalScroll(page);
      await screenshot(page, `dashboard-phone-${email.split('@')[0]}`);
    }
    const phone = await browser.newPage({ javaScriptEnabled: false });
    await phone.setViewportSize({ width: 390, height: 844 });
    await signIn(phone, 'figeacteurs@demo.ptce.fr');
    await pauseThenRepublish(phone);
    await expectNoHorizontalScroll(phone);
  });
});
