import { Form } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '#app/components/forms';
import { poleMaturities } from '#app/domain/search/filters';
import type { RegionName, SectorName } from '#app/models/poles.server';
import { useLocalFormat } from '#app/components/format';
import { panelClass } from '#app/components/ui';
import { countFilters, FilterPanel } from '#app/components/search/filter-panel';
import { FilterActions, SearchBox } from '#app/components/search/search-form';

export type DirectoryFilters = { q?: string; region?: string; status?: string; maturity?: string; sector?: string };

/**
 * The directory's filters: a GET form, so every filter lives in the URL and works without
 * JavaScript. The name box stays in sight; the other filters fold into a panel on a phone.
 */
export function DirectoryFilterForm({ filters, regions, sectors }: { filters: DirectoryFilters; regions: RegionName[]; sectors: SectorName[] }) {
  const { t } = useTranslation();
  const { localChoices } = useLocalFormat();
  const searchId = useId();
  // The key resets the uncontrolled fields when the URL changes by a link (reset, pagination).
  const key = JSON.stringify(filters);
  return (
    <Form key={key} method="get" action="/poles" role="search" aria-label={t('poles.directory.filtersLabel')} className={`${panelClass} space-y-4`}>
      <SearchBox id={searchId} label={t('poles.directory.search')} value={filters.q} maxLength={100} />
      <FilterPanel count={countFilters(filters)}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <FilterSelect
            name="region"
            label={t('poles.directory.region')}
            emptyLabel={t('poles.directory.allRegions')}
            value={filters.region}
            options={localChoices(regions, (region) => region.code)}
          />
          <FilterSelect
            name="sector"
            label={t('poles.directory.sector')}
            emptyLabel={t('poles.directory.allSectors')}
            value={filters.sector}
            options={localChoices(sectors, (sector) => sector.slug)}
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
            options={poleMaturities.map((maturity) => ({ value: maturity, label: t(`maturity.${maturity}`) }))}
          />
          <FilterActions submit={t('poles.directory.submit')} reset={t('poles.directory.reset')} resetTo="/poles" />
        </div>
      </FilterPanel>
    </Form>
  );
}
