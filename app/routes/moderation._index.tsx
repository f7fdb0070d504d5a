import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { Card, EmptyState, Pill, quoteClass } from '#app/components/ui';
import { MessageModeration } from '#app/components/threads/moderation-controls';
import { moderationQueue, type QueueItem } from '#app/models/moderation-desk.server';
import { findThreadOfMessage } from '#app/models/threads.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { requirePermission } from '#app/utils/permissions.server';
import { handleThreadModeration } from '#app/utils/thread-moderation.server';
import { isUuid } from '#app/utils/uuid';

/**
 * The queue (issue 11): messages with reports waiting for review in the viewer's regions (a
 * national admin: all), the oldest waiting report first. Hiding, restoring or keeping a message
 * here is the same act as on its thread page (`handleThreadModeration`, `thread:moderate` of its
 * region); it then leaves the queue.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'moderation:desk' });
  return moderationQueue(context.db, actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'moderation:desk' });
  const form = await readForm(request);
  const intent = form.get('intent');
  const messageId = form.get('messageId');
  // Only a message's review is decided here; the thread's own acts are on its page.
  if ((intent !== 'hide' && intent !== 'restore') || !isUuid(messageId)) throw notFound();
  const thread = await findThreadOfMessage(context.db, messageId);
  if (!thread) throw notFound();
  return handleThreadModeration(request, context, { thread, form, actor, redirectTo: '/moderation' });
}

export default function ModerationQueue() {
  const { items, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="queue-title" className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h2 id="queue-title" className="text-2xl font-semibold">
          {t('moderation.queue.title')}
        </h2>
        <p className="text-gray-700">{t('moderation.queue.intro')}</p>
        {total > 0 ? <p className="font-semibold">{t('moderation.queue.count', { count: total })}</p> : null}
      </div>
      {items.length === 0 ? (
        <EmptyState>{t('moderation.queue.empty')}</EmptyState>
      ) : (
        <ol className="space-y-6">
          {items.map((item) => (
            <li key={item.id}>
              <QueueEntry item={item} actionData={actionData} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

type Item = Omit<QueueItem, 'createdAt' | 'firstReport' | 'reports'> & {
  createdAt: Date | string;
  reports: Array<Omit<QueueItem['reports'][number], 'createdAt'> & { createdAt: Date | string }>;
};

function QueueEntry({ item, actionData }: { item: Item; actionData: unknown }) {
  const { t } = useTranslation();
  const { dateTime, localName } = useLocalFormat();
  const headingId = `signalement-${item.id}`;
  const author = item.authorName ?? t('moderation.queue.deletedAuthor');
  const state = item.hiddenBy === 'reports' ? 'hiddenByReports' : item.hiddenBy === 'moderator' ? 'hiddenByModerator' : 'visible';
  return (
    <Card as="article" aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="text-lg font-semibold">
        <Link to={item.path} className="text-brand-800 underline">
          {t('moderation.queue.inThread', { title: item.title })}
        </Link>
      </h3>
      <p className="text-sm text-gray-700">
        {item.region ? t('moderation.queue.region', { region: localName(item.region) }) : t('moderation.queue.national')}
        {' · '}
        {item.poleName
          ? t('moderation.queue.byForPole', { author, pole: item.poleName, date: dateTime(item.createdAt) })
          : t('moderation.queue.by', { author, date: dateTime(item.createdAt) })}
      </p>
      <p>
        <Pill tone={state === 'visible' ? 'neutral' : 'warning'}>{t(`moderation.queue.states.${state}`)}</Pill>
      </p>
      <figure className="space-y-1">
        <figcaption className="text-sm font-semibold text-gray-900">{t('moderation.queue.text')}</figcaption>
        <blockquote className={quoteClass}>{item.body}</blockquote>
      </figure>
      <div>
        <h4 className="font-semibold">{t('moderation.queue.reports', { count: item.reports.length })}</h4>
        <ul className="list-disc space-y-1 pl-6 text-sm">
          {item.reports.map((report) => (
            <li key={report.id}>{t('moderation.queue.report', { name: report.reporterName, date: dateTime(report.createdAt), reason: report.reason })}</li>
          ))}
        </ul>
      </div>
      <p>
        <Link to={item.path} className="text-sm text-brand-800 underline">
          {t('moderation.queue.open')}
        </Link>
      </p>
      <MessageModeration message={{ id: item.id, hidden: item.hiddenBy !== null }} pendingReports={item.reports.length} actionData={actionData} />
    </Card>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).moderation.queue.metaTitle }];
