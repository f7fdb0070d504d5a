import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LockedBadge, SubjectLink } from '#app/components/conversations/conversation-parts';
import { LiveThread } from '#app/components/threads/live-thread';
import { isUuid } from '#app/utils/uuid';
import { metaCatalogue } from '#app/components/format';
import { getConversation } from '#app/models/conversations.server';
import { findThreadFacts } from '#app/models/threads.server';
import { requireSession } from '#app/utils/auth.server';
import { findMarketPole } from '#app/models/marketplace.server';
import { allowed, requirePermission, type Actor } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { askTwinningPath, conversationPath, newVisitPath, polePath } from '#app/domain/paths';
import { loadThreadPage, threadPageAction } from './__thread-page.server';

function threadIdOf(params: LoaderFunctionArgs['params']): string {
  if (!isUuid(params.id)) throw notFound();
  return params.id;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(request, context);
  const facts = await findThreadFacts(context.db, threadIdOf(params));
  // A forum topic or a visit's thread has its own page.
  if (!facts || facts.subjectType === 'forum' || facts.subjectType === 'visit') throw notFound();
  const page = await loadThreadPage(request, context, facts);
  const conversation = await getConversation(context.db, facts.id);
  if (!conversation) throw notFound();
  const { thread } = conversation;
  const actor = await requirePermission(request, context, { action: 'thread:read', thread: facts.access });
  // A twinning may be asked with the other pole of the conversation (the ask page checks the rest).
  const inInitiator = actor.poleRoles.has(thread.initiator.id);
  const askWith = inInitiator === actor.poleRoles.has(thread.recipient.id) ? null : inInitiator ? thread.recipient : thread.initiator;
  return {
    ...page,
    conversation: thread,
    askWith: askWith ? { name: askWith.name, slug: askWith.slug } : null,
    canProposeVisit: !facts.locked && (await mayHostVisitFor(context, actor, page.poles)),
  };
}

/** Whether the person may host a learning visit for one of the poles they write for here (an admin of a validated pole). */
async function mayHostVisitFor(context: LoaderFunctionArgs['context'], actor: Actor, poles: Array<{ id: string }>) {
  for (const { id } of poles) {
    const pole = await findMarketPole(context.db, id);
    if (pole && allowed(actor, { action: 'visit:create', pole })) return true;
  }
  return false;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireSession(request, context);
  const facts = await findThreadFacts(context.db, threadIdOf(params));
  if (!facts || facts.subjectType === 'forum' || facts.subjectType === 'visit') throw notFound();
  return threadPageAction(request, context, facts, conversationPath(facts.id));
}

export default function Conversation() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { conversation: thread, askWith, canProposeVisit } = data;
  const poleLink = (pole: { slug: string; name: string }) => (
    <Link to={polePath(pole.slug)} className="text-brand-800 underline">
      {pole.name}
    </Link>
  );
  return (
    <article className="max-w-3xl space-y-6">
      <p>
        <Link to="/conversations" className="text-brand-800 underline">
          <span aria-hidden="true">← </span>
          {t('conversations.thread.back')}
        </Link>
      </p>
      <header className="space-y-3">
        <h1 className="text-3xl font-bold text-gray-900">{thread.title}</h1>
        {data.state.locked ? <LockedBadge /> : null}
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium text-gray-700">{t('conversations.thread.subject')}</dt>
          <dd>
            <SubjectLink thread={thread} />
          </dd>
          <dt className="font-medium text-gray-700">{t('conversations.thread.initiator')}</dt>
          <dd>{poleLink(thread.initiator)}</dd>
          <dt className="font-medium text-gray-700">{t('conversations.thread.recipient')}</dt>
          <dd>{poleLink(thread.recipient)}</dd>
        </dl>
        {askWith ? (
          <p>
            <Link to={askTwinningPath(askWith.slug)} className="font-semibold text-brand-800 underline">
              {t('followUp.ask.linkWith', { pole: askWith.name })}
            </Link>
          </p>
        ) : null}
        {canProposeVisit ? (
          <p>
            <Link to={newVisitPath({ conversation: thread.id })} className="font-semibold text-brand-800 underline">
              {t('conversations.visitProposal.link')}
            </Link>
          </p>
        ) : null}
      </header>
      {/* Keyed by thread and page: another conversation, or older messages, start a fresh live view. */}
      <LiveThread key={`${data.thread.id}:${data.live ? 'live' : data.messages[0]?.seq}`} data={data} actionData={actionData} />
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: `${data ? data.conversation.title : catalogue.conversations.list.title} — Erasmus PTCE` }];
};
