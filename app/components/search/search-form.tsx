import { Form, Link } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { controlClass, FilterSelect } from '#app/components/forms';
import { offerFormats, offerReaches } from '#app/domain/market/rules';
import { useLocalFormat } from '#app/components/format';
import type { SearchKind, SearchListing } from '#app/models/search.server';

const distanceChoices = [10, 25, 50, 100, 200, 500];
const maturities = ['emerging', 'consolidating', 'mature'] as const;
const openStates = ['open', 'in_progress'] as const;

/** A distance typed into the URL stays selected, not silently replaced by the first choice. */
function withCurrent(choices: number[], current: number | undefined): number[] {
  return current === undefined || choices.includes(current) ? choices : [...choices, current].sort((a, b) => a - b);
}

export const listPath: Record<SearchKind, string> = { offer: '/offres', request: '/demandes' };

/**
 * The search box and its filters: a GET form, so the whole search lives in the URL and works
 * without JavaScript. The distance is offered only to members of a pole (measured from it).
 */
export function SearchForm({ listing }: { listing: SearchListing }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const searchId = useId();
  const { kind, filters, options } = listing;
  const named = <T extends { name: string; nameEn: string }>(items: T[], value: (item: T) => string) =>
    items.map((item) => ({ value: value(item), label: localName(item) }));
  const all = t('search.filters.all');
  // The key resets the uncontrolled fields when the URL changes by a link (suggestion, reset).
  return (
    <Form
      key={JSON.stringify(filters)}
      method="get"
      action={listPath[kind]}
      role="search"
      aria-label={t(`search.${kind}.formLabel`)}
      className="rounded-lg border border-gray-300 bg-gray-50 p-4"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2">
          <label htmlFor={searchId} className="block font-medium text-gray-900">
            {t('search.filters.q')}
          </label>
          <input
            id={searchId}
            type="search"
            name="q"
            defaultValue={filters.q ?? ''}
            maxLength={200}
            placeholder={t(`search.${kind}.placeholder`)}
            className={controlClass}
          />
        </div>
        <FilterSelect
          name="topic"
          label={t('search.filters.topic')}
          emptyLabel={all}
          value={filters.topic}
          options={named(options.topics, (topic) => topic.slug)}
        />
        <FilterSelect
          name="sector"
          label={t('search.filters.sector')}
          emptyLabel={all}
          value={filters.sector}
          options={named(options.sectors, (sector) => sector.slug)}
        />
        <FilterSelect
          name="format"
          label={t(kind === 'offer' ? 'search.filters.format' : 'search.filters.preferredFormat')}
          emptyLabel={all}
          value={filters.format}
          options={offerFormats.map((format) => ({ value: format, label: t(`market.formats.${format}`) }))}
        />
        {kind === 'offer' ? (
          <FilterSelect
            name="reach"
            label={t('search.filters.reach')}
            emptyLabel={all}
            value={filters.reach}
            options={offerReaches.map((reach) => ({ value: reach, label: t(`market.reach.${reach}`) }))}
          />
        ) : (
          <FilterSelect
            name="state"
            label={t('search.filters.state')}
            emptyLabel={t('search.filters.allOpenStates')}
            value={filters.state}
            options={openStates.map((state) => ({ value: state, label: t(`market.requestStates.${state}`) }))}
          />
        )}
        <FilterSelect
          name="region"
          label={t('search.filters.region')}
          emptyLabel={all}
          value={filters.region}
          options={named(options.regions, (region) => region.code)}
        />
        <FilterSelect
          name="maturity"
          label={t('search.filters.maturity')}
          emptyLabel={all}
          value={filters.maturity}
          options={maturities.map((maturity) => ({ value: maturity, label: t(`maturity.${maturity}`) }))}
        />
        {options.myPoles.length > 0 ? (
          <>
            <FilterSelect
              name="km"
              label={t(options.myPoles.length === 1 ? 'search.filters.kmFrom' : 'search.filters.km', { pole: options.myPoles[0]!.name })}
              emptyLabel={t('search.filters.anyDistance')}
              value={filters.km}
              options={withCurrent(distanceChoices, filters.km).map((km) => ({ value: km, label: t('search.filters.kmChoice', { km }) }))}
            />
            {options.myPoles.length > 1 ? (
              <FilterSelect
                name="depuis"
                label={t('search.filters.depuis')}
                value={filters.depuis ?? options.myPoles[0]!.slug}
                options={options.myPoles.map((pole) => ({ value: pole.slug, label: pole.name }))}
              />
            ) : null}
          </>
        ) : null}
        <div className="flex items-end gap-4">
          <button
            type="submit"
            className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-amber-500"
          >
            {t('search.filters.submit')}
          </button>
          <Link to={listPath[kind]} className="py-2 text-brand-800 underline">
            {t('search.filters.reset')}
          </Link>
        </div>
      </div>
    </Form>
  );
}
