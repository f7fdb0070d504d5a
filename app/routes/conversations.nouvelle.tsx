import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { MessageForm } from '#app/components/conversations/message-form';
import { Card, Notice } from '#app/components/ui';
import { contactPath, messageSchema, subjectPath } from '#app/domain/conversations/messages';
import { isUuid } from '#app/utils/uuid';
import { metaCatalogue } from '#app/components/format';
import { publishStoredMessage } from '#app/utils/thread-posting.server';
import { refusalSentence } from './__thread-page.server';
import { findActingPole, findContactSubject, loadContactForm, startConversation, type SubjectRef } from '#app/models/conversations.server';
import { requireSession } from '#app/utils/auth.server';
import { blockedReason } from '#app/utils/market-routes.server';
import { can, getActor, requirePermission } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { readForm } from '#app/utils/form.server';
import { conversationPath, polePath } from '#app/domain/paths';

/** `?offre=<id>` or `?demande=<id>`, exactly one of them; anything else is not found. */
function subjectOf(request: Request): SubjectRef {
  const params = new URL(request.url).searchParams;
  const [offer, demand] = [params.get('offre'), params.get('demande')];
  const subject: SubjectRef | null =
    offer !== null && demand === null ? { kind: 'offer', id: offer } : demand !== null && offer === null ? { kind: 'request', id: demand } : null;
  if (!subject || !isUuid(subject.id)) throw notFound();
  return subject;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const contact = await loadContactForm(context.db, { subject: subjectOf(request), userId: session.user.id });
  if (!contact) throw notFound();
  const { subject, memberPoles, existingThreads } = contact;
  const actor = await getActor(request, context);
  const decisions = memberPoles.map((pole) => ({ pole, decision: can(actor, { action: 'conversation:start', fromPole: pole, toPole: subject.pole }) }));
  const poles = decisions.flatMap(({ pole, decision }) => (decision.ok ? [pole] : []));
  const refusals = decisions.flatMap(({ decision }) => (decision.ok ? [] : [decision.reason]));
  return {
    subject: { kind: subject.kind, id: subject.id, title: subject.title, pole: { name: subject.pole.name, slug: subject.pole.slug } },
    poles: poles.map(({ id, name }) => ({ id, name })),
    blocked: poles.length ? null : blockedReason(refusals),
    existingThreads,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const subject = await findContactSubject(context.db, subjectOf(request));
  if (!subject) throw notFound();
  const submission = parseWithZod(await readForm(request), { schema: messageSchema });
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 });
  const fromPole = await findActingPole(context.db, submission.value.poleId);
  if (!fromPole) {
    return data({ result: submission.reply({ fieldErrors: { poleId: ['conversations.errors.unknownPole'] } }) }, { status: 400 });
  }
  // The pole comes from the form: the person must belong to it, it must be validated, and not be the subject's own.
  await requirePermission(request, context, { action: 'conversation:start', fromPole, toPole: subject.pole });

  const outcome = await startConversation(context.db, context, {
    subject: { kind: subject.kind, id: subject.id },
    fromPoleId: fromPole.id,
    authorId: session.user.id,
    body: submission.value.message,
  });
  if (outcome.status === 'unavailable') throw notFound();
  if (outcome.status === 'locked') return data({ result: submission.reply({ formErrors: ['conversations.errors.locked'] }) }, { status: 409 });
  if (outcome.status !== 'sent') {
    // Muted by the region's coordinators, or slow mode in the conversation this contact adds to.
    const refusal =
      outcome.status === 'muted'
        ? ({ ok: false, error: 'muted', until: outcome.until.toISOString() } as const)
        : ({ ok: false, error: 'slow', retryAfter: outcome.retryAfter } as const);
    return data(
      { result: submission.reply({ fieldErrors: { message: [await refusalSentence(request, refusal)] } }) },
      { status: outcome.status === 'muted' ? 409 : 429 },
    );
  }
  await publishStoredMessage(context, { threadId: outcome.threadId, messageId: outcome.messageId, poleId: fromPole.id });
  const note = await context.flash.put({ message: 'conversations.notices.started', values: { pole: outcome.recipientPoleName } });
  return redirect(conversationPath(outcome.threadId), { headers: { 'Set-Cookie': note } });
}

export default function NewConversation() {
  const { subject, poles, blocked, existingThreads } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const isOffer = subject.kind === 'offer';
  const title = t(isOffer ? 'conversations.start.offerTitle' : 'conversations.start.requestTitle');
  return (
    <div className="max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-gray-900">{title}</h1>
        <p className="text-gray-700">{t(isOffer ? 'conversations.start.offerIntro' : 'conversations.start.requestIntro', { pole: subject.pole.name })}</p>
      </div>

      <Card as="section" aria-labelledby="subject-title">
        <h2 id="subject-title" className="text-xl font-semibold text-gray-900">
          {t('conversations.start.subjectHeading')}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium text-gray-700">{t(isOffer ? 'conversations.start.offerLabel' : 'conversations.start.requestLabel')}</dt>
          <dd>
            <Link to={subjectPath(subject)} className="text-brand-800 underline">
              {subject.title}
            </Link>
          </dd>
          <dt className="font-medium text-gray-700">{t('conversations.start.pole')}</dt>
          <dd>
            <Link to={polePath(subject.pole.slug)} className="text-brand-800 underline">
              {subject.pole.name}
            </Link>
          </dd>
        </dl>
      </Card>

      {existingThreads.map((thread) => (
        <Notice key={thread.id} role="note">
          {t('conversations.start.existing', { pole: thread.poleName })}{' '}
          <Link to={conversationPath(thread.id)} className="font-semibold text-brand-800 underline">
            {t('conversations.start.openExisting')}
          </Link>
        </Notice>
      ))}

      {blocked ? (
        <Notice tone="warning" role="note">
          {t(`conversations.start.blocked.${blocked}`)}
        </Notice>
      ) : (
        <section aria-labelledby="message-title" className="space-y-3">
          <h2 id="message-title" className="text-xl font-semibold text-gray-900">
            {t('conversations.start.formTitle')}
          </h2>
          <p className="text-gray-700">{t('conversations.start.mailNote', { pole: subject.pole.name })}</p>
          <MessageForm id="contact" action={contactPath(subject)} poles={poles} lastResult={actionData?.result} submitLabel={title} />
        </section>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { conversations } = metaCatalogue(matches);
  const title = !data ? conversations.meta.newTitle : data.subject.kind === 'offer' ? conversations.start.offerTitle : conversations.start.requestTitle;
  return [{ title: `${title} — Erasmus PTCE` }];
};
