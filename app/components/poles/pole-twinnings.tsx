import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { requestPath } from '#app/domain/paths';
import { PoleTag } from './pole-tag';

type TwinningPole = { id: string; slug: string; name: string; logoUpdatedAt: Date | string | null };
export type ShownTwinning = {
  id: string;
  activatedAt: Date | string | null;
  mentor: TwinningPole;
  mentee: TwinningPole;
  request: { id: string; title: string } | null;
};

/** Since when a twinning is under way and what it is about: the request it answers, or the emerging pole as a whole. */
export function TwinningFacts({ twinning, className }: { twinning: Pick<ShownTwinning, 'activatedAt' | 'request'>; className?: string }) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  const { activatedAt, request } = twinning;
  return (
    <p className={`text-sm text-gray-700 ${className ?? ''}`}>
      {activatedAt ? `${t('poles.twinnings.since', { date: date(activatedAt) })} · ` : null}
      {request ? (
        <>
          {t('poles.twinnings.onRequest')}{' '}
          <Link to={requestPath(request.id)} className="text-brand-800 underline">
            {request.title}
          </Link>
        </>
      ) : (
        t('poles.twinnings.wholePole')
      )}
    </p>
  );
}

/**
 * The pole's twinnings under way that both poles agreed to show: the other pole, its role, since
 * when and on what. Its members also read how many others are under way and why they are not here.
 */
export function PoleTwinnings({ poleId, twinnings, unnamed }: { poleId: string; twinnings: ShownTwinning[]; unnamed: number }) {
  const { t } = useTranslation();
  if (twinnings.length === 0 && unnamed === 0) return null;
  return (
    <section aria-labelledby="pole-twinnings" className="space-y-3">
      <h2 id="pole-twinnings" className="text-2xl font-semibold">
        {t('poles.twinnings.title')}
      </h2>
      {twinnings.length > 0 ? (
        <ul className="space-y-3">
          {twinnings.map((twinning) => {
            const mentors = twinning.mentor.id === poleId;
            const other = mentors ? twinning.mentee : twinning.mentor;
            return (
              <li key={twinning.id} className="rounded-lg border border-gray-300 bg-white p-3">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="text-gray-700">{mentors ? t('poles.twinnings.mentors') : t('poles.twinnings.mentoredBy')}</span>
                  <PoleTag pole={other} size="small" className="font-semibold" />
                </p>
                <TwinningFacts twinning={twinning} className="mt-1" />
              </li>
            );
          })}
        </ul>
      ) : null}
      {unnamed > 0 ? (
        <p className="text-sm text-gray-700" data-testid="unnamed-twinnings">
          {t('poles.twinnings.unnamed', { count: unnamed })}{' '}
          <Link to="/jumelages" className="text-brand-800 underline">
            {t('poles.twinnings.manage')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
