import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { EmptyState } from '#app/components/ui';
import { moderationJournal, type JournalEntry } from '#app/models/moderation-desk.server';
import { requirePermission } from '#app/utils/permissions.server';

/**
 * The moderation log (issue 11): every `thread.*` act of the audit trail in the viewer's regions (a
 * national admin: all), newest first, a page at a time: who, when, what (with a link to the
 * thread), why. Done by reports (three people) shows as automatic.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'moderation:desk' });
  const asked = Number(new URL(request.url).searchParams.get('page') ?? '1');
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 10_000 ? asked : 1;
  const journal = await moderationJournal(context.db, actor, page);
  return { ...journal, page };
}

/** The catalogue key of each kind (`moderation.journal.kinds.*`). */
const kindKeys: Record<string, string> = {
  'thread.message-reported': 'messageReported',
  'thread.message-hidden': 'messageHidden',
  'thread.message-restored': 'messageRestored',
  'thread.reports-dismissed': 'reportsDismissed',
  'thread.locked': 'locked',
  'thread.unlocked': 'unlocked',
  'thread.slow-mode-set': 'slowModeSet',
  'thread.slow-mode-ended': 'slowModeEnded',
  'thread.person-muted': 'personMuted',
  'thread.person-unmuted': 'personUnmuted',
};

export default function ModerationJournal() {
  const { entries, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="journal-title" className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h2 id="journal-title" className="text-2xl font-semibold">
          {t('moderation.journal.title')}
        </h2>
        <p className="text-gray-700">{t('moderation.journal.intro')}</p>
      </div>
      {entries.length === 0 ? (
        <EmptyState>{t('moderation.journal.empty')}</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t('moderation.journal.caption', { page })}</caption>
            <thead className="border-b-2 border-gray-500 bg-gray-50">
              <tr>
                {(['when', 'who', 'what', 'why'] as const).map((column) => (
                  <th key={column} scope="col" className="px-3 py-2 font-semibold text-gray-900">
                    {t(`moderation.journal.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <JournalRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t('moderation.journal.pagination')} className="flex gap-4">
          {page > 1 ? (
            <Link to={`/moderation/journal?page=${page - 1}`} className="text-brand-800 underline">
              {t('moderation.journal.previous')}
            </Link>
          ) : null}
          {page < pages ? (
            <Link to={`/moderation/journal?page=${page + 1}`} className="text-brand-800 underline">
              {t('moderation.journal.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

function JournalRow({ entry }: { entry: Omit<JournalEntry, 'createdAt'> & { createdAt: Date | string } }) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  const byReports = entry.action === 'thread.message-hidden' && entry.actorName === null;
  const kind = byReports ? 'messageHiddenByReports' : (kindKeys[entry.action] ?? null);
  const values = {
    title: entry.thread?.title ?? t('moderation.journal.unknownThread'),
    person: entry.personName ?? t('moderation.journal.deletedPerson'),
    seconds: String(entry.seconds ?? ''),
    until: entry.until ? dateTime(entry.until) : '',
  };
  return (
    <tr className="border-b border-gray-200 align-top">
      <td className="whitespace-nowrap px-3 py-2">{dateTime(entry.createdAt)}</td>
      <td className="px-3 py-2">{entry.actorName === null ? t('moderation.journal.system') : entry.actorName || t('moderation.journal.deletedPerson')}</td>
      <td className="px-3 py-2">
        {kind ? t(`moderation.journal.kinds.${kind}`, values) : entry.action}
        {entry.thread ? (
          <>
            {' '}
            <Link to={entry.thread.path} className="text-brand-800 underline">
              {t('moderation.journal.thread')}
              <span className="sr-only"> « {entry.thread.title} »</span>
            </Link>
          </>
        ) : null}
      </td>
      <td className="whitespace-pre-wrap break-words px-3 py-2">{entry.reason ?? t('moderation.journal.noReason')}</td>
    </tr>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).moderation.journal.metaTitle }];
