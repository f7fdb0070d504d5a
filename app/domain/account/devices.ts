import { UAParser } from 'ua-parser-js';

/**
 * A session's browser and system in words (« Firefox 128 », « Windows 10 »), from the User-Agent
 * it was opened with, by ua-parser-js; null for what cannot be told. The account page lists the
 * sessions with it rather than the raw header.
 */
export type Device = { browser: string | null; system: string | null };

const named = (name: string | undefined, version: string | undefined) => (name ? (version ? `${name} ${version}` : name) : null);

export function describeDevice(userAgent: string | null): Device {
  if (!userAgent) return { browser: null, system: null };
  const { browser, os } = new UAParser(userAgent).getResult();
  // The browser's major version is enough to tell sessions apart; a system keeps its own naming (« 10 », « 14.4 »).
  return { browser: named(browser.name, browser.version?.split('.')[0]), system: named(os.name, os.version) };
}
