import { useTranslation } from 'react-i18next';

/** « 3 messages non lus » beside a thread in a list, in words and colour; nothing when all is read. */
export function UnreadBadge({ count }: { count: number | undefined }) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <span className="inline-flex items-center rounded-full bg-brand-800 px-2 py-0.5 text-xs font-semibold text-white">
      {t('liveThread.header.unread', { count })}
    </span>
  );
}
