import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { chromiumPath } from './chromium';

export { chromiumPath, skipReason } from './chromium';

const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** One browser per test file; each journey opens its own context (cookies, JavaScript on or off). */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const scriptless = new WeakSet<BrowserContext>();
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath!, args: launchArgs, headless: true });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });
  return {
    baseUrl: () => inject('baseUrl'),
    async newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
      const context = await browser!.newContext({
        baseURL: inject('baseUrl'),
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        locale: 'fr-FR',
      });
      contexts.push(context);
      if (options.javaScriptEnabled === false) scriptless.add(context);
      return context.newPage();
    },
    /** Fails on any WCAG 2.1 A/AA violation that axe-core finds on the page as it stands. */
    async expectAccessible(page: Page) {
      if (!scriptless.has(page.context())) return checkAccessibility(page);
      // axe-core runs as a script: audit the same address, with the same cookies, in a scripted twin.
      const twin = await browser!.newContext({ baseURL: inject('baseUrl'), storageState: await page.context().storageState() });
      try {
        const twinPage = await twin.newPage();
        await twinPage.goto(page.url());
        await checkAccessibility(twinPage);
      } finally {
        await twin.close();
      }
    },
  };
}

async function checkAccessibility(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Screenshots for a person to look at, kept out of git. */
export async function screenshot(page: Page, name: string) {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export async function signIn(page: Page, email: string, password = 'erasmus-ptce-demo') {
  await page.goto('/connexion');
  await page.getByLabel(/adresse e-mail/i).fill(email);
  await page
    .getByLabel(/mot de passe/i)
    .first()
    .fill(password);
  await page.getByRole('button', { name: /se connecter/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}
