import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { chromiumPath, signIn, skipReason, useBrowser } from './browser';

/**
 * The live seat counter in a browser (issue 10, point 8): a signed-in person reading a visit sees
 * its seats left change when another pole books, without a reload; a visitor without an account
 * opens no socket and loads no socket.io code, and reads the same counter as served.
 */

const title = 'Kaléidoscoop : un tiers-lieu de l’économie sociale et solidaire';

async function openVisit(page: Page) {
  await page.goto('/visites');
  await page.getByRole('link', { name: title }).first().click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** « N places restantes sur M », read from the counter. */
async function seatsLeft(page: Page): Promise<{ free: number; seats: number }> {
  const text = await page
    .getByRole('status')
    .filter({ hasText: /restantes? sur/ })
    .first()
    .innerText();
  const match = /(\d+) places? restantes? sur (\d+)/.exec(text);
  if (!match) throw new Error(`no counter in « ${text} »`);
  return { free: Number(match[1]), seats: Number(match[2]) };
}

describe.skipIf(!chromiumPath)(`live seat counter${chromiumPath ? '' : ` (skipped: ${skipReason})`}`, () => {
  const browser = useBrowser();

  test('another pole’s booking shows on an open page without a reload; a visitor opens no socket', async () => {
    const watcher = await browser.newPage();
    await signIn(watcher, 'membre@demo.ptce.fr');
    await openVisit(watcher);
    const before = await seatsLeft(watcher);
    // Set on this document: still there afterwards means the page was not reloaded.
    await watcher.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));
    await expect.poll(() => watcher.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/socket.io/')))).toBe(true);

    const visitor = await browser.newPage();
    const socketRequests: string[] = [];
    visitor.on('request', (request) => {
      if (request.url().includes('/socket.io/')) socketRequests.push(request.url());
    });
    visitor.on('websocket', (socket) => socketRequests.push(socket.url()));
    await openVisit(visitor);
    expect(await seatsLeft(visitor)).toEqual(before);

    const booker = await browser.newPage();
    await signIn(booker, 'cantal@demo.ptce.fr');
    await openVisit(booker);
    await booker.getByLabel('Participants').fill('Julie Moreau');
    await booker.getByRole('button', { name: 'Réserver' }).click();
    await booker.getByRole('region', { name: 'La réservation de mon pôle' }).waitFor();

    await expect.poll(() => seatsLeft(watcher), { timeout: 10_000 }).toEqual({ free: before.free - 1, seats: before.seats });
    expect(await watcher.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
    // The visitor's page stays as served (no socket), and never asked for one.
    expect(await seatsLeft(visitor)).toEqual(before);
    expect(socketRequests).toEqual([]);
    await visitor.reload();
    expect(await seatsLeft(visitor)).toEqual({ free: before.free - 1, seats: before.seats });
  });
});
