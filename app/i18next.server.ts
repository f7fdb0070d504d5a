import { createCookie } from '@remix-run/node';
import { RemixI18Next } from 'remix-i18next/server';
import { i18nConfig } from './i18n';
import { resources } from './locales/catalogues.server';

const languageCookieOptions = { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 60 * 60 } as const;
const languageCookie = createCookie('lng', languageCookieOptions);

/** The cookie the language switch sets: `Secure` when the site is served over https, like the session's. */
export function serializeLanguageCookie(language: string, options: { secure: boolean }): Promise<string> {
  return createCookie('lng', { ...languageCookieOptions, secure: options.secure }).serialize(language);
}

/** The language comes from `?lng=` or the cookie set by the switch; otherwise French. */
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: i18nConfig.supportedLngs,
    fallbackLanguage: i18nConfig.fallbackLng,
    cookie: languageCookie,
    order: ['searchParams', 'cookie'],
  },
  i18next: { ...i18nConfig, resources },
});
