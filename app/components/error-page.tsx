import { isRouteErrorResponse, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type french from '#app/locales/fr/common';

type ErrorTexts = (typeof french)['errors'];
type TitleKey = Extract<keyof ErrorTexts, `${string}Title`>;

/** Each status a person may meet, with the catalogue texts that explain it. */
const pages: Record<number, TitleKey> = {
  400: 'badRequestTitle',
  403: 'forbiddenTitle',
  404: 'notFoundTitle',
  405: 'methodNotAllowedTitle',
  410: 'goneTitle',
  411: 'badRequestTitle',
  413: 'tooLargeTitle',
  415: 'unsupportedTitle',
  429: 'tooManyRequestsTitle',
  503: 'unavailableTitle',
};

/** The status an error stands for: a thrown Response keeps its own, anything else is a 500. */
export function errorStatus(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

/** The title key of a status; an unlisted 4xx reads as a bad request, an unlisted 5xx as a server error. */
export function errorTitleKey(status: number): TitleKey {
  return pages[status] ?? (status >= 400 && status < 500 ? 'badRequestTitle' : 'serverTitle');
}

/** The page title for an error, from a catalogue (meta functions have no hook). */
export function errorTitle(error: unknown, errors: ErrorTexts): string {
  return errors[errorTitleKey(errorStatus(error))];
}

/** French (or English) error page for any status, showing the real status; never the error's details. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = errorStatus(error);
  const titleKey = errorTitleKey(status);
  const textKey = titleKey.replace(/Title$/, 'Text');
  return (
    <section aria-labelledby="error-title" className="max-w-2xl">
      <p className="text-sm font-semibold text-gray-700">{t('errors.statusLabel', { status })}</p>
      <h1 id="error-title" className="mt-2 text-3xl font-bold">
        {t(`errors.${titleKey}`)}
      </h1>
      <p className="mt-4 text-lg">{t(`errors.${textKey}`)}</p>
      <p className="mt-6">
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </section>
  );
}
