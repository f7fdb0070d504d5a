import { useTranslation } from 'react-i18next';
import { PoleMap, type MapPole } from '#app/components/map/pole-map';
import { Pagination } from '#app/components/poles/pagination';
import { ButtonLink, Notice } from '#app/components/ui';
import { useLocalFormat } from '#app/components/format';
import type { SearchListing } from '#app/models/search.server';
import { EmptyState } from './empty-state';
import { ResultCard } from './result-card';
import { SearchForm, listPath } from './search-form';

/** The poles of the page's results, once each, for the map beside them. */
function polesOf(listing: SearchListing): MapPole[] {
  const bySlug = new Map<string, MapPole>();
  for (const { pole } of listing.results) {
    bySlug.set(pole.slug, { slug: pole.slug, name: pole.name, town: pole.town, latitude: pole.latitude, longitude: pole.longitude });
  }
  return [...bySlug.values()];
}

/** « Occitanie » or « Figeac » in the text: the page says the items of the poles there are included. */
function PlacesNotice({ listing }: { listing: SearchListing }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  if (listing.places.length === 0) return null;
  return (
    <Notice className="mt-3">
      {listing.places.map((place) => (
        <p key={place.kind === 'region' ? place.code : place.name}>
          {place.kind === 'region'
            ? t(`search.places.${listing.kind}.region`, { place: localName(place) })
            : t(`search.places.${listing.kind}.town`, { place: place.name })}
        </p>
      ))}
    </Notice>
  );
}

/** /offres and /demandes: title, search form, results beside a map, pagination or suggestions. */
export function SearchPage({ listing, canPublish }: { listing: SearchListing; canPublish: boolean }) {
  const { t } = useTranslation();
  const { kind } = listing;
  const resultsId = `${kind}-results`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-3xl space-y-2">
          <h1 className="text-3xl font-bold">{t(`search.${kind}.title`)}</h1>
          <p className="text-gray-700">{t(`search.${kind}.intro`)}</p>
        </div>
        {canPublish ? <ButtonLink to={`${listPath[kind]}/nouvelle`}>{t(`search.${kind}.publish`)}</ButtonLink> : null}
      </div>
      <SearchForm listing={listing} />
      <section aria-labelledby={resultsId}>
        <div aria-live="polite">
          <h2 id={resultsId} className="text-xl font-semibold">
            {listing.stopWordsOnly
              ? t('search.stopWordsTitle')
              : t(listing.total.more ? `search.${kind}.countMore` : `search.${kind}.count`, { count: listing.total.count })}
          </h2>
        </div>
        <PlacesNotice listing={listing} />
        {listing.results.length > 0 ? (
          <div className="mt-4 grid gap-6 lg:grid-cols-3">
            <ol className="space-y-4 lg:col-span-2">
              {listing.results.map((result) => (
                <li key={result.id}>
                  <ResultCard kind={kind} result={result} origin={listing.origin?.name ?? null} />
                </li>
              ))}
            </ol>
            <div className="lg:sticky lg:top-4 lg:self-start">
              <PoleMap poles={polesOf(listing)} label={t(`search.${kind}.mapLabel`)} />
            </div>
          </div>
        ) : (
          <EmptyState listing={listing} />
        )}
        <Pagination page={listing.page} pageCount={listing.pageCount} />
      </section>
    </div>
  );
}
