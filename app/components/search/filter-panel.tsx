import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonClass } from '#app/components/ui';

/**
 * Where a browser can style a <details>'s content (::details-content), the panel is always open
 * from the md breakpoint and its summary is hidden; elsewhere it stays a panel that opens on a
 * click, so its fields are never out of reach.
 */
const wideOpen = 'supports-[selector(::details-content)]:md:[&::details-content]:[content-visibility:visible]';
const wideHidden = 'supports-[selector(::details-content)]:md:hidden';

/**
 * The filters of a list page (offers, requests, poles, visits), folded on a phone into a panel
 * « Filtres (n) », n the number of filters in use (the search box, always shown above, is not
 * counted): the results then start within the first screen. A <details>, so it opens without
 * JavaScript; on a wide screen the fields are simply shown.
 */
export function FilterPanel({ count, children }: { count: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className={`group ${wideOpen}`}>
      <summary className={`${buttonClass('secondary')} cursor-pointer marker:content-none [&::-webkit-details-marker]:hidden ${wideHidden}`}>
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
          ▸
        </span>
        {t('search.panel.summary', { count })}
      </summary>
      <div className="mt-4 md:mt-0">{children}</div>
    </details>
  );
}

/** The filters in use, for the panel's count: every filled one but the text. */
export function countFilters(filters: Record<string, unknown>, uncounted: string[] = ['q']): number {
  return Object.entries(filters).filter(([key, value]) => !uncounted.includes(key) && value !== undefined && value !== '').length;
}
