import type { SerializeFrom } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ButtonLink, EmptyState, Pill } from '#app/components/ui';
import type { Dashboard } from '#app/models/dashboard.server';

/** The threads with messages the person has not read, each with its count and its page. */
export function UnreadThreads({ unread }: { unread: SerializeFrom<Dashboard['unread']> }) {
  const { t } = useTranslation();
  return (
    <section id="non-lus" aria-labelledby="non-lus-titre" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="non-lus-titre" className="text-2xl font-semibold">
          {t('dashboard.unread.title')}
        </h2>
        {unread.total > 0 ? <p className="font-semibold">{t('dashboard.unread.count', { count: unread.total })}</p> : null}
      </div>
      {unread.threads.length === 0 ? (
        <EmptyState
          action={
            <ButtonLink to="/conversations" variant="secondary" size="sm">
              {t('dashboard.unread.emptyAction')}
            </ButtonLink>
          }
        >
          {t('dashboard.unread.empty')}
        </EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-gray-200 rounded-lg border border-gray-300 bg-white">
            {unread.threads.map((thread) => (
              <li key={thread.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <Link to={thread.path} className="min-w-0 font-semibold text-brand-800 underline [overflow-wrap:anywhere]">
                  {thread.title}
                </Link>
                <Pill tone="brand">{t('dashboard.unread.thread', { count: thread.unread })}</Pill>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/conversations" className="text-brand-800 underline">
              {t('dashboard.unread.more')}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
