import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Card, Pill } from '#app/components/ui';
import { twinningPath } from '#app/domain/paths';
import { subjectPath } from '#app/domain/conversations/messages';
import { siteLinks } from '#app/domain/conversations/site-links';

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

type ShownMessage = { id: string; body: string | null; hidden: boolean; createdAt: Date | string; authorName: string | null; poleName: string | null };

/** A message's text, with the addresses of this site's pages (`siteOrigin`) as links. */
function MessageText({ body, siteOrigin }: { body: string; siteOrigin?: string }) {
  if (!siteOrigin) return body;
  return siteLinks(body, siteOrigin).map((part, index) =>
    typeof part === 'string' ? (
      part
    ) : (
      <Link key={index} to={part.path} className="text-brand-800 underline">
        {part.text}
      </Link>
    ),
  );
}

/** The messages in order; a message hidden by moderation keeps its place but not its text. */
export function MessageList({ messages, siteOrigin }: { messages: ShownMessage[]; siteOrigin?: string }) {
  const { t } = useTranslation();
  const formatDate = useLocalFormat().dateTime;
  return (
    <ol className="space-y-4">
      {messages.map((message) => (
        <li key={message.id} id={`message-${message.id}`}>
          <Card as="article" aria-labelledby={`message-${message.id}-by`}>
            <header className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <p id={`message-${message.id}-by`} className="font-semibold text-gray-900">
                {t('conversations.thread.sentBy', {
                  author: message.authorName ?? t('conversations.thread.deletedAuthor'),
                  pole: message.poleName ?? t('conversations.thread.unknownPole'),
                })}
              </p>
              <time dateTime={new Date(message.createdAt).toISOString()} className="text-gray-700">
                {formatDate(message.createdAt)}
              </time>
            </header>
            {message.hidden ? (
              <p className="mt-2 italic text-gray-700">{t('conversations.thread.hidden')}</p>
            ) : (
              <p className="mt-2 whitespace-pre-line break-words text-gray-900">
                <MessageText body={message.body ?? ''} siteOrigin={siteOrigin} />
              </p>
            )}
          </Card>
        </li>
      ))}
    </ol>
  );
}
