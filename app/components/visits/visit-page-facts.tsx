import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { PoleMap } from '#app/components/map/pole-map';
import { offerPath, polePath, twinningPath } from '#app/domain/paths';
import type { VisitPage } from '#app/models/visit-page.server';

/** What anyone reads of a visit: no participant's name, only counts. */

// Dates travel as dates (single fetch).
export type VisitFacts = VisitPage;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-1 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="font-medium text-gray-900">{label}</dt>
      <dd className="text-gray-800 sm:col-span-2">{children}</dd>
    </div>
  );
}

/**
 * « X places restantes sur Y » and the waiting count, a polite live region: current on each load,
 * and live on the visit page with JavaScript (LiveSeats in live-seats.tsx).
 */
export function SeatsLeft({ availability }: { availability: VisitFacts['availability'] }) {
  const { t } = useTranslation();
  return (
    <p role="status" aria-live="polite" className="rounded border border-gray-300 bg-gray-50 p-3 text-lg font-semibold text-gray-900">
      {t('visits.page.seatsLeft', { count: availability.free, seats: availability.seats })}
      {availability.waiting > 0 ? <span className="ml-2 font-normal">· {t('visits.page.waitingCount', { count: availability.waiting })}</span> : null}
    </p>
  );
}

export function VisitFactsList({ visit }: { visit: VisitFacts }) {
  const { t } = useTranslation();
  const { dateTime, localName } = useLocalFormat();
  const hours = Math.floor(visit.durationMinutes / 60);
  const minutes = visit.durationMinutes % 60;
  return (
    <>
      <dl className="divide-y divide-gray-200">
        <Fact label={t('visits.page.hostedBy')}>
          <Link to={polePath(visit.host.slug)} className="text-brand-800 underline">
            {visit.host.name}
          </Link>
        </Fact>
        <Fact label={t('visits.page.region')}>{localName({ name: visit.host.regionName, nameEn: visit.host.regionNameEn })}</Fact>
        <Fact label={t('visits.page.when')}>{dateTime(visit.startsAt)}</Fact>
        <Fact label={t('visits.page.duration')}>
          {minutes === 0 ? t('visits.page.durationHours', { hours }) : t('visits.page.durationValue', { hours, minutes: String(minutes).padStart(2, '0') })}
        </Fact>
        <Fact label={t('visits.page.place')}>
          {visit.address}, {visit.town}
        </Fact>
        <Fact label={t('visits.page.deadline')}>{dateTime(visit.bookingDeadline)}</Fact>
        <Fact label={t('visits.page.mode')}>{t(`visits.page.modes.${visit.bookingMode}`)}</Fact>
        <Fact label={t('visits.page.costs')}>
          {t(`visits.page.costKinds.${visit.costs}`)}
          {visit.costsNote ? ` — ${visit.costsNote}` : null}
        </Fact>
        {visit.topics.length > 0 ? <Fact label={t('visits.page.topics')}>{visit.topics.map(localName).join(' · ')}</Fact> : null}
      </dl>
      {visit.twinningId ? (
        <p>
          <Link to={twinningPath(visit.twinningId)} className="text-brand-800 underline">
            {t('visits.page.twinning')}
          </Link>
        </p>
      ) : null}
      {visit.offerId ? (
        <p>
          <Link to={offerPath(visit.offerId)} className="text-brand-800 underline">
            {t('visits.page.offer')}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="programme" className="space-y-2">
        <h2 id="programme" className="text-xl font-semibold text-gray-900">
          {t('visits.page.programme')}
        </h2>
        <p className="whitespace-pre-line text-gray-800">{visit.programme}</p>
      </section>
      {visit.accessibility ? (
        <section aria-labelledby="accessibility" className="space-y-2">
          <h2 id="accessibility" className="text-xl font-semibold text-gray-900">
            {t('visits.page.accessibility')}
          </h2>
          <p className="whitespace-pre-line text-gray-800">{visit.accessibility}</p>
        </section>
      ) : null}
      {visit.practical ? (
        <section aria-labelledby="practical" className="space-y-2">
          <h2 id="practical" className="text-xl font-semibold text-gray-900">
            {t('visits.page.practical')}
          </h2>
          <p className="whitespace-pre-line text-gray-800">{visit.practical}</p>
        </section>
      ) : null}
      {visit.latitude !== null && visit.longitude !== null ? (
        <PoleMap
          poles={[{ slug: visit.host.slug, name: visit.host.name, town: visit.town, latitude: visit.latitude, longitude: visit.longitude }]}
          label={t('visits.page.mapLabel')}
          equivalent={t('visits.page.mapEquivalent')}
        />
      ) : null}
    </>
  );
}
