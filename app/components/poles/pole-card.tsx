import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { PoleSummary } from '#app/models/poles.server';
import { FictionalBadge, MaturityBadge, StatusBadge, VerifiedBadge } from './badges';
import { useLocalFormat } from '#app/components/format';
import { polePath } from '#app/domain/paths';
import { PoleLogo } from './pole-logo';

/** One pole in the directory. */
export function PoleCard({ pole }: { pole: PoleSummary }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  return (
    <article className="flex h-full flex-col gap-2 rounded-lg border border-gray-300 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <h3 className="text-lg font-semibold leading-snug">
          <Link to={polePath(pole.slug)} className="text-brand-800 underline hover:text-brand-700">
            {pole.name}
          </Link>
        </h3>
        <PoleLogo pole={pole} size="small" fallback="initials" decorative />
      </div>
      <p className="text-sm text-gray-700">{t('poles.card.place', { town: pole.town, department: pole.departmentCode, region: localName(pole.region) })}</p>
      <ul aria-label={t('poles.card.features')} className="flex flex-wrap gap-1">
        <li>
          <StatusBadge status={pole.status} />
        </li>
        <li>
          <MaturityBadge maturity={pole.maturity} />
        </li>
        {pole.verified ? (
          <li>
            <VerifiedBadge />
          </li>
        ) : null}
        {pole.fictional ? (
          <li>
            <FictionalBadge />
          </li>
        ) : null}
      </ul>
      {pole.sectors.length > 0 ? (
        <p className="text-sm text-gray-700">
          <span className="font-medium text-gray-900">{t('poles.card.sectors')}</span> {pole.sectors.map(localName).join(' · ')}
        </p>
      ) : null}
    </article>
  );
}
