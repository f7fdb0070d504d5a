import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Card } from '#app/components/ui';
import { polePath, visitPath } from '#app/domain/paths';
import type { AfterVisitLinks } from '#app/models/visit-feedback.server';

/**
 * After a learning visit: the visit page's « Après la visite » links (attendance and the printable
 * sheet for the host, feedback for its readers and for the poles that came), and the top of the
 * attendance, sheet and feedback pages.
 */

const linkClass = 'text-brand-800 underline';

export function VisitAfter({ visitId, links }: { visitId: string; links: AfterVisitLinks | null }) {
  const { t } = useTranslation();
  if (!links) return null;
  return (
    <Card as="section" aria-labelledby="after-visit" className="space-y-2">
      <h2 id="after-visit" className="text-xl font-semibold text-gray-900">
        {t('visitAfter.section.title')}
      </h2>
      <ul className="list-disc space-y-1 pl-6">
        {links.attendance === 'open' ? (
          <li>
            <Link to={visitPath(visitId, 'presences')} className={linkClass}>
              {t('visitAfter.section.attendance')}
            </Link>
          </li>
        ) : null}
        {links.attendance === 'soon' ? <li>{t('visitAfter.section.attendanceSoon')}</li> : null}
        {links.sheet ? (
          <li>
            <Link to={visitPath(visitId, 'emargement')} className={linkClass}>
              {t('visitAfter.section.sheet')}
            </Link>
          </li>
        ) : null}
        {links.feedback ? (
          <li>
            <Link to={visitPath(visitId, 'avis')} className={linkClass}>
              {t(links.feedback === 'read' ? 'visitAfter.section.feedback' : 'visitAfter.section.giveFeedback')}
            </Link>
          </li>
        ) : null}
      </ul>
    </Card>
  );
}

type HeadingVisit = { id: string; title: string; startsAt: Date | string; address: string; town: string; host: { name: string; slug: string } };

/** The top of a page after the visit: back to the visit, the title, when, where and who hosts. */
export function AfterVisitHeader({ visit, title, children }: { visit: HeadingVisit; title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  return (
    <header className="space-y-3">
      <p className="print:hidden">
        <Link to={visitPath(visit.id)} className={linkClass}>
          <span aria-hidden="true">← </span>
          {t('visitAfter.visit.back')}
        </Link>
      </p>
      <h1 className="text-3xl font-bold text-gray-900">{title}</h1>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-gray-900">{t('visitAfter.visit.when')}</dt>
        <dd>
          <time dateTime={new Date(visit.startsAt).toISOString()}>{dateTime(visit.startsAt)}</time>
        </dd>
        <dt className="font-medium text-gray-900">{t('visitAfter.visit.place')}</dt>
        <dd>
          {visit.address}, {visit.town}
        </dd>
        <dt className="font-medium text-gray-900">{t('visitAfter.visit.host')}</dt>
        <dd>
          <Link to={polePath(visit.host.slug)} className={`${linkClass} print:no-underline`}>
            {visit.host.name}
          </Link>
        </dd>
      </dl>
      {children}
    </header>
  );
}
