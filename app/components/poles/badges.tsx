import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const base = 'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold';

/** A labelled pill; the word is always written, colour only repeats it. */
export function Badge({ className, children }: { className: string; children: ReactNode }) {
  return <span className={`${base} ${className}`}>{children}</span>;
}

export function StatusBadge({ status }: { status: 'active' | 'inactive' }) {
  const { t } = useTranslation();
  return (
    <Badge className={status === 'active' ? 'border-brand-700 bg-brand-50 text-brand-800' : 'border-gray-500 bg-gray-100 text-gray-800'}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function MaturityBadge({ maturity }: { maturity: 'emerging' | 'consolidating' | 'mature' }) {
  const { t } = useTranslation();
  return <Badge className="border-gray-500 bg-white text-gray-900">{t(`maturity.${maturity}`)}</Badge>;
}

export function VerifiedBadge() {
  const { t } = useTranslation();
  return (
    <Badge className="border-brand-700 bg-brand-700 text-white">
      <span aria-hidden="true">✓</span>
      {t('poles.badges.verified')}
    </Badge>
  );
}

export function FictionalBadge() {
  const { t } = useTranslation();
  return <Badge className="border-accent-700 bg-amber-50 text-accent-700">{t('poles.badges.fictional')}</Badge>;
}
