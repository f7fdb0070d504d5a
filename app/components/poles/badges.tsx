import { useTranslation } from 'react-i18next';
import { Pill } from '#app/components/ui';

export function StatusBadge({ status }: { status: 'active' | 'inactive' }) {
  const { t } = useTranslation();
  return <Pill tone={status === 'active' ? 'brand' : 'muted'}>{t(`status.${status}`)}</Pill>;
}

export function MaturityBadge({ maturity }: { maturity: 'emerging' | 'consolidating' | 'mature' }) {
  const { t } = useTranslation();
  return <Pill>{t(`maturity.${maturity}`)}</Pill>;
}

export function VerifiedBadge() {
  const { t } = useTranslation();
  return (
    <Pill tone="solid">
      <span aria-hidden="true">✓</span>
      {t('poles.badges.verified')}
    </Pill>
  );
}

export function FictionalBadge() {
  const { t } = useTranslation();
  return <Pill tone="warning">{t('poles.badges.fictional')}</Pill>;
}
