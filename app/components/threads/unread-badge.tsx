import { useTranslation } from 'react-i18next';
import { Pill } from '#app/components/ui';

/** « 3 messages non lus » beside a thread in a list, in words and colour; nothing when all is read. */
export function UnreadBadge({ count }: { count: number | undefined }) {
  const { t } = useTranslation();
  if (!count) return null;
  return <Pill tone="solid">{t('liveThread.header.unread', { count })}</Pill>;
}
