import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { EditorPage } from '#app/components/market/editor';
import { metaCatalogue } from '#app/components/format';
import { Notice } from '#app/components/ui';
import { VisitForm, type VisitFormReply } from '#app/components/visits/visit-form';
import { visitPath } from '#app/domain/paths';
import { formatInParis } from '#app/domain/visits/time';
import { visitSchema } from '#app/domain/visits/visit';
import { i18next } from '#app/i18next.server';
import { isLanguage } from '#app/i18n';
import { publishStoredMessage } from '#app/utils/thread-posting.server';
import { findConversationRef, postInConversation } from '#app/models/conversations.server';
import { findMarketPole, loadEditorChoices } from '#app/models/marketplace.server';
import { activeTwinningOf, createVisit, offerOfPole } from '#app/models/visits.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { invalid, redirectWithNote, requireActor } from '#app/utils/market-routes.server';
import { allowed, requirePermission, type Actor } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';
import type { Transaction } from '#db/client';

/**
 * /visites/nouvelle: an admin of a validated pole hosts a learning visit. `?offre=<id>` pre-fills
 * the form from one of the pole's offers and links it; `?jumelage=<id>` links an active twinning;
 * `?conversation=<id>` proposes it in a conversation of the pole: once created, a message there
 * announces it, in the host pole's name.
 */

/**
 * The conversation of `?conversation=<id>`: one the person may write in for at least one of its
 * poles, not locked; null without the parameter. Anything else is a 404, as for `?offre=`.
 */
async function conversationToAnnounceIn(context: LoaderFunctionArgs['context'], actor: Actor, threadId: string | null) {
  if (!threadId) return null;
  const thread = isUuid(threadId) ? await findConversationRef(context.db, threadId) : null;
  if (!thread || thread.lockedAt) throw notFound();
  const poleIds = [thread.initiatorPoleId, thread.recipientPoleId].filter(
    (id): id is string => id !== null && allowed(actor, { action: 'conversation:reply', thread, asPole: { id } }),
  );
  if (poleIds.length === 0) throw notFound();
  return { id: thread.id, title: thread.title, poleIds };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { poles, vocabulary } = await loadEditorChoices(context.db, actor.poleRoles.keys());
  const query = new URL(request.url).searchParams;
  // Proposed from a conversation, the visit is hosted by one of its poles.
  const conversation = await conversationToAnnounceIn(context, actor, query.get('conversation'));
  const hosts = poles
    .filter((pole) => allowed(actor, { action: 'visit:create', pole }) && (!conversation || conversation.poleIds.includes(pole.id)))
    .map((pole) => ({ id: pole.id, name: pole.name }));
  if (conversation && hosts.length === 0) throw notFound();
  const defaultValue: Record<string, string | string[] | undefined> = {
    poleId: hosts.length === 1 ? hosts[0]!.id : undefined,
    time: '09:30',
    durationMinutes: '240',
    deadlineTime: '18:00',
    bookingMode: 'instant',
    costs: 'free',
  };
  let offer: { title: string } | null = null;
  let twinning: { mentor: string; mentee: string } | null = null;
  const offerId = query.get('offre');
  if (offerId) {
    const found = isUuid(offerId) ? await firstOf(hosts, (pole) => offerOfPole(context.db, pole.id, offerId)) : null;
    // An offer that is not one of the person's hosting poles' is not theirs to host from.
    if (!found) throw notFound();
    Object.assign(defaultValue, {
      poleId: found.poleId,
      offerId: found.id,
      title: found.title,
      programme: found.description.slice(0, 5000),
      topics: found.topics.slice(0, 5),
    });
    offer = found;
  }
  const twinningId = query.get('jumelage');
  if (twinningId) {
    const found = isUuid(twinningId) ? await firstOf(hosts, (pole) => activeTwinningOf(context.db, pole.id, twinningId)) : null;
    if (!found) throw notFound();
    Object.assign(defaultValue, { poleId: defaultValue.poleId ?? found.poleId, twinningId: found.id });
    twinning = found;
  }
  return { hosts, topics: vocabulary.topics, defaultValue, offer, twinning, conversation: conversation ? { title: conversation.title } : null };
}

