import { Form, Link } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { controlClass, FilterSelect } from '#app/components/forms';
import type { LocalName, RegionName, SectorName } from '#app/models/poles.server';
import { useLocalFormat } from '#app/components/format';

export type DirectoryFilters = { q?: string; region?: string; status?: string; maturity?: string; sector?: string };

/** The directory's filters: a GET form, so every filter lives in the URL and works without JavaScript. */
export function DirectoryFilterForm({ filters, regions, sectors }: { filters: DirectoryFilters; regions: RegionName[]; sectors: SectorName[] }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const searchId = useId();
  const asOptions = <T extends LocalName>(items: T[], value: (item: T) => string) => items.map((item) => ({ value: value(item), label: localName(item) }));
  // The key resets the uncontrolled fields when the URL changes by a link (reset, pagination).
  const key = JSON.stringify(filters);
  return (
    <Form
      key={key}
      method="get"
      action="/poles"
      role="search"
      aria-label={t('poles.directory.filtersLabel')}
      className="rounded-lg border border-gray-300 bg-gray-50 p-4"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <label htmlFor={searchId} className="block font-medium text-gray-900">
            {t('poles.directory.search')}
          </label>
          <input id={searchId} type="search" name="q" defaultValue={filters.q ?? ''} maxLength={100} className={controlClass} />
        </div>
        <FilterSelect
          name="region"
          label={t('poles.directory.region')}
          emptyLabel={t('poles.directory.allRegions')}
          value={filters.region}
          options={asOptions(regions, (region) => region.code)}
        />
        <FilterSelect
          name="sector"
          label={t('poles.directory.sector')}
          emptyLabel={t('poles.directory.allSectors')}
          value={filters.sector}
          options={asOptions(sectors, (sector) => sector.slug)}
        />
        <FilterSelect
          name="status"
          label={t('poles.directory.status')}
          emptyLabel={t('poles.directory.allStatuses')}
          value={filters.status}
          options={(['active', 'inactive'] as const).map((status) => ({ value: status, label: t(`status.${status}`) }))}
        />
        <FilterSelect
          name="maturity"
          label={t('poles.directory.maturity')}
          emptyLabel={t('poles.directory.allMaturities')}
          value={filters.maturity}
          options={(['emerging', 'consolidating', 'mature'] as const).map((maturity) => ({ value: maturity, label: t(`maturity.${maturity}`) }))}
        />
        <div className="flex items-end gap-4">
          <button
            type="submit"
            className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-amber-500"
          >
            {t('poles.directory.submit')}
          </button>
          <Link to="/poles" className="py-2 text-brand-800 underline">
            {t('poles.directory.reset')}
          </Link>
        </div>
      </div>
    </Form>
  );
}
