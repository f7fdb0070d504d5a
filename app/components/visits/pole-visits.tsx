import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { visitPath } from '#app/domain/paths';
import type { HostingRecord } from '#app/models/visit-feedback.server';
import { VisitListItem, type VisitItem } from './visit-list-items';

type PastVisit = { id: string; title: string; startsAt: string | Date };

/** A pole's page: its upcoming learning visits, its latest past ones, and its record as a host (visits hosted, average rating of the poles that came). */
export function PoleVisits({ upcoming, past, record }: { upcoming: VisitItem[]; past: PastVisit[]; record: HostingRecord }) {
  const { t } = useTranslation();
  const { date, rating } = useLocalFormat();
  return (
    <section aria-labelledby="pole-visits" className="space-y-3">
      <h2 id="pole-visits" className="text-2xl font-semibold">
        {t('visitAfter.record.title')}
      </h2>
      {record.hosted > 0 ? (
        <p data-testid="hosting-record">
          {t('visitAfter.record.hosted', { count: record.hosted })}
          {' · '}
          {record.rating.average === null
            ? t('visitAfter.record.noRating')
            : t('visitAfter.record.rating', { average: rating(record.rating.average), count: record.rating.count })}
        </p>
      ) : (
        <p className="text-gray-700">{t('visitAfter.record.never')}</p>
      )}
      <p id="pole-visits-upcoming" className="font-semibold">
        {t('visitAfter.record.upcoming')}
      </p>
      {upcoming.length > 0 ? (
        <ul aria-labelledby="pole-visits-upcoming" className="space-y-3">
          {upcoming.map((visit) => (
            <li key={visit.id}>
              <VisitListItem visit={visit} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-gray-700">{t('visitAfter.record.noUpcoming')}</p>
      )}
      {past.length > 0 ? (
        <>
          <p id="pole-visits-past" className="font-semibold">
            {t('visitAfter.record.past')}
          </p>
          <ul aria-labelledby="pole-visits-past" className="list-disc space-y-1 pl-6">
            {past.map((visit) => (
              <li key={visit.id}>
                <Link to={visitPath(visit.id)} className="text-brand-800 underline">
                  {visit.title}
                </Link>{' '}
                — {date(visit.startsAt)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
