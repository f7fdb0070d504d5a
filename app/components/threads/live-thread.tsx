import type { SubmissionResult } from '@conform-to/react';
import { Link, useLocation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { Card, Notice } from '#app/components/ui';
import type { LiveMessage, LiveThreadState, ThreadRefusal } from '#app/utils/realtime.server';
import { Composer } from './composer';
import { firstUnreadAnchor, MessageList } from './message-list';
import { MessageModeration, ReportForm, ThreadModerationPanel } from './moderation-controls';
import { useLiveThread } from './use-live-thread';

/** What a thread page's loader gives the component (app/routes/__thread-page.server.ts). */
export type LiveThreadData = {
  thread: { id: string; title: string; regionCode: string | null };
  state: LiveThreadState;
  messages: LiveMessage[];
  olderBefore: number | null;
  live: boolean;
  lastSeq: number;
  firstUnreadSeq: number | null;
  viewer: { id: string; name: string };
  moderator: boolean;
  canPost: boolean;
  canReport: boolean;
  poles: Array<{ id: string; name: string }>;
  slowWait: number;
  mute: { until: string } | null;
  key: string;
  siteOrigin: string;
  authors: Array<{ id: string; name: string; mutedUntil: string | null }>;
  pendingReports: Record<string, number>;
};

/** The action's answer to the message form (the moderation forms answer their own). */
export type PostReply = { result: SubmissionResult<string[]>; refusal: ThreadRefusal | null };

function asPostReply(actionData: unknown): PostReply | null {
  if (typeof actionData !== 'object' || actionData === null || !('refusal' in actionData)) return null;
  return actionData as PostReply;
}

/** Counts a wait down to zero, one second at a time (slow mode). */
function useCountdown(initial: number) {
  const [left, setLeft] = useState(initial);
  useEffect(() => {
    if (left <= 0) return;
    const timer = window.setTimeout(() => setLeft((value) => Math.max(0, value - 1)), 1000);
    return () => window.clearTimeout(timer);
  }, [left]);
  return [left, setLeft] as const;
}

/**
 * A live thread: its state (locked, slow mode, a mute) said in words above the form, who is here
 * and who is typing, the messages (rendered on the server, then kept current over the socket) and
 * the form, which posts without JavaScript. Moderators get the moderation forms.
 */
export function LiveThread({ data, actionData }: { data: LiveThreadData; actionData: unknown }) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  const location = useLocation();
  const [mutedUntil, setMutedUntil] = useState(data.mute?.until ?? null);
  const live = useLiveThread({
    threadId: data.thread.id,
    enabled: data.live,
    viewerId: data.viewer.id,
    moderator: data.moderator,
    lastSeq: data.lastSeq,
    messages: data.messages,
    state: data.state,
    onMuted: (until) => setMutedUntil(until),
  });
  const postReply = asPostReply(actionData);
  const [wait, setWait] = useCountdown(postReply?.refusal?.error === 'slow' ? postReply.refusal.retryAfter : data.slowWait);
  const { state } = live;
  const slowActive = state.slowModeSeconds !== null && state.slowModeUntil !== null;

  // The page opens at the first unread message (without JavaScript: the link above the list).
  useEffect(() => {
    if (data.firstUnreadSeq !== null && !location.hash) document.getElementById(firstUnreadAnchor)?.scrollIntoView({ block: 'start' });
  }, [data.firstUnreadSeq, location.hash]);

  const othersTyping = live.typing;
  const section = 'space-y-4';
  return (
    <div className="space-y-6" data-live-thread={data.thread.id}>
      {data.moderator ? (
        <ThreadModerationPanel
          thread={{ locked: state.locked, slowModeSeconds: state.slowModeSeconds, slowModeUntil: state.slowModeUntil }}
          authors={data.authors}
          actionData={actionData}
        />
      ) : null}

      <section aria-labelledby="thread-messages-title" className={section}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="thread-messages-title" className="text-xl font-semibold text-gray-900">
            {t('liveThread.messagesTitle')}
          </h2>
          {/* Reserved space: the line fills in once the socket has joined, without moving the page. */}
          <p className="min-h-6 text-sm text-gray-700" role="status">
            {data.live && live.connected
              ? live.present.length > 0
                ? t('liveThread.presence', { names: live.present.map((person) => person.name).join(', ') })
                : t('liveThread.presenceAlone')
              : ''}
          </p>
        </div>
        {!data.live ? (
          <Notice>
            {t('liveThread.olderPage')}{' '}
            <Link to={location.pathname} className="text-brand-800 underline">
              {t('liveThread.newest')}
            </Link>
          </Notice>
        ) : null}
        {data.olderBefore !== null ? (
          <p>
            <Link to={`${location.pathname}?avant=${data.olderBefore}`} className="text-brand-800 underline">
              <span aria-hidden="true">↑ </span>
              {t('liveThread.older')}
            </Link>
          </p>
        ) : null}
        {data.firstUnreadSeq !== null ? (
          <p>
            <a href={`#${firstUnreadAnchor}`} className="text-brand-800 underline">
              {t('liveThread.goToUnread')}
            </a>
          </p>
        ) : null}
        <MessageList
          messages={live.messages}
          viewerId={data.viewer.id}
          siteOrigin={data.siteOrigin}
          firstUnreadSeq={data.firstUnreadSeq}
          actions={(message) =>
            message.authorId !== data.viewer.id || data.moderator ? (
              <div className="mt-2 flex flex-wrap gap-3 text-sm">
                {data.canReport && message.authorId !== data.viewer.id && !message.hidden ? (
                  <ReportForm messageId={message.id} authorName={message.authorName} actionData={actionData} />
                ) : null}
                {data.moderator ? (
                  <MessageModeration
                    message={{ id: message.id, hidden: message.hidden }}
                    pendingReports={data.pendingReports[message.id]}
                    actionData={actionData}
                  />
                ) : null}
              </div>
            ) : null
          }
        />
        <p className="min-h-6 text-sm italic text-gray-700" aria-live="polite">
          {othersTyping.length > 1 ? t('liveThread.typingMany') : othersTyping.length === 1 ? t('liveThread.typing', { name: othersTyping[0]!.name }) : ''}
        </p>
      </section>

      {data.live ? (
        <Card as="section" aria-labelledby="composer-title" className="space-y-3">
          <h2 id="composer-title" className="text-xl font-semibold text-gray-900">
            {t('liveThread.composer.title')}
          </h2>
          {state.locked ? (
            // The thread's state (locked, read-only, slow) is information; a mute asks for attention, it is not an error.
            <Notice role="note">{t('liveThread.notices.locked')}</Notice>
          ) : !data.canPost ? (
            <Notice role="note">{t('liveThread.notices.readOnly')}</Notice>
          ) : mutedUntil && new Date(mutedUntil) > new Date() ? (
            <Notice tone="warning" role="note">
              {t('liveThread.notices.muted', { until: dateTime(mutedUntil) })}
            </Notice>
          ) : (
            <>
              {slowActive ? (
                <Notice role="note" className="space-y-1">
                  <p>{t('liveThread.notices.slow', { seconds: state.slowModeSeconds, until: dateTime(state.slowModeUntil!) })}</p>
                  {data.moderator ? <p>{t('liveThread.notices.slowExempt')}</p> : null}
                  {wait > 0 ? <p aria-live="off">{t('liveThread.notices.slowWait', { count: wait })}</p> : null}
                </Notice>
              ) : null}
              <Composer
                key={data.key}
                formKey={data.key}
                poles={data.poles}
                lastResult={postReply?.result}
                live={live}
                onTyping={live.signalTyping}
                formatDate={dateTime}
                onSent={() => {
                  if (slowActive && !data.moderator) setWait(state.slowModeSeconds ?? 0);
                }}
                onRefused={(answer) => {
                  if (answer.error === 'slow') setWait(answer.retryAfter);
                  if (answer.error === 'muted') setMutedUntil(answer.until);
                }}
              />
            </>
          )}
        </Card>
      ) : null}
    </div>
  );
}
