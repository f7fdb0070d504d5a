import type { MetaArgs } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { textsOf } from '#app/locales/texts';

type Named = { name: string; nameEn: string };

/** Names, dates and numbers in the page's language (dates in Paris time, so server and browser agree). */
export function useLocalFormat() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const locale = english ? 'en-GB' : 'fr-FR';
  const localName = (item: Named) => (english ? item.nameEn : item.name);
  return {
    localName,
    /** Named items (regions, topics, sectors) as a select's options, labelled in the page's language. */
    localChoices: <T extends Named>(items: readonly T[], value: (item: T) => string) => items.map((item) => ({ value: value(item), label: localName(item) })),
    date: (value: Date | string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(value)),
    dateTime: (value: Date | string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(value)),
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
    /** An average rating, with one decimal at most (« 4,5 »). */
    rating: (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value),
  };
}

/** `meta` runs outside React: it reads the language from the root loader's data. */
export function metaCatalogue(matches: MetaArgs['matches']) {
  const root = matches.find((match) => match.id === 'root')?.data as { locale?: string } | undefined;
  return textsOf(root?.locale);
}

/** Only http(s) addresses become links: a stored `javascript:` URL must never be clickable. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
