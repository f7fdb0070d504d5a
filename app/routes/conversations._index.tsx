import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { LockedBadge, SubjectLink } from '#app/components/conversations/conversation-parts';
import { metaCatalogue } from '#app/components/format';
import { ButtonLink, Card, EmptyState, Notice } from '#app/components/ui';
import { Pagination } from '#app/components/poles/pagination';
import { PoleLogo } from '#app/components/poles/pole-logo';
import { logoStampsBySlug } from '#app/models/pole-logos.server';
import { listConversations } from '#app/models/conversations.server';
import { unreadByThread } from '#app/models/thread-reads.server';
import { UnreadBadge } from '#app/components/threads/unread-badge';
import { useLocalFormat } from '#app/components/format';
import { requireSession } from '#app/utils/auth.server';
import { conversationPath } from '#app/domain/paths';
import { allowed, getActor } from '#app/utils/permissions.server';

const listQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const { page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, unread, actor] = await Promise.all([
    listConversations(context.db, { userId: session.user.id, page }),
    unreadByThread(context.db, session.user.id),
    getActor(request, context),
  ]);
  const logos = await logoStampsBySlug(
    context.db,
    list.conversations.flatMap((conversation) => [conversation.initiator.slug, conversation.recipient.slug]),
  );
  // A coordinator has no pole of their own here: the page says what they can do instead.
  return { ...list, logos, unread: Object.fromEntries(unread), moderates: allowed(actor, { action: 'moderation:desk' }) };
}

export default function Conversations() {
  const { conversations, total, page, pageCount, logos, unread, moderates } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useLocalFormat().dateTime;
  return (
    <div className="max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-gray-900">{t('conversations.list.title')}</h1>
        <p className="text-gray-700">{t('conversations.list.intro')}</p>
      </div>
      {moderates ? (
        <Notice className="space-y-2">
          <p>{t('conversations.list.moderatorIntro')}</p>
          <p className="flex flex-wrap gap-4">
            <Link to="/moderation" className="font-semibold text-brand-800 underline">
              {t('moderation.deskLink')}
            </Link>
            <Link to="/forum" className="font-semibold text-brand-800 underline">
              {t('conversations.list.forums')}
            </Link>
          </p>
        </Notice>
      ) : null}
      {conversations.length === 0 ? (
        moderates ? null : (
          <EmptyState
            action={
              <p className="flex flex-wrap justify-center gap-3">
                <ButtonLink to="/offres">{t('conversations.list.browseOffers')}</ButtonLink>
                <ButtonLink to="/demandes" variant="secondary">
                  {t('conversations.list.browseRequests')}
                </ButtonLink>
              </p>
            }
          >
            {t('conversations.list.empty')}
          </EmptyState>
        )
      ) : (
        <>
          <p className="text-sm text-gray-700">{t('conversations.list.total', { count: total })}</p>
          <ul className="space-y-4">
            {conversations.map((conversation) => (
              <li key={conversation.id}>
                <Card as="article" aria-labelledby={`conversation-${conversation.id}`} className="space-y-2">
                  <h2 id={`conversation-${conversation.id}`} className="text-xl font-semibold">
                    <Link to={conversationPath(conversation.id)} className="text-brand-800 underline">
                      {conversation.title}
                    </Link>
                  </h2>
                  {conversation.lockedAt ? <LockedBadge /> : null}
                  <UnreadBadge count={unread[conversation.id]} />
                  <p className="flex items-center gap-2 text-gray-900">
                    {[conversation.initiator, conversation.recipient].map((pole) => (
                      <PoleLogo key={pole.id} pole={{ ...pole, logoUpdatedAt: logos[pole.slug] ?? null }} size="tiny" fallback="initials" decorative />
                    ))}
                    <span>{t('conversations.list.between', { initiator: conversation.initiator.name, recipient: conversation.recipient.name })}</span>
                  </p>
                  <p>
                    <SubjectLink thread={conversation} />
                  </p>
                  {conversation.lastMessage ? (
                    <>
                      <p className={conversation.lastMessage.hidden ? 'italic text-gray-700' : 'text-gray-900'}>
                        {conversation.lastMessage.excerpt ?? t('conversations.thread.hidden')}
                      </p>
                      <p className="text-sm text-gray-700">
                        {t('conversations.list.lastMessage', { date: formatDate(conversation.lastMessage.createdAt) })} ·{' '}
                        {t('conversations.list.messages', { count: conversation.messageCount })}
                      </p>
                    </>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaCatalogue(matches).conversations.list.title} — Erasmus PTCE` }];
