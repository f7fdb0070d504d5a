import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { cardClass, EmptyState, Pill } from '#app/components/ui';
import { textParts } from '#app/domain/threads/text';
import type { LiveMessage } from '#app/utils/realtime.server';

/** The anchor of the « Non lus » separator: the page opens there. */
export const firstUnreadAnchor = 'premier-non-lu';

/**
 * A message's text: web links made clickable (this site's as in-app links, others with
 * `rel="nofollow noopener noreferrer ugc"`), `@mentions` highlighted (the viewer's own more so).
 * React escapes every piece of text.
 */
export function MessageText({ message, siteOrigin, viewerId }: { message: LiveMessage; siteOrigin: string; viewerId: string }) {
  const { t } = useTranslation();
  const parts = textParts(message.body ?? '', { siteOrigin, people: message.mentions });
  return parts.map((part, index) => {
    if (part.kind === 'text') return part.text;
    if (part.kind === 'link') {
      if (part.internal) {
        const url = new URL(part.href);
        return (
          <Link key={index} to={`${url.pathname}${url.search}${url.hash}`} className="break-all text-brand-800 underline">
            {part.text}
          </Link>
        );
      }
      return (
        <a key={index} href={part.href} rel="nofollow noopener noreferrer ugc" className="break-all text-brand-800 underline">
          {part.text}
        </a>
      );
    }
    const name = message.mentions.find((person) => person.id === part.userId)?.name ?? part.text;
    return (
      <strong
        key={index}
        title={t('liveThread.mention', { name })}
        className={part.userId === viewerId ? 'rounded bg-amber-200 px-0.5 text-gray-900' : 'rounded bg-brand-50 px-0.5 text-brand-800'}
      >
        {part.text}
      </strong>
    );
  });
}

export type MessageExtras = {
  /** Under each message: the report form (others' messages), the moderators' hide / restore. */
  actions?: (message: LiveMessage) => ReactNode;
};

/** One message: the viewer's own on the right, tinted and introduced by « Vous » (not by colour alone). */
function MessageItem({
  message,
  own,
  siteOrigin,
  viewerId,
  actions,
}: { message: LiveMessage; own: boolean; siteOrigin: string; viewerId: string } & MessageExtras) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  const author = message.authorName ?? t('liveThread.deletedAuthor');
  const byline = own
    ? message.poleName
      ? t('liveThread.youFor', { pole: message.poleName })
      : t('liveThread.you')
    : message.poleName
      ? t('liveThread.sentBy', { author, pole: message.poleName })
      : t('liveThread.sentByAlone', { author });
  const bylineId = `message-${message.id}-by`;
  return (
    <article aria-labelledby={bylineId} className={`${cardClass(own ? 'brand' : 'plain')} sm:max-w-[85%] ${own ? 'ml-auto' : 'mr-auto'}`}>
      <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-sm">
        <p id={bylineId} className="font-semibold text-gray-900">
          {byline}
        </p>
        <time dateTime={message.createdAt} className="text-gray-700">
          {dateTime(message.createdAt)}
        </time>
      </header>
      {message.hidden && message.body === null ? (
        <p className="mt-2 italic text-gray-700">{t('liveThread.hidden')}</p>
      ) : (
        <>
          {message.hidden ? (
            <p className="mt-2 text-sm text-gray-800">
              <Pill tone="warning">{t('liveThread.hiddenBadge')}</Pill> {t('liveThread.hiddenForModerators')}
            </p>
          ) : null}
          <p className={`mt-2 whitespace-pre-line break-words ${message.hidden ? 'text-gray-700' : 'text-gray-900'}`}>
            <MessageText message={message} siteOrigin={siteOrigin} viewerId={viewerId} />
          </p>
        </>
      )}
      {actions ? actions(message) : null}
    </article>
  );
}

/**
 * The messages in order, a polite live region (messages that arrive are read out), with the
 * « Non lus » separator before the first unread one.
 */
export function MessageList({
  messages,
  viewerId,
  siteOrigin,
  firstUnreadSeq,
  actions,
}: {
  messages: LiveMessage[];
  viewerId: string;
  siteOrigin: string;
  firstUnreadSeq: number | null;
} & MessageExtras) {
  const { t } = useTranslation();
  if (messages.length === 0) return <EmptyState>{t('liveThread.empty')}</EmptyState>;
  return (
    <ol aria-live="polite" aria-relevant="additions" className="space-y-3">
      {messages.map((message) => (
        <li key={message.id} id={`message-${message.id}`} className="scroll-mt-24">
          {message.seq === firstUnreadSeq ? (
            <p id={firstUnreadAnchor} className="mb-3 flex scroll-mt-24 items-center gap-3 text-sm font-semibold text-red-800">
              <span aria-hidden="true" className="h-px flex-1 bg-red-700" />
              {t('liveThread.unread')}
              <span aria-hidden="true" className="h-px flex-1 bg-red-700" />
            </p>
          ) : null}
          <MessageItem message={message} own={message.authorId === viewerId} siteOrigin={siteOrigin} viewerId={viewerId} actions={actions} />
        </li>
      ))}
    </ol>
  );
}
