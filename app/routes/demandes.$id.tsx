import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { errorTitle } from '#app/components/error-page';
import { FormatBadges, RequestStateBadge, TagList, UrgencyBadge } from '#app/components/market/badges';
import { BackLink, ContactLink, Fact, ItemHeader, ManageSection, Section } from '#app/components/market/detail';
import { HowToJoin } from '#app/components/joining/how-to-join';
import type { EditorReply } from '#app/components/market/editor';
import { requestChangePublishes, requestStates, requestTakesContact } from '#app/domain/market/rules';
import { requestStateSchema } from '#app/domain/market/schemas';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { changeRequestState, getRequest } from '#app/models/requests.server';
import { allowed, can, getActor, requirePermission } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { readForm } from '#app/utils/form.server';
import { contactLink, invalid, publishingRefused, redirectWithNote, requireActor } from '#app/utils/market-routes.server';
import { requestPath } from '#app/domain/paths';
import { requireRequest } from './__request-editor.server';

/** Requests have no draft: every state is public, the contact link shows while help is still wanted. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const [actor, need] = await Promise.all([getActor(request, context), getRequest(context.db, params.id)]);
  if (!need) throw notFound();
  const isOwner = allowed(actor, { action: 'request:edit', request: need });
  // A pole whose validation was withdrawn may answer or close its requests, not reopen them: the form hides it.
  const publishing = can(actor, { action: 'request:publish', pole: need.pole });
  const canPublish = isOwner && publishing.ok;
  // Where a button is hidden, the page says why, from the reason of the refusal.
  const contact = requestTakesContact(need.state) && actor ? contactLink(actor, need.poleId) : null;
  return {
    need,
    // A visitor is told how a pole joins instead of being sent to sign in.
    visitorMayHelp: requestTakesContact(need.state) && !actor,
    isOwner,
    canPublish,
    publishRefusal: isOwner && !publishing.ok ? publishing.reason : null,
    canContact: contact?.ok === true,
    contactRefusal: contact && !contact.ok ? contact.reason : null,
  };
}

/** The state form (intent=state); the edit form posts to /demandes/<id>/modifier. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireActor(request, context);
  const need = await requireRequest(context, params.id);
  const actor = await requirePermission(request, context, { action: 'request:edit', request: need });
  const submission = parseWithZod(await readForm(request), { schema: requestStateSchema });
  if (submission.status !== 'success') return invalid(submission);
  const { state } = submission.value;
  const outcome = await changeRequestState(context.db, {
    requestId: need.id,
    poleId: need.poleId,
    state,
    mayPublish: (pole) => allowed(actor, { action: 'request:publish', pole }),
  });
  if (outcome === 'not-found') throw notFound();
  if (outcome === 'refused') return publishingRefused(submission);
  return redirectWithNote(context, requestPath(need.id), `market.notices.requestState.${state}`, need.title);
}

export default function RequestPage() {
  const { need, isOwner, canPublish, publishRefusal, canContact, contactRefusal, visitorMayHelp } = useLoaderData<typeof loader>();
  const reply = useActionData<EditorReply>();
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  return (
    <article className="max-w-4xl space-y-6">
      <BackLink to="/demandes" label={t('market.request.backToList')} />
      <ItemHeader
        kind={t('market.request.kind')}
        title={need.title}
        ownerLabel={t('market.request.askedBy')}
        owner={need}
        badges={
          <>
            <RequestStateBadge state={need.state} />
            <UrgencyBadge urgency={need.urgency} />
          </>
        }
      />
      {canContact ? <ContactLink to={`/conversations/nouvelle?demande=${need.id}`} label={t('market.request.contact')} /> : null}
      {contactRefusal ? <p className="text-gray-700">{t(`permissions.reasons.${contactRefusal}`)}</p> : null}
      {visitorMayHelp ? <HowToJoin context="request" redirectTo={requestPath(need.id)} /> : null}

      <Section title={t('market.fields.context')}>
        <p className="whitespace-pre-line text-gray-900">{need.context}</p>
      </Section>

      <Section title={t('market.request.details')}>
        <dl>
          <Fact label={t('market.fields.topics')}>
            <TagList tags={need.topics} />
          </Fact>
          <Fact label={t('market.fields.sectors')}>
            <TagList tags={need.sectors} empty={<span className="text-gray-700">{t('market.fields.none')}</span>} />
          </Fact>
          <Fact label={t('market.fields.preferredFormats')}>
            <FormatBadges formats={need.preferredFormats} />
          </Fact>
          <Fact label={t('market.fields.urgency')}>{t(`market.urgency.${need.urgency}`)}</Fact>
          <Fact label={t('market.fields.state')}>{t(`market.requestStates.${need.state}`)}</Fact>
          <Fact label={t('market.fields.createdAt')}>{date(need.createdAt)}</Fact>
          <Fact label={t('market.fields.updatedAt')}>{date(need.updatedAt)}</Fact>
        </dl>
      </Section>

      {isOwner ? (
        <ManageSection
          title={t('market.request.manage')}
          editTo={requestPath(need.id, 'modifier')}
          editLabel={t('market.request.edit')}
          states={requestStates.filter((state) => canPublish || !requestChangePublishes(need.state, state))}
          current={need.state}
          stateLabel={(state) => t(`market.requestStates.${state}`)}
          errors={reply?.result.error?.state}
          note={publishRefusal ? t(`permissions.reasons.${publishRefusal}`) : undefined}
        />
      ) : null}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  const title = data ? data.need.title : errorTitle(error, metaCatalogue(matches).errors);
  return [{ title: `${title} — Erasmus PTCE` }];
};
