import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LockedBadge, MessageList, SubjectLink } from '#app/components/conversations/conversation-parts';
import { MessageForm } from '#app/components/conversations/message-form';
import { messageSchema } from '#app/domain/conversations/messages';
import { isUuid } from '#app/utils/uuid';
import { metaCatalogue } from '#app/components/format';
import { publishNewMessage } from '#app/models/conversation-events.server';
import { markThreadRead } from '#app/models/conversation-digests.server';
import { findConversationRef, getConversation, replyToConversation } from '#app/models/conversations.server';
import { requireSession } from '#app/utils/auth.server';
import { findMarketPole } from '#app/models/marketplace.server';
import { allowed, requirePermission, type Actor } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { readForm } from '#app/utils/form.server';
import { askTwinningPath, conversationPath, newVisitPath, polePath } from '#app/domain/paths';

function threadIdOf(params: LoaderFunctionArgs['params']): string {
  if (!isUuid(params.id)) throw notFound();
  return params.id;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const conversation = await getConversation(context.db, threadIdOf(params));
  if (!conversation) throw notFound();
  const { thread } = conversation;
  const actor = await requirePermission(request, context, { action: 'conversation:view', thread });
  // What is on the page now is read: the digest mails will not list it.
  await markThreadRead(context.db, { userId: session.user.id, threadId: thread.id });
  // A person in both poles chooses which one answers.
  const replyPoles = [thread.initiator, thread.recipient].filter((pole) => allowed(actor, { action: 'conversation:reply', thread, asPole: pole }));
  // A twinning may be asked with the other pole of the conversation (the ask page checks the rest).
  const inInitiator = actor.poleRoles.has(thread.initiator.id);
  const askWith = inInitiator === actor.poleRoles.has(thread.recipient.id) ? null : inInitiator ? thread.recipient : thread.initiator;
  return {
    ...conversation,
    replyPoles: replyPoles.map(({ id, name }) => ({ id, name })),
    askWith: askWith ? { name: askWith.name, slug: askWith.slug } : null,
    canProposeVisit: !thread.lockedAt && (await mayHostVisitFor(context, actor, replyPoles)),
    // The visit link of an announcement (visites.nouvelle.tsx) is shown as a link: only this site's links are.
    siteOrigin: context.env.appUrl.origin,
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
  const session = await requireSession(request, context);
  const thread = await findConversationRef(context.db, threadIdOf(params));
  if (!thread) throw notFound();
  await requirePermission(request, context, { action: 'conversation:view', thread });
  const submission = parseWithZod(await readForm(request), { schema: messageSchema });
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 });
  await requirePermission(request, context, { action: 'conversation:reply', thread, asPole: { id: submission.value.poleId } });

  const outcome = await replyToConversation(context.db, context, {
    threadId: thread.id,
    poleId: submission.value.poleId,
    authorId: session.user.id,
    body: submission.value.message,
  });
  if (outcome === 'not-found') throw notFound();
  if (outcome === 'locked') return data({ result: submission.reply({ formErrors: ['conversations.errors.locked'] }) }, { status: 409 });
  await publishNewMessage(context, { threadId: thread.id, fromPoleId: submission.value.poleId, authorId: session.user.id });
  const note = await context.flash.put({ message: 'conversations.notices.replied' });
  return redirect(conversationPath(thread.id), { headers: { 'Set-Cookie': note } });
}

export default function Conversation() {
  const { thread, messages, replyPoles, askWith, canProposeVisit, siteOrigin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
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
        {thread.lockedAt ? <LockedBadge /> : null}
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

      <section aria-labelledby="messages-title" className="space-y-3">
        <h2 id="messages-title" className="text-xl font-semibold text-gray-900">
          {t('conversations.thread.messagesTitle')}
        </h2>
        <MessageList messages={messages} siteOrigin={siteOrigin} />
      </section>

      {thread.lockedAt ? (
        <p role="note" className="rounded border border-amber-700 bg-amber-50 p-3 text-gray-900">
          {t('conversations.thread.locked')}
        </p>
      ) : replyPoles.length ? (
        <section aria-labelledby="reply-title" className="space-y-3 rounded border border-gray-300 p-4">
          <h2 id="reply-title" className="text-xl font-semibold text-gray-900">
            {t('conversations.thread.replyTitle')}
          </h2>
          {/* Keyed by the message count: after a reply is stored, the form starts empty again. */}
          <MessageForm key={messages.length} id="reply" poles={replyPoles} lastResult={actionData?.result} submitLabel={t('conversations.form.send')} />
        </section>
      ) : null}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: `${data ? data.thread.title : catalogue.conversations.list.title} — Erasmus PTCE` }];
};
