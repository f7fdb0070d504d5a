import { Link, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { SearchListing } from '#app/models/search.server';
import { searchWithout, useFilterLabel } from './filter-labels';
import { listPath } from './search-form';

/** Nothing found: for each active filter, how many results there would be without it, as a link. */
export function EmptyState({ listing }: { listing: SearchListing }) {
  const { t } = useTranslation();
  const location = useLocation();
  const labelOf = useFilterLabel(listing.filters, listing.options, listing.origin);
  const useful = listing.suggestions.filter((suggestion) => suggestion.count > 0);
  const path = listPath[listing.kind];
  return (
    <div className="mt-4 space-y-3 rounded-lg border border-gray-300 bg-white p-4">
      <p className="text-gray-900">{listing.stopWordsOnly ? t('search.stopWordsOnly') : t(`search.${listing.kind}.none`)}</p>
      {useful.length > 0 ? (
        <>
          <h3 className="font-semibold text-gray-900">{t('search.suggestions.title')}</h3>
          <ul className="list-disc space-y-1 pl-6">
            {useful.map((suggestion) => (
              <li key={suggestion.key}>
                <Link to={`${path}${searchWithout(location.search, suggestion.key)}`} className="text-brand-800 underline">
                  {t(`search.suggestions.${listing.kind}${suggestion.more ? 'More' : ''}`, { filter: labelOf(suggestion.key), count: suggestion.count })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : listing.suggestions.length > 0 ? (
        <p className="text-gray-700">{t('search.suggestions.noneHelps')}</p>
      ) : null}
      {listing.suggestions.length > 0 ? (
        <p>
          <Link to={path} className="text-brand-800 underline">
            {t(`search.${listing.kind}.showAll`)}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
