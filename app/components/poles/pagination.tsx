import { Link, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { segmentClass } from '#app/components/ui';

/** Pages to show: the first, the last, and two either side of the current one. */
function visiblePages(page: number, pageCount: number): (number | 'gap')[] {
  const pages: (number | 'gap')[] = [];
  for (let candidate = 1; candidate <= pageCount; candidate += 1) {
    if (candidate === 1 || candidate === pageCount || Math.abs(candidate - page) <= 2) pages.push(candidate);
    else if (pages.at(-1) !== 'gap') pages.push('gap');
  }
  return pages;
}

const linkClass = `${segmentClass(false)} min-w-10`;
const currentClass = `${segmentClass(true)} min-w-10`;

/** Page links that keep the current filters of the query string. */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pageCount <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    if (target === 1) params.delete('page');
    else params.set('page', String(target));
    const search = params.toString();
    return search ? `?${search}` : location.pathname;
  };
  return (
    <nav aria-label={t('poles.pagination.label')} className="mt-8 flex flex-col items-center gap-3">
      <p className="text-sm text-gray-700">{t('poles.pagination.pageOf', { page, pageCount })}</p>
      <ul className="flex flex-wrap items-center justify-center gap-2">
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)} rel="prev" aria-label={t('poles.pagination.previousLabel')} className={linkClass}>
              <span aria-hidden="true">← </span>
              {t('poles.pagination.previous')}
            </Link>
          </li>
        ) : null}
        {visiblePages(page, pageCount).map((item, index) =>
          item === 'gap' ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-gray-700">
              …
            </li>
          ) : (
            <li key={item}>
              <Link
                to={hrefFor(item)}
                aria-label={t('poles.pagination.page', { page: item })}
                aria-current={item === page ? 'page' : undefined}
                className={item === page ? currentClass : linkClass}
              >
                {item}
              </Link>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link to={hrefFor(page + 1)} rel="next" aria-label={t('poles.pagination.nextLabel')} className={linkClass}>
              {t('poles.pagination.next')}
              <span aria-hidden="true"> →</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
