import { Link } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Notice } from '#app/components/ui';
import { useLiveSocket } from '#app/components/realtime/use-live-socket';
import { threadLinkPath } from '#app/domain/paths';
import type { RealtimePayload } from '#app/utils/realtime.server';

/**
 * What the live threads tell a signed-in person wherever they are (decision 019): someone named
 * them (`mention:new`), or moderation hid or restored one of their messages or muted them
 * (`moderation:notice`). Each shows in a polite live region under the header until dismissed,
 * with a link to the thread. The same news also comes by mail: nothing is lost without JavaScript.
 */

type LiveNotice = { key: string; threadId: string | null; messageId: string | null } & (
  | { kind: 'mention'; by: string; title: string }
  | { kind: 'message-hidden' | 'message-restored'; reason: string }
  | { kind: 'muted'; reason: string; until: string | null }
);

/** A hidden message or a mute asks for attention; a restored message is good news. */
const noticeTones = { mention: 'info', 'message-hidden': 'warning', 'message-restored': 'success', muted: 'warning' } as const;

export function LiveNotices({ userId }: { userId: string | null }) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  const { socket } = useLiveSocket(userId !== null);
  const [notices, setNotices] = useState<LiveNotice[]>([]);

  useEffect(() => {
    if (!socket) return;
    const add = (notice: LiveNotice) => setNotices((current) => [...current.filter((shown) => shown.key !== notice.key), notice].slice(-3));
    const onMention = (payload: RealtimePayload<'mention:new'>) =>
      add({
        key: `mention:${payload.messageId}`,
        kind: 'mention',
        threadId: payload.threadId,
        messageId: payload.messageId,
        by: payload.by,
        title: payload.title,
      });
    const onModeration = (payload: RealtimePayload<'moderation:notice'>) =>
      add({ key: `${payload.kind}:${payload.messageId ?? payload.threadId}`, ...payload });
    socket.on('mention:new', onMention);
    socket.on('moderation:notice', onModeration);
    return () => {
      socket.off('mention:new', onMention);
      socket.off('moderation:notice', onModeration);
    };
  }, [socket]);

  const sentence = (notice: LiveNotice) => {
    switch (notice.kind) {
      case 'mention':
        return t('liveThread.liveNotices.mention', { by: notice.by, title: notice.title });
      case 'message-hidden':
        return t('liveThread.liveNotices.hidden', { reason: notice.reason });
      case 'message-restored':
        return t('liveThread.liveNotices.restored', { reason: notice.reason });
      case 'muted':
        return t('liveThread.liveNotices.muted', { reason: notice.reason, until: notice.until ? dateTime(notice.until) : '' });
    }
  };

  return (
    <div role="status" aria-live="polite" className="mx-auto max-w-6xl px-4">
      {notices.map((notice) => (
        <Notice key={notice.key} tone={noticeTones[notice.kind]} className="mt-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <span>{sentence(notice)}</span>
          {notice.threadId ? (
            <Link to={threadLinkPath(notice.threadId, notice.messageId ?? undefined)} className="font-semibold text-brand-800 underline">
              {t('liveThread.liveNotices.open')}
            </Link>
          ) : null}
          <button
            type="button"
            onClick={() => setNotices((current) => current.filter((shown) => shown.key !== notice.key))}
            className="text-sm text-brand-800 underline"
          >
            {t('liveThread.liveNotices.dismiss')}
          </button>
        </Notice>
      ))}
    </div>
  );
}
