import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { EditorPage, PublishingBlocked, type EditorReply } from '#app/components/market/editor';
import { metaCatalogue } from '#app/components/format';
import { loadEditorChoices } from '#app/models/marketplace.server';
import { requireActor, splitPublishingPoles } from '#app/utils/market-routes.server';
import { RequestEditor } from './__request-editor';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { poles, vocabulary } = await loadEditorChoices(context.db, actor.poleRoles.keys());
  return { ...splitPublishingPoles(actor, poles, 'request:create'), vocabulary };
}

export { action } from './__request-editor.server';

export default function NewRequest() {
  const { poles, unverifiedPoles, vocabulary } = useLoaderData<typeof loader>();
  const reply = useActionData<EditorReply>();
  const { t } = useTranslation();
  return (
    <EditorPage title={t('market.request.newTitle')} intro={poles.length > 0 ? t('market.request.newIntro') : undefined}>
      {poles.length > 0 ? (
        <RequestEditor mode="new" poles={poles} vocabulary={vocabulary} lastResult={reply?.result} cancelTo="/demandes" />
      ) : (
        <PublishingBlocked unverifiedPoles={unverifiedPoles} />
      )}
    </EditorPage>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaCatalogue(matches).market.request.metaNew} — Erasmus PTCE` }];
