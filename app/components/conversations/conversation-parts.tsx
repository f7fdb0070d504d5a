import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Pill } from '#app/components/ui';
import { twinningPath } from '#app/domain/paths';
import { subjectPath } from '#app/domain/conversations/messages';

type Subject = { subjectType: string; offerId: string | null; requestId: string | null; title: string; twinningId?: string | null };

/** "Offre : <title>" linking to the offer or request the conversation is about (or saying it is gone). */
export function SubjectLink({ thread }: { thread: Subject }) {
  const { t } = useTranslation();
  // A twinning's conversation (opened when both poles accepted) is titled « Jumelage <mentor> — <mentee> ».
  if (thread.subjectType === 'pairing') {
    return thread.twinningId ? (
      <Link to={twinningPath(thread.twinningId)} className="text-brand-800 underline">
        {thread.title}
      </Link>
    ) : (
      <span>{thread.title}</span>
    );
  }
  const kind = thread.subjectType === 'request' ? 'request' : 'offer';
  const id = kind === 'offer' ? thread.offerId : thread.requestId;
  return (
    <>
      <span className="text-gray-700">{t(kind === 'offer' ? 'conversations.list.aboutOffer' : 'conversations.list.aboutRequest')}</span>{' '}
      {id ? (
        <Link to={subjectPath({ kind, id })} className="text-brand-800 underline">
          {thread.title}
        </Link>
      ) : (
        <span>
          {thread.title} ({t('conversations.list.subjectRemoved')})
        </span>
      )}
    </>
  );
}

export function LockedBadge() {
  const { t } = useTranslation();
  return (
    <Pill tone="muted">
      <span aria-hidden="true">🔒</span>
      {t('conversations.list.locked')}
    </Pill>
  );
}
