import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LockedBadge } from '#app/components/conversations/conversation-parts';
import { useForumName } from '#app/components/threads/forum-title';
import { LiveThread } from '#app/components/threads/live-thread';
import { forumPath, forumTopicPath } from '#app/domain/paths';
import { findThreadFacts } from '#app/models/threads.server';
import { requireSession } from '#app/utils/auth.server';
import { notFound } from '#app/utils/http';
import { isUuid } from '#app/utils/uuid';
import { requireForum } from './__forum.server';
import { loadThreadPage, threadPageAction } from './__thread-page.server';

/** The topic of this forum (a topic asked under another forum's address does not exist there). */
async function requireTopic(context: LoaderFunctionArgs['context'], params: LoaderFunctionArgs['params']) {
  const forum = await requireForum(context, params.region);
  if (!isUuid(params.id)) throw notFound();
  const facts = await findThreadFacts(context.db, params.id);
  if (!facts || facts.subjectType !== 'forum' || facts.regionCode !== forum.regionCode) throw notFound();
  return { forum, facts };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(request, context);
  const { forum, facts } = await requireTopic(context, params);
  return { ...(await loadThreadPage(request, context, facts)), region: forum.region };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireSession(request, context);
  const { forum, facts } = await requireTopic(context, params);
  return threadPageAction(request, context, facts, forumTopicPath(forum.regionCode, facts.id));
}

export default function ForumTopic() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const forumName = useForumName();
  return (
    <article className="max-w-3xl space-y-6">
      <p>
        <Link to={forumPath(data.thread.regionCode)} className="text-brand-800 underline">
          <span aria-hidden="true">← </span>
          {t('forum.topic.back')} ({forumName(data.region)})
        </Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-gray-900">{data.thread.title}</h1>
        {data.state.locked ? <LockedBadge /> : null}
      </header>
      <LiveThread key={`${data.thread.id}:${data.live ? 'live' : data.messages[0]?.seq}`} data={data} actionData={actionData} />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? data.thread.title : 'Forum'} — Erasmus PTCE` }];
