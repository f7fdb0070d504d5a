import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { useLanguageNames } from '#app/components/market/badges';
import type { MentoringProfile } from '#app/models/pole-profile.server';

/**
 * What a pole declared as the mentoring side, on its page: « Peut accompagner 3 pôles à la fois ·
 * 1 jumelage en cours · thématiques transmises : … · langues : … ». Nothing when the pole mentors
 * nobody and passes on no topic (most emerging poles).
 */
export function MentoringCard({ profile, headingId = 'pole-mentoring' }: { profile: MentoringProfile; headingId?: string }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const languageNames = useLanguageNames();
  if (profile.capacity === 0 && profile.topics.length === 0) return null;
  const parts = [
    profile.capacity > 0 ? t('profile.mentoring.card.capacity', { count: profile.capacity }) : t('profile.mentoring.card.noCapacity'),
    ...(profile.capacity > 0 || profile.activeLoad > 0 ? [t('profile.mentoring.card.load', { count: profile.activeLoad })] : []),
    ...(profile.topics.length > 0 ? [t('profile.mentoring.card.topics', { topics: profile.topics.map(localName).join(', ') })] : []),
    ...(profile.languages.length > 0 ? [t('profile.mentoring.card.languages', { languages: languageNames(profile.languages) })] : []),
  ];
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h2 id={headingId} className="text-2xl font-semibold">
        {t('profile.mentoring.card.title')}
      </h2>
      <p className="text-gray-900">{parts.join(' · ')}</p>
    </section>
  );
}
