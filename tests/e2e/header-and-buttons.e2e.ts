import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, signIn, skipReason, useBrowser } from './browser';

/** Screenshots for a person to look at (header closed and open, a hovered button link). */
const shots = '/tmp/shots';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
const white = 'rgb(255, 255, 255)';

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png` });
}

async function headerHeight(page: Page) {
  return (await page.getByRole('banner').boundingBox())!.height;
}

/** React has hydrated the header once its disclosure carries React's props. */
async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const details = document.querySelector('header details');
    return !!details && Object.keys(details).some((key) => key.startsWith('__reactProps'));
  });
}

/** The text colour of a link once the pointer is over it. */
async function hoveredColour(link: Locator) {
  await link.hover();
  return link.evaluate((element) => getComputedStyle(element).color);
}

describe.skipIf(!chromiumPath)(`site header and button-styled links${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('on a phone without JavaScript, the header is one line and its menu opens and leads to a page', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.setViewportSize(phone);
    await page.goto('/');
    const menu = page.locator('header summary');
    const navigation = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await headerHeight(page)).toBeLessThan(90);
    expect(await navigation.count()).toBe(0);
    await shot(page, 'phone-menu-closed');

    await menu.click();
    await navigation.getByRole('link', { name: 'Offres', exact: true }).waitFor();
    // The menu lays over the page: the header keeps its height.
    expect(await headerHeight(page)).toBeLessThan(90);
    await shot(page, 'phone-menu-open');
    await browser.expectAccessible(page);

    await navigation.getByRole('link', { name: 'Offres', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/offres');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('header details').evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    expect(await headerHeight(page)).toBeLessThan(90);

    // The language switch is in the menu too.
    await menu.click();
    await navigation.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  test('on a phone with JavaScript, the menu works from the keyboard and closes after a navigation', async () => {
    const page = await browser.newPage();
    await page.setViewportSize(phone);
    await page.goto('/');
    await waitForHydration(page);
    const details = page.locator('header details');
    const isOpen = () => details.evaluate((element) => (element as HTMLDetailsElement).open);
    const navigation = page.getByRole('navigation', { name: 'Navigation principale' });

    await page.locator('header summary').focus();
    await page.keyboard.press('Enter');
    expect(await isOpen()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await isOpen()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');

    await page.keyboard.press('Space');
    await navigation.getByRole('link', { name: 'Pôles', exact: true }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Pôles');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/poles');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(isOpen).toBe(false);
    expect(await headerHeight(page)).toBeLessThan(90);
    await browser.expectAccessible(page);
    // Open, the menu passes axe too.
    await page.locator('header summary').click();
    await navigation.getByRole('link', { name: 'Offres', exact: true }).waitFor();
    await browser.expectAccessible(page);

    // Tabbing past its last entry closes it: it never hides the focused element.
    await page.getByRole('button', { name: 'Switch to English' }).focus();
    await page.keyboard.press('Tab');
    expect(await isOpen()).toBe(false);
    // And a tap outside closes it too.
    await page.locator('header summary').click();
    expect(await isOpen()).toBe(true);
    await page.mouse.click(phone.width / 2, phone.height - 20);
    expect(await isOpen()).toBe(false);
  });

  test('on a desktop, the navigation is one bar and the menu button is not shown', async () => {
    const page = await browser.newPage();
    await page.setViewportSize(desktop);
    await page.goto('/');
    expect(await page.locator('header summary').isVisible()).toBe(false);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Offres', exact: true }).waitFor();
    expect(await headerHeight(page)).toBeLessThan(90);
    await shot(page, 'desktop-header');

    // A signed-in national admin has the most entries: the places get a bar of their own under the
    // name and the account's tools, and that bar stays one line.
    await signIn(page, 'admin@demo.ptce.fr');
    await page.goto('/');
    expect(await headerHeight(page)).toBeLessThan(110);
    const places = page.getByRole('navigation', { name: 'Navigation principale' });
    await places.getByRole('link', { name: 'Administration', exact: true }).waitFor();
    expect((await places.boundingBox())!.height).toBeLessThan(50);
    await page.getByRole('navigation', { name: 'Votre compte' }).getByRole('link', { name: 'Mon compte' }).waitFor();
    await shot(page, 'desktop-header-admin');
  });

  test('links styled as buttons keep their white text under the pointer', async () => {
    const page = await browser.newPage();
    await page.setViewportSize(desktop);
    await page.goto('/');
    const browse = page.getByRole('link', { name: 'Parcourir l’annuaire des pôles' });
    expect(await hoveredColour(browse)).toBe(white);
    await shot(page, 'button-link-hovered');

    await page.goto('/poles');
    const currentPage = page.getByRole('navigation', { name: 'Pagination' }).locator('[aria-current="page"]');
    expect(await hoveredColour(currentPage)).toBe(white);

    await page.goto('/offres');
    const offer = page.locator('main article h3 a').first();
    await offer.click();
    await page.waitForURL(/\/offres\/[^/]+$/);
    // A visitor is told how to join (issue 12): « Se connecter » is a button link.
    const contact = page.getByRole('main').getByRole('link', { name: 'Se connecter', exact: true });
    expect(await hoveredColour(contact)).toBe(white);
    await shot(page, 'offer-contact-hovered');

    await signIn(page, 'figeacteurs@demo.ptce.fr');
    await page.goto('/offres');
    const publish = page.getByRole('link', { name: 'Publier une offre' });
    expect(await hoveredColour(publish)).toBe(white);

    // A link without classes still takes the base rule's colours: brand-700, brand-800 under the pointer.
    await page.evaluate(() => {
      const link = Object.assign(document.createElement('a'), { href: '#essai', textContent: 'Lien ordinaire', id: 'plain-link' });
      document.querySelector('main')!.prepend(link);
    });
    const plain = page.locator('#plain-link');
    expect(await plain.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(21, 86, 64)');
    expect(await hoveredColour(plain)).toBe('rgb(15, 66, 49)');
  });
});
