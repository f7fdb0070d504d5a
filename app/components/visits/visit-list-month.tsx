import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { buttonClass } from '#app/components/ui';
import { visitPath } from '#app/domain/paths';
import { useHrefWith } from './visit-list-filters';

type MonthVisit = { id: string; title: string; time: string; town: string; free: number };
type Cell = { day: string; dayOfMonth: number; visits: MonthVisit[] } | null;

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** « mars 2027 »: a month's name, read as a calendar date (no time zone can move it). */
function useMonthName() {
  const { i18n } = useTranslation();
  return (month: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-01T12:00:00Z`),
    );
}

/** The month grid: a table, weeks Monday first, each visit a link in its day (in Paris). */
export function VisitMonth({ month, previous, next, total, weeks }: { month: string; previous: string; next: string; total: number; weeks: Cell[][] }) {
  const { t } = useTranslation();
  const hrefWith = useHrefWith();
  const monthName = useMonthName();
  const linkClass = buttonClass('secondary', 'sm');
  return (
    <div className="space-y-4">
      <nav aria-label={t('calendar.month.navLabel')} className="flex flex-wrap items-center justify-between gap-2">
        <Link to={hrefWith({ vue: 'mois', mois: previous })} rel="prev" className={linkClass}>
          <span aria-hidden="true">← </span>
          {t('calendar.month.previous')} <span className="sr-only">({monthName(previous)})</span>
        </Link>
        <h2 className="text-xl font-semibold capitalize">{monthName(month)}</h2>
        <Link to={hrefWith({ vue: 'mois', mois: next })} rel="next" className={linkClass}>
          {t('calendar.month.next')} <span className="sr-only">({monthName(next)})</span>
          <span aria-hidden="true"> →</span>
        </Link>
      </nav>
      <p aria-live="polite" className="text-gray-700">
        {total > 0 ? t('calendar.month.count', { count: total }) : t('calendar.month.empty')}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full table-fixed border-collapse text-left">
          <caption className="sr-only">{t('calendar.month.caption', { month: monthName(month) })}</caption>
          <thead>
            <tr>
              {weekdays.map((day) => (
                <th key={day} scope="col" className="border border-gray-300 bg-gray-50 p-2 text-sm">
                  <abbr title={t(`calendar.month.weekdays.${day}`)} className="no-underline">
                    {t(`calendar.month.weekdaysShort.${day}`)}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week, index) => (
              <tr key={index}>
                {week.map((cell, column) =>
                  cell ? (
                    <td key={cell.day} data-day={cell.day} className="h-24 border border-gray-300 p-1 align-top">
                      <span className="block text-sm font-semibold text-gray-700">{cell.dayOfMonth}</span>
                      {cell.visits.length > 0 ? (
                        <ul className="space-y-1">
                          {cell.visits.map((visit) => (
                            <li key={visit.id} className="text-sm">
                              <Link to={visitPath(visit.id)} className="block text-brand-800 underline">
                                {visit.time} {visit.title}
                              </Link>
                              <span className="text-gray-700">{visit.town}</span>
                              {visit.free === 0 ? <span className="text-amber-900"> · {t('calendar.month.full')}</span> : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  ) : (
                    <td key={`empty-${column}`} className="border border-gray-300 bg-gray-100">
                      <span className="sr-only">{t('calendar.month.noDay')}</span>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
