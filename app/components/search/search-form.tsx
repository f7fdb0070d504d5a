import { Form, Link } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { controlClass, FilterSelect } from '#app/components/forms';
import { buttonClass } from '#app/components/ui';
import { offerFormats, offerReaches } from '#app/domain/market/rules';
import { poleMaturities, type SearchKind } from '#app/domain/search/filters';
import { useLocalFormat } from '#app/components/format';
import type { SearchListing } from '#app/models/search.server';
import { countFilters, FilterPanel } from './filter-panel';

const distanceChoices = [10, 25, 50, 100, 200, 500];
const openStates = ['open', 'in_progress'] as const;

/** A distance typed into the URL stays selected, not silently replaced by the first choice. */
function withCurrent(choices: number[], current: number | undefined): number[] {
  return current === undefined || choices.includes(current) ? choices : [...choices, current].sort((a, b) => a - b);
}

export const listPath: Record<SearchKind, string> = { offer: '/offres', request: '/demandes' };

/**
 * The search box and its filters: a GET form, so the whole search lives in the URL and works
 * without JavaScript (empty fields are dropped from the address by the page's redirect). The box
 * stays in sight; the filters fold into a panel on a phone. The distance is offered only to
 * members of a pole (measured from it).
 */
export function SearchForm({ listing }: { listing: SearchListing }) {
  const { t } = useTranslation();
  const { localChoices } = useLocalFormat();
  const searchId = useId();
  const { kind, filters, options } = listing;
  const all = t('search.filters.all');
  // The key resets the uncontrolled fields when the URL changes by a link (suggestion, reset).
  return (
    <Form
      key={JSON.stringify(filters)}
      method="get"
      action={listPath[kind]}
      role="search"
      aria-label={t(`search.${kind}.formLabel`)}
      className="space-y-4 rounded-lg border border-gray-300 bg-gray-50 p-3 sm:p-4"
    >
      <SearchBox id={searchId} label={t('search.filters.q')} value={filters.q} placeholder={t(`search.${kind}.placeholder`)} maxLength={200} />
      <FilterPanel count={countFilters(filters, ['q', 'depuis'])}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <FilterSelect
            name="topic"
            label={t('search.filters.topic')}
            emptyLabel={all}
            value={filters.topic}
            options={localChoices(options.topics, (topic) => topic.slug)}
          />
          <FilterSelect
            name="sector"
            label={t('search.filters.sector')}
            emptyLabel={all}
            value={filters.sector}
            options={localChoices(options.sectors, (sector) => sector.slug)}
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
            options={localChoices(options.regions, (region) => region.code)}
          />
          <FilterSelect
            name="maturity"
            label={t('search.filters.maturity')}
            emptyLabel={all}
            value={filters.maturity}
            options={poleMaturities.map((maturity) => ({ value: maturity, label: t(`maturity.${maturity}`) }))}
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
          <FilterActions submit={t('search.panel.apply')} reset={t('search.filters.reset')} resetTo={listPath[kind]} />
        </div>
      </FilterPanel>
    </Form>
  );
}

/** The text box of a list page's search form, with its own submit button: always in sight. */
export function SearchBox({
  id,
  label,
  value,
  placeholder,
  maxLength,
}: {
  id: string;
  label: string;
  value?: string;
  placeholder?: string;
  maxLength: number;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-gray-900">
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} type="search" name="q" defaultValue={value ?? ''} maxLength={maxLength} placeholder={placeholder} className={controlClass} />
        <button type="submit" className={`${buttonClass()} mt-1 shrink-0`}>
          {t('search.filters.submit')}
        </button>
      </div>
    </div>
  );
}

/** The last cell of a filter panel: apply the filters, or start again from the bare list. */
export function FilterActions({ submit, reset, resetTo }: { submit: string; reset: string; resetTo: string }) {
  return (
    <div className="flex items-end gap-4">
      <button type="submit" className={buttonClass()}>
        {submit}
      </button>
      <Link to={resetTo} className="py-2 text-brand-800 underline">
        {reset}
      </Link>
    </div>
  );
}
