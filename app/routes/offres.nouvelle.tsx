import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { EditorPage, PublishingBlocked, type EditorReply } from '#app/components/market/editor';
import { metaCatalogue } from '#app/components/format';
import { loadEditorChoices } from '#app/models/marketplace.server';
import { requireActor, splitPublishingPoles } from '#app/utils/market-routes.server';
import { OfferEditor } from './__offer-editor';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { poles, vocabulary } = await loadEditorChoices(context.db, actor.poleRoles.keys());
  return { ...splitPublishingPoles(actor, poles, 'offer:create'), vocabulary };
}

export { action } from './__offer-editor.server';

export default function NewOffer() {
  const { poles, unverifiedPoles, vocabulary } = useLoaderData<typeof loader>();
  const reply = useActionData<EditorReply>();
  const { t } = useTranslation();
  return (
    <EditorPage title={t('market.offer.newTitle')} intro={poles.length > 0 ? t('market.offer.newIntro') : undefined}>
      {poles.length > 0 ? (
        <OfferEditor mode="new" poles={poles} vocabulary={vocabulary} lastResult={reply?.result} cancelTo="/offres" />
      ) : (
        <PublishingBlocked unverifiedPoles={unverifiedPoles} />
      )}
    </EditorPage>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaCatalogue(matches).market.offer.metaNew} — Erasmus PTCE` }];