/** The first of the poles for which `find` finds something, with that pole's id. */
async function firstOf<T extends object>(hosts: Array<{ id: string }>, find: (pole: { id: string }) => Promise<T | null>) {
  for (const pole of hosts) {
    const found = await find(pole);
    if (found) return { ...found, poleId: pole.id };
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const conversation = await conversationToAnnounceIn(context, actor, new URL(request.url).searchParams.get('conversation'));
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: visitSchema({ now: new Date(), withPole: true }) });
  if (submission.status !== 'success') return invalid(submission);
  const { poleId, ...fields } = submission.value;
  const pole = await findMarketPole(context.db, poleId ?? '');
  if (!pole) throw notFound();
  // The form lists the person's poles, but the posted id is what counts.
  await requirePermission(request, context, { action: 'visit:create', pole });
  if (conversation && !conversation.poleIds.includes(pole.id)) return invalid(submission, { poleId: ['visitHosting.conversation.poleOutside'] });
  // The announcement is written in the author's language, as if they had typed it.
  const [t, locale] = await Promise.all([i18next.getFixedT(request), i18next.getLocale(request)]);
  let announced: string | null = null;
  const announce = async (tx: Transaction, visitId: string) => {
    if (!conversation) return;
    const body = t('visitHosting.conversation.message', {
      title: fields.title,
      date: formatInParis(fields.startsAt, isLanguage(locale) ? locale : 'fr'),
      url: new URL(visitPath(visitId), context.env.appUrl.origin).href,
    });
    // A conversation locked by moderation meanwhile (or a mute, or slow mode) takes no message; the visit is created all the same.
    const posted = await postInConversation(tx, context, { threadId: conversation.id, poleId: pole.id, authorId: actor.userId, body });
    announced = posted.status === 'sent' ? posted.message.id : null;
  };
  const outcome = await createVisit(context, {
    poleId: pole.id,
    actorId: actor.userId,
    fields,
    mayCreate: (owner) => allowed(actor, { action: 'visit:create', pole: { ...pole, verified: owner.verified } }),
    onCreated: announce,
  });
  if (outcome.status === 'invalid') return invalid(submission, { [outcome.field]: [outcome.message] });
  if (outcome.status !== 'saved') throw notFound();
  if (conversation && announced) {
    await publishStoredMessage(context, { threadId: conversation.id, messageId: announced, poleId: pole.id });
    return redirectWithNote(context, visitPath(outcome.id), 'visitHosting.conversation.created', fields.title);
  }
  return redirectWithNote(context, visitPath(outcome.id), 'visitHosting.notices.created', fields.title);
}

export default function NewVisit() {
  const { hosts, topics, defaultValue, offer, twinning, conversation } = useLoaderData<typeof loader>();
  const reply = useActionData<VisitFormReply>();
  const { t } = useTranslation();
  return (
    <EditorPage title={t('visitHosting.newTitle')} intro={hosts.length > 0 ? t('visitHosting.newIntro') : undefined}>
      {hosts.length > 0 ? (
        <>
          {offer ? <Notice className="mb-4">{t('visitHosting.fromOffer', { title: offer.title })}</Notice> : null}
          {twinning ? <Notice className="mb-4">{t('visitHosting.forTwinning', { mentor: twinning.mentor, mentee: twinning.mentee })}</Notice> : null}
          {conversation ? <Notice className="mb-4">{t('visitHosting.conversation.intro', { title: conversation.title })}</Notice> : null}
          <VisitForm mode="new" poles={hosts} topics={topics} defaultValue={defaultValue} lastResult={reply?.result} cancelTo="/visites" />
        </>
      ) : (
        <Notice tone="warning" role="note">
          {t('visitHosting.noPole')}
        </Notice>
      )}
    </EditorPage>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaCatalogue(matches).visitHosting.metaNew} — Erasmus PTCE` }];
