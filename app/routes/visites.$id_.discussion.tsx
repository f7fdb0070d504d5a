import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LockedBadge } from '#app/components/conversations/conversation-parts';
import { LiveThread } from '#app/components/threads/live-thread';
import { visitDiscussionPath, visitPath } from '#app/domain/paths';
import { findVisitForThread, openVisitThread } from '#app/models/forum.server';
import { findThreadFacts } from '#app/models/threads.server';
import { requireSession } from '#app/utils/auth.server';
import { notFound } from '#app/utils/http';
import { requirePermission } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';
import { loadThreadPage, threadPageAction } from './__thread-page.server';

/**
 * A learning visit's thread: the host pole and the booked poles talk (their region's body
 * moderates). Opened on its first view or post by someone allowed to read it: nobody else makes
 * it exist, and two first views at once make one thread (the visit's row is locked).
 */
async function requireVisitThread(request: Request, context: LoaderFunctionArgs['context'], id: string | undefined) {
  await requireSession(request, context);
  if (!isUuid(id)) throw notFound();
  const visit = await findVisitForThread(context.db, id);
  if (!visit) throw notFound();
  await requirePermission(request, context, { action: 'thread:read', thread: visit.access });
  const threadId = visit.threadId ?? (await openVisitThread(context.db, visit.id));
  const facts = threadId ? await findThreadFacts(context.db, threadId) : null;
  if (!facts) throw notFound();
  return { visit, facts };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { visit, facts } = await requireVisitThread(request, context, params.id);
  return { ...(await loadThreadPage(request, context, facts)), visit: { id: visit.id, title: visit.title } };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { visit, facts } = await requireVisitThread(request, context, params.id);
  return threadPageAction(request, context, facts, visitDiscussionPath(visit.id));
}

export default function VisitDiscussion() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <article className="max-w-3xl space-y-6">
      <p>
        <Link to={visitPath(data.visit.id)} className="text-brand-800 underline">
          <span aria-hidden="true">← </span>
          {t('liveThread.visit.back')}
        </Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-gray-900">{t('liveThread.visit.title', { title: data.visit.title })}</h1>
        {data.state.locked ? <LockedBadge /> : null}
        <p className="text-gray-700">{t('liveThread.visit.intro')}</p>
      </header>
      <LiveThread key={`${data.thread.id}:${data.live ? 'live' : data.messages[0]?.seq}`} data={data} actionData={actionData} />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? data.visit.title : 'Discussion'} — Erasmus PTCE` }];
