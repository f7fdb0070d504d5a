/**
 * French first; English available. The catalogues themselves live on the server
 * (`locales/catalogues.server.ts`); a browser fetches its language's texts as JSON
 * (`locales/texts.ts`), so no page's JavaScript carries them.
 */
export const supportedLanguages = ['fr', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: 'fr',
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
};

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language);
}
