import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { errorTitle } from '#app/components/error-page';
import { FormatBadges, OfferStateBadge, ReachBadge, TagList, useLanguageNames } from '#app/components/market/badges';
import { BackLink, ContactLink, Fact, ItemHeader, ManageSection, Section } from '#app/components/market/detail';
import type { EditorReply } from '#app/components/market/editor';
import { HowToJoin } from '#app/components/joining/how-to-join';
import { offerChangePublishes, offerIsPublic, offerStates, offerTakesContact } from '#app/domain/market/rules';
import { offerStateSchema } from '#app/domain/market/schemas';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { changeOfferState, getOffer } from '#app/models/offers.server';
import { allowed, can, getActor, requirePermission } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { readForm } from '#app/utils/form.server';
import { contactLink, invalid, publishingRefused, redirectWithNote, requireActor } from '#app/utils/market-routes.server';
import { offerPath } from '#app/domain/paths';
import { requireOffer } from './__offer-editor.server';
import { Notice } from '#app/components/ui';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const [actor, offer] = await Promise.all([getActor(request, context), getOffer(context.db, params.id)]);
  if (!offer) throw notFound();
  const isOwner = allowed(actor, { action: 'offer:edit', offer });
  // Outside its pole, an offer that is not published does not exist: same answer as a wrong id.
  if (!offerIsPublic(offer.state) && !isOwner) throw notFound();
  // A pole whose validation was withdrawn may pause, close and edit, not publish: the form hides it.
  const publishing = can(actor, { action: 'offer:publish', pole: offer.pole });
  const canPublish = isOwner && publishing.ok;
  // Where a button is hidden, the page says why, from the reason of the refusal.
  const contact = offerTakesContact(offer.state) && actor ? contactLink(actor, offer.poleId) : null;
  return {
    offer,
    // A visitor is told how a pole joins instead of being sent to sign in (a regional offer serves its own region).
    joining: offerTakesContact(offer.state) && !actor ? { regionCode: offer.reach === 'regional' ? offer.region.code : null } : null,
    isOwner,
    canPublish,
    publishRefusal: isOwner && !publishing.ok ? publishing.reason : null,
    canContact: contact?.ok === true,
    contactRefusal: contact && !contact.ok ? contact.reason : null,
  };
}

/** The state form (intent=state); the edit form posts to /offres/<id>/modifier. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireActor(request, context);
  const offer = await requireOffer(context, params.id);
  const actor = await requirePermission(request, context, { action: 'offer:edit', offer });
  const submission = parseWithZod(await readForm(request), { schema: offerStateSchema });
  if (submission.status !== 'success') return invalid(submission);
  const { state } = submission.value;
  const outcome = await changeOfferState(context.db, {
    offerId: offer.id,
    poleId: offer.poleId,
    state,
    mayPublish: (pole) => allowed(actor, { action: 'offer:publish', pole }),
  });
  if (outcome === 'not-found') throw notFound();
  if (outcome === 'refused') return publishingRefused(submission);
  return redirectWithNote(context, offerPath(offer.id), `market.notices.offerState.${state}`, offer.title);
}

export default function OfferPage() {
  const { offer, isOwner, canPublish, publishRefusal, canContact, contactRefusal, joining } = useLoaderData<typeof loader>();
  const reply = useActionData<EditorReply>();
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  const languageNames = useLanguageNames();
  const none = <span className="text-gray-700">{t('market.fields.none')}</span>;
  return (
    <article className="max-w-4xl space-y-6">
      <BackLink to="/offres" label={t('market.offer.backToList')} />
      <ItemHeader
        kind={t('market.offer.kind')}
        title={offer.title}
        ownerLabel={t('market.offer.offeredBy')}
        owner={offer}
        badges={
          <>
            <OfferStateBadge state={offer.state} />
            <ReachBadge reach={offer.reach} />
          </>
        }
      />
      {isOwner && !offerIsPublic(offer.state) ? (
        <Notice tone="info" role="note">
          {t('market.offer.hiddenNotice')}
        </Notice>
      ) : null}
      {canContact ? <ContactLink to={`/conversations/nouvelle?offre=${offer.id}`} label={t('market.offer.contact')} /> : null}
      {contactRefusal ? <p className="text-gray-700">{t(`permissions.reasons.${contactRefusal}`)}</p> : null}
      {joining ? <HowToJoin context="offer" redirectTo={offerPath(offer.id)} regionCode={joining.regionCode} /> : null}

      <Section title={t('market.fields.description')}>
        <p className="whitespace-pre-line text-gray-900">{offer.description}</p>
      </Section>

      <Section title={t('market.offer.details')}>
        <dl>
          <Fact label={t('market.fields.topics')}>
            <TagList tags={offer.topics} />
          </Fact>
          <Fact label={t('market.fields.sectors')}>
            <TagList tags={offer.sectors} empty={none} />
          </Fact>
          <Fact label={t('market.fields.formats')}>
            <FormatBadges formats={offer.formats} />
          </Fact>
          <Fact label={t('market.fields.reach')}>{t(`market.reach.${offer.reach}`)}</Fact>
          <Fact label={t('market.fields.languages')}>{languageNames(offer.languages)}</Fact>
          <Fact label={t('market.fields.capacity')}>{t('market.fields.capacityValue', { count: offer.capacity })}</Fact>
          <Fact label={t('market.fields.state')}>{t(`market.offerStates.${offer.state}`)}</Fact>
          {offer.publishedAt ? <Fact label={t('market.fields.publishedAt')}>{date(offer.publishedAt)}</Fact> : null}
          <Fact label={t('market.fields.updatedAt')}>{date(offer.updatedAt)}</Fact>
        </dl>
      </Section>

      {isOwner ? (
        <ManageSection
          title={t('market.offer.manage')}
          editTo={offerPath(offer.id, 'modifier')}
          editLabel={t('market.offer.edit')}
          states={offerStates.filter((state) => canPublish || !offerChangePublishes(offer.state, state))}
          current={offer.state}
          stateLabel={(state) => t(`market.offerStates.${state}`)}
          errors={reply?.result.error?.state}
          note={publishRefusal ? t(`permissions.reasons.${publishRefusal}`) : undefined}
        />
      ) : null}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  const title = data ? data.offer.title : errorTitle(error, metaCatalogue(matches).errors);
  return [{ title: `${title} — Erasmus PTCE` }];
};
