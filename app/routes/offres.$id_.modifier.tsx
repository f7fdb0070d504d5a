import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { errorTitle } from '#app/components/error-page';
import { EditorPage, type EditorReply } from '#app/components/market/editor';
import { metaCatalogue } from '#app/components/format';
import { getOfferForEditing } from '#app/models/offers.server';
import { requirePermission } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { requireActor } from '#app/utils/market-routes.server';
import { offerPath } from '#app/domain/paths';
import { OfferEditor } from './__offer-editor';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireActor(request, context);
  const editing = await getOfferForEditing(context.db, params.id);
  if (!editing) throw notFound();
  await requirePermission(request, context, { action: 'offer:edit', offer: editing.offer });
  return editing;
}

export { action } from './__offer-editor.server';

export default function EditOffer() {
  const { offer, vocabulary } = useLoaderData<typeof loader>();
  const reply = useActionData<EditorReply>();
  const { t } = useTranslation();
  return (
    <EditorPage title={t('market.offer.editTitle')}>
      <OfferEditor mode="edit" offer={offer.fields} vocabulary={vocabulary} lastResult={reply?.result} cancelTo={offerPath(offer.id)} />
    </EditorPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  const catalogue = metaCatalogue(matches);
  const title = data ? `${catalogue.market.offer.editTitle} — ${data.offer.fields.title}` : errorTitle(error, catalogue.errors);
  return [{ title: `${title} — Erasmus PTCE` }];
};
