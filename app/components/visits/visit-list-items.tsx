import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { PoleLogo } from '#app/components/poles/pole-logo';
import { polePath, visitPath } from '#app/domain/paths';

export type VisitItem = {
  id: string;
  title: string;
  startsAt: string | Date;
  town: string;
  /** `logoUpdatedAt`: the host's logo, when the list has read it. */
  host: { name: string; slug: string; logoUpdatedAt?: Date | string | null };
  region: { name: string; nameEn: string };
  topics: { slug: string; name: string; nameEn: string }[];
  seats: number;
  free: number;
};

/** Seats left, or « full » (then bookings join the waiting list). */
export function SeatsLeft({ visit }: { visit: Pick<VisitItem, 'seats' | 'free'> }) {
  const { t } = useTranslation();
  return visit.free > 0 ? (
    <span className="font-medium text-green-900">{t('calendar.list.seatsLeft', { count: visit.free, seats: visit.seats })}</span>
  ) : (
    <span className="font-medium text-amber-900">{t('calendar.list.full', { seats: visit.seats })}</span>
  );
}

/** One upcoming visit in the list. */
export function VisitListItem({ visit }: { visit: VisitItem }) {
  const { t } = useTranslation();
  const { dateTime, localName } = useLocalFormat();
  return (
    <article className="rounded-lg border border-gray-300 p-4">
      <h3 className="text-lg font-semibold">
        <Link to={visitPath(visit.id)} className="text-brand-800 underline">
          {visit.title}
        </Link>
      </h3>
      <p className="mt-1 font-medium text-gray-900">
        <time dateTime={new Date(visit.startsAt).toISOString()}>{dateTime(visit.startsAt)}</time>
      </p>
      <p className="mt-1 flex items-center gap-2 text-gray-700">
        <PoleLogo pole={{ ...visit.host, logoUpdatedAt: visit.host.logoUpdatedAt ?? null }} size="tiny" fallback="initials" decorative />
        <span>
          {t('calendar.list.host', { pole: '' })}
          <Link to={polePath(visit.host.slug)} className="text-brand-800 underline">
            {visit.host.name}
          </Link>{' '}
          · {t('calendar.list.place', { town: visit.town, region: localName(visit.region) })}
        </span>
      </p>
      {visit.topics.length > 0 ? (
        <p className="mt-1 text-sm text-gray-700">
          <span className="font-medium">{t('calendar.list.topics')} :</span> {visit.topics.map((topic) => localName(topic)).join(', ')}
        </p>
      ) : null}
      <p className="mt-2 text-sm">
        <SeatsLeft visit={visit} />
      </p>
    </article>
  );
}
