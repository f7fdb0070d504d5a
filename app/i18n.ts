import en from './locales/en';
import fr from './locales/fr';

/** French first; English available. Both catalogues are small enough to ship in the bundle. */
export const supportedLanguages = ['fr', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: 'fr',
  defaultNS: 'translation',
  resources: { fr: { translation: fr }, en: { translation: en } },
  interpolation: { escapeValue: false },
};

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language);
}

/** The whole catalogue of one language, for texts composed outside React (mails). */
export function catalogueOf(language: Language) {
  return i18nConfig.resources[language].translation;
}
