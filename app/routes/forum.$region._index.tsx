import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field, FormMessage, SelectField, SubmitButton, TextareaField } from '#app/components/forms';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { buttonClass, Card, EmptyState } from '#app/components/ui';
import { Pagination } from '#app/components/poles/pagination';
import { LockedBadge } from '#app/components/conversations/conversation-parts';
import { useForumName } from '#app/components/threads/forum-title';
import { newTopicSchema } from '#app/domain/forum/topics';
import { forumTopicPath } from '#app/domain/paths';
import { listTopics, openTopic } from '#app/models/forum.server';
import { requireSession } from '#app/utils/auth.server';
import { readForm } from '#app/utils/form.server';
import { allowed, requirePermission } from '#app/utils/permissions.server';
import { polesToSpeakFor } from '#app/models/thread-people.server';
import { givePointsBack, takePoints } from '#app/utils/rate-limit.server';
import { i18next } from '#app/i18next.server';
import { requireForum } from './__forum.server';
import { UnreadBadge } from '#app/components/threads/unread-badge';
import { unreadByThread } from '#app/models/thread-reads.server';

const listQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

/** `/forum/<region code>` and `/forum/national`: the topics, newest activity first, and the « Nouveau sujet » form. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const forum = await requireForum(context, params.region);
  const actor = await requirePermission(request, context, { action: 'thread:read', thread: { kind: 'forum', regionCode: forum.regionCode } });
  const { page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const canOpen = allowed(actor, { action: 'forum:open-topic', regionCode: forum.regionCode });
  return {
    ...forum,
    ...(await listTopics(context.db, { regionCode: forum.regionCode, page })),
    canOpen,
    poles: canOpen ? await polesToSpeakFor(context.db, actor, { access: { kind: 'forum', regionCode: forum.regionCode } }) : [],
    key: crypto.randomUUID(),
    unread: Object.fromEntries(await unreadByThread(context.db, session.user.id)),
  };
}

/** Opens a topic: the thread and its first message in one transaction, within the per-minute limit of messages. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireSession(request, context);
  const forum = await requireForum(context, params.region);
  const actor = await requirePermission(request, context, { action: 'forum:open-topic', regionCode: forum.regionCode });
  const submission = parseWithZod(await readForm(request), { schema: newTopicSchema });
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 });
  const { title, message, poleId, key } = submission.value;
  const choices = await polesToSpeakFor(context.db, actor, { access: { kind: 'forum', regionCode: forum.regionCode } });
  if (poleId && !choices.some((pole) => pole.id === poleId))
    return data({ result: submission.reply({ fieldErrors: { poleId: ['threads.errors.poleRequired'] } }) }, { status: 400 });

  const t = await i18next.getFixedT(request);
  const counters = [[context.limiters.messages, actor.userId]] as const;
  const blocked = await takePoints(counters);
  if (blocked) {
    const sentence = t('liveThread.refusals.rateLimited', { count: blocked.retryAfterSeconds });
    return data({ result: submission.reply({ fieldErrors: { message: [sentence] } }) }, { status: 429 });
  }
  const outcome = await openTopic(context.db, context, {
    regionCode: forum.regionCode,
    title,
    body: message,
    authorId: actor.userId,
    poleId: poleId ?? choices[0]?.id ?? null,
    clientKey: key ?? null,
  });
  if (outcome.status !== 'opened' || !outcome.created) await givePointsBack(counters).catch(() => {});
  if (outcome.status === 'opened') {
    const note = await context.flash.put({ message: 'forum.notices.opened', values: { title } });
    return redirect(forumTopicPath(forum.regionCode, outcome.threadId), { headers: { 'Set-Cookie': note } });
  }
  const sentence =
    outcome.status === 'muted'
      ? t('liveThread.refusals.muted', {
          until: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(outcome.until),
        })
      : t('liveThread.refusals.unavailable');
  return data({ result: submission.reply({ fieldErrors: { message: [sentence] } }) }, { status: 409 });
}

export default function Forum() {
  const { region, regionCode, topics, total, page, pageCount, canOpen, poles: poleChoices, key, unread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  const forumName = useForumName();
  const [form, fields] = useForm({
    id: 'new-topic',
    lastResult: actionData?.result,
    constraint: getZodConstraint(newTopicSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newTopicSchema }),
  });
  const only = poleChoices.length === 1 ? poleChoices[0] : undefined;
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link to="/forum" className="text-brand-800 underline">
          <span aria-hidden="true">← </span>
          {t('forum.list.all')}
        </Link>
      </p>
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-gray-900">{forumName(region)}</h1>
        <p className="text-gray-700">{regionCode ? t('forum.list.intro') : t('forum.list.nationalIntro')}</p>
      </div>

      <section aria-labelledby="topics-title" className="space-y-4">
        <h2 id="topics-title" className="text-xl font-semibold text-gray-900">
          {t('forum.list.total', { count: total })}
        </h2>
        {topics.length === 0 ? (
          <EmptyState
            action={
              canOpen ? (
                // The form is further down the same page: a plain anchor, which needs no JavaScript.
                <a href="#open-topic-heading" className={buttonClass('secondary')}>
                  {t('forum.newTopic.title')}
                </a>
              ) : null
            }
          >
            {t('forum.list.empty')}
          </EmptyState>
        ) : (
          <ul className="space-y-3">
            {topics.map((topic) => (
              <li key={topic.id}>
                <Card as="article" aria-labelledby={`topic-${topic.id}`} className="space-y-1">
                  <h3 id={`topic-${topic.id}`} className="text-lg font-semibold">
                    <Link to={forumTopicPath(regionCode, topic.id)} className="text-brand-800 underline">
                      {topic.title}
                    </Link>
                  </h3>
                  {topic.locked ? <LockedBadge /> : null}
                  <UnreadBadge count={unread[topic.id]} />
                  {topic.authorName ? (
                    <p className="text-gray-900">
                      {topic.poleName
                        ? t('forum.list.byForPole', { author: topic.authorName, pole: topic.poleName })
                        : t('forum.list.by', { author: topic.authorName })}
                    </p>
                  ) : null}
                  <p className="text-sm text-gray-700">
                    {t('forum.list.messages', { count: topic.messageCount })} · {t('forum.list.lastActivity', { date: dateTime(topic.lastMessageAt) })}
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={page} pageCount={pageCount} />
      </section>

      {canOpen ? (
        <Card as="section" aria-labelledby="open-topic-heading" className="space-y-3">
          <h2 id="open-topic-heading" className="text-xl font-semibold text-gray-900">
            {t('forum.newTopic.title')}
          </h2>
          <Form method="post" {...getFormProps(form)} key={key} className="space-y-2">
            <FormMessage errors={form.errors} />
            <input type="hidden" name="key" value={key} />
            <Field
              label={t('forum.newTopic.titleLabel')}
              hint={t('forum.newTopic.titleHint')}
              errors={fields.title.errors}
              inputProps={getInputProps(fields.title, { type: 'text' })}
            />
            {only ? (
              <p className="mb-4 text-gray-900">
                {t('liveThread.composer.pole')} <strong>{only.name}</strong>
                <input type="hidden" name={fields.poleId.name} value={only.id} />
              </p>
            ) : poleChoices.length > 1 ? (
              <SelectField
                meta={fields.poleId}
                label={t('liveThread.composer.pole')}
                choices={poleChoices.map((pole) => ({ value: pole.id, label: pole.name }))}
              />
            ) : null}
            <TextareaField meta={fields.message} label={t('forum.newTopic.message')} hint={t('liveThread.composer.hint')} rows={6} />
            <SubmitButton>{t('forum.newTopic.submit')}</SubmitButton>
          </Form>
        </Card>
      ) : regionCode === null ? (
        <p className="text-gray-700">{t('forum.newTopic.nationalOnly')}</p>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const catalogue = metaCatalogue(matches);
  const english = (matches.find((match) => match.id === 'root')?.data as { locale?: string } | undefined)?.locale === 'en';
  const name = data?.region
    ? catalogue.forum.index.regional.replace('{{region}}', english ? data.region.nameEn : data.region.name)
    : catalogue.forum.index.national;
  return [{ title: `${name} — Erasmus PTCE` }];
};
