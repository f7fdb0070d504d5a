import { Form, Link, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';
import { panelClass, segmentClass } from '#app/components/ui';
import type { LocalName } from '#app/models/poles.server';
import type { VisitFilters } from '#app/models/visit-list.server';
import { countFilters, FilterPanel } from '#app/components/search/filter-panel';
import { FilterActions } from '#app/components/search/search-form';

type Options = { regions: (LocalName & { code: string })[]; topics: (LocalName & { slug: string })[]; sectors: (LocalName & { slug: string })[] };

/** The current address with some query parameters changed (undefined removes one); the page is reset. */
export function useHrefWith() {
  const location = useLocation();
  return (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(location.search);
    params.delete('page');
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) params.delete(key);
      else params.set(key, value);
    }
    const search = params.toString();
    return search ? `/visites?${search}` : '/visites';
  };
}

/**
 * The filters: a GET form, so they live in the URL and work without JavaScript; the view is kept.
 * They fold into a panel on a phone.
 */
export function VisitListFilters({ filters, options, view, month }: { filters: VisitFilters; options: Options; view: 'list' | 'month'; month?: string }) {
  const { t } = useTranslation();
  const { localChoices } = useLocalFormat();
  const resetHref = view === 'month' ? `/visites?vue=mois${month ? `&mois=${month}` : ''}` : '/visites';
  return (
    <Form key={JSON.stringify(filters)} method="get" action="/visites" role="search" aria-label={t('calendar.list.filtersLabel')} className={panelClass}>
      {view === 'month' ? <input type="hidden" name="vue" value="mois" /> : null}
      {view === 'month' && month ? <input type="hidden" name="mois" value={month} /> : null}
      <FilterPanel count={countFilters(filters)}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <FilterSelect
            name="region"
            label={t('calendar.list.region')}
            emptyLabel={t('calendar.list.allRegions')}
            value={filters.region}
            options={localChoices(options.regions, (region) => region.code)}
          />
          <FilterSelect
            name="topic"
            label={t('calendar.list.topic')}
            emptyLabel={t('calendar.list.allTopics')}
            value={filters.topic}
            options={localChoices(options.topics, (topic) => topic.slug)}
          />
          <FilterSelect
            name="sector"
            label={t('calendar.list.sector')}
            emptyLabel={t('calendar.list.allSectors')}
            value={filters.sector}
            options={localChoices(options.sectors, (sector) => sector.slug)}
          />
          <FilterActions submit={t('calendar.list.submit')} reset={t('calendar.list.reset')} resetTo={resetHref} />
        </div>
      </FilterPanel>
    </Form>
  );
}

/** List or month: two links that keep the filters. */
export function VisitViewSwitch({ view }: { view: 'list' | 'month' }) {
  const { t } = useTranslation();
  const hrefWith = useHrefWith();
  const link = (target: 'list' | 'month', label: string) => (
    <Link
      to={hrefWith(target === 'month' ? { vue: 'mois' } : { vue: undefined, mois: undefined })}
      aria-current={view === target ? 'page' : undefined}
      className={segmentClass(view === target)}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label={t('calendar.list.viewsLabel')}>
      <ul className="flex gap-2">
        <li>{link('list', t('calendar.list.listView'))}</li>
        <li>{link('month', t('calendar.list.monthView'))}</li>
      </ul>
    </nav>
  );
}
