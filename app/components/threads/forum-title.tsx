import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';

/** « Forum Occitanie » or « Forum national », in the page's language. */
export function useForumName() {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  return (region: { name: string; nameEn: string } | null) => (region ? t('forum.index.regional', { region: localName(region) }) : t('forum.index.national'));
}
