import { createHash } from 'node:crypto';
import { supportedLanguages, type Language } from '#app/i18n';
import en from './en';
import fr from './fr';
import { registerTexts, type Texts } from './texts';

/** Both catalogues, whole: the server renders pages and composes mails and calendar files from them. */
export const catalogues: Record<Language, Texts> = { fr, en };
export const resources = { fr: { translation: fr }, en: { translation: en } };
for (const language of supportedLanguages) registerTexts(language, catalogues[language]);

/** The whole catalogue of one language, for texts composed outside React (mails, calendars). */
export function catalogueOf(language: Language): Texts {
  return catalogues[language];
}

/** Subtrees only the server composes from: a browser never needs them. */
const serverOnly = new Set(['mail', 'ics']);

function browserPart(node: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (serverOnly.has(key)) continue;
    kept[key] = typeof value === 'string' ? value : browserPart(value as Record<string, unknown>);
  }
  return kept;
}

/** What `/textes/:lng` serves: the browser's part of a catalogue, and a version that changes with it. */
export const servedTexts = Object.fromEntries(
  supportedLanguages.map((language) => {
    const body = JSON.stringify(browserPart(catalogues[language]));
    return [language, { body, version: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
  }),
) as Record<Language, { body: string; version: string }>;

/** The address a page gives its browser for its language's texts; a new version gets a new address. */
export function textsAddress(language: Language): string {
  return `/textes/${language}?v=${servedTexts[language].version}`;
}
