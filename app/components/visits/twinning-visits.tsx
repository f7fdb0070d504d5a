import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { visitPath } from '#app/domain/paths';

type TwinningVisit = { id: string; title: string; startsAt: string | Date; state: 'scheduled' | 'cancelled'; hostName: string };

/** A twinning's page: the learning visits that belong to it, and (as `children`) the link to host one. */
export function TwinningVisits({ visits, children }: { visits: TwinningVisit[]; children?: ReactNode }) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  return (
    <section aria-labelledby="twinning-visits" className="space-y-2">
      <h2 id="twinning-visits" className="text-xl font-semibold text-gray-900">
        {t('twinnings.page.visitsTitle')}
      </h2>
      {visits.length > 0 ? (
        <ul className="list-disc space-y-1 pl-6">
          {visits.map((visit) => (
            <li key={visit.id}>
              <Link to={visitPath(visit.id)} className="text-brand-800 underline">
                {visit.title}
              </Link>{' '}
              — {visit.hostName}, {dateTime(visit.startsAt)}
              {visit.state === 'cancelled' ? <> ({t('twinnings.page.visitCancelled')})</> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-gray-700">{t('twinnings.page.noVisits')}</p>
      )}
      {children ? <p>{children}</p> : null}
    </section>
  );
}
