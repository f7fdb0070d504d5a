import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import type { FilterKey, SearchListing } from '#app/models/search.server';

type Filters = SearchListing['filters'];
type Options = SearchListing['options'];

/** « Région : Occitanie », « Texte : tiers lieux »: how an active filter is named on the page. */
export function useFilterLabel(filters: Filters, options: Options, origin: SearchListing['origin']) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const named = (items: Array<{ name: string; nameEn: string; slug?: string; code?: string }>, value: string | undefined) => {
    const item = items.find((candidate) => (candidate.slug ?? candidate.code) === value);
    return item ? localName(item) : (value ?? '');
  };
  const valueOf: Record<FilterKey, () => string> = {
    q: () => filters.q ?? '',
    topic: () => named(options.topics, filters.topic),
    sector: () => named(options.sectors, filters.sector),
    format: () => (filters.format ? t(`market.formats.${filters.format}`) : ''),
    reach: () => (filters.reach ? t(`market.reach.${filters.reach}`) : ''),
    state: () => (filters.state ? t(`market.requestStates.${filters.state}`) : ''),
    region: () => named(options.regions, filters.region),
    maturity: () => (filters.maturity ? t(`maturity.${filters.maturity}`) : ''),
    km: () => t('search.filters.kmValue', { km: filters.km, pole: origin?.name ?? '' }),
  };
  return (key: FilterKey) => t('search.filters.active', { filter: t(`search.filters.${key}`), value: valueOf[key]() });
}

/** The current query string without one filter (and without the page, which no longer applies). */
export function searchWithout(search: string, key: FilterKey): string {
  const params = new URLSearchParams(search);
  params.delete(key);
  params.delete('page');
  if (key === 'km') params.delete('depuis');
  // Empty fields sent by the form say nothing: leave them out of the link.
  for (const [name, value] of [...params.entries()]) if (value === '') params.delete(name);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}
