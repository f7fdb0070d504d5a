import type { i18n } from 'i18next';
import type { Language } from '#app/i18n';
import type french from './fr';

/** A language's texts, as the French catalogue shapes them (the English one has the same keys). */
export type Texts = typeof french;

/**
 * The texts this process holds, by language: every catalogue on the server
 * (`catalogues.server.ts` registers them), the page's language in a browser (`loadTexts`).
 * Code outside React (`meta` functions) reads them here.
 */
const held = new Map<string, Texts>();

export function registerTexts(language: Language, texts: Texts) {
  held.set(language, texts);
}

/** The texts of a language, or French's, or whichever this browser holds. */
export function textsOf(language: string | undefined): Texts {
  const texts = held.get(language ?? 'fr') ?? held.get('fr') ?? held.values().next().value;
  if (!texts) throw new Error('No texts are loaded yet.');
  return texts;
}

/** Where a browser finds a language's texts when the page did not say (an error page without data). */
export function defaultTextsAddress(language: string): string {
  return `/textes/${language === 'en' ? 'en' : 'fr'}`;
}

const loading = new Map<string, Promise<void>>();

/**
 * In the browser: fetches a language's texts (a versioned address, cached by the browser for a
 * year) once, and hands them to i18next and to `textsOf`. Calls that overlap share one request.
 */
export function loadTexts(instance: i18n, language: Language, address: string): Promise<void> {
  let loaded = loading.get(address);
  if (!loaded) {
    loaded = fetchTexts(instance, language, address);
    loading.set(address, loaded);
    // A failed load may be tried again on the next navigation.
    loaded.catch(() => loading.delete(address));
  }
  return loaded;
}

async function fetchTexts(instance: i18n, language: Language, address: string): Promise<void> {
  const response = await fetch(address);
  if (!response.ok) throw new Error(`The texts at ${address} answered ${response.status}.`);
  const texts = (await response.json()) as Texts;
  instance.addResourceBundle(language, 'translation', texts, true, true);
  registerTexts(language, texts);
}
