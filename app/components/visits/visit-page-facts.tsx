import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { PoleMap } from '#app/components/map/pole-map';
import { cardClass } from '#app/components/ui';
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
    <p role="status" aria-live="polite" className={`${cardClass()} text-lg font-semibold text-gray-900`}>
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
      <TextSection id="programme" title={t('visits.page.programme')} text={visit.programme} />
      {visit.accessibility ? <TextSection id="accessibility" title={t('visits.page.accessibility')} text={visit.accessibility} /> : null}
      {visit.practical ? <TextSection id="practical" title={t('visits.page.practical')} text={visit.practical} /> : null}
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

/** A titled text of the host's, its line breaks kept. */
function TextSection({ id, title, text }: { id: string; title: string; text: string }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold text-gray-900">
        {title}
      </h2>
      <p className="whitespace-pre-line text-gray-800">{text}</p>
    </section>
  );
}
