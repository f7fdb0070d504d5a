import { createCookie } from '@remix-run/node';
import { RemixI18Next } from 'remix-i18next/server';
import { i18nConfig } from './i18n';

export const languageCookie = createCookie('lng', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 60 * 60 });

/** The language comes from `?lng=` or the cookie set by the switch; otherwise French. */
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: i18nConfig.supportedLngs,
    fallbackLanguage: i18nConfig.fallbackLng,
    cookie: languageCookie,
    order: ['searchParams', 'cookie'],
  },
  i18next: i18nConfig,
});
