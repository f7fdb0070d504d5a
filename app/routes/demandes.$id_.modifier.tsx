import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { errorTitle } from '#app/components/error-page';
import { EditorPage, type EditorReply } from '#app/components/market/editor';
import { metaCatalogue } from '#app/components/format';
import { getRequestForEditing } from '#app/models/requests.server';
import { requirePermission } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { requireActor } from '#app/utils/market-routes.server';
import { requestPath } from '#app/domain/paths';
import { RequestEditor } from './__request-editor';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireActor(request, context);
  const editing = await getRequestForEditing(context.db, params.id);
  if (!editing) throw notFound();
  await requirePermission(request, context, { action: 'request:edit', request: editing.request });
  return editing;
}

export { action } from './__request-editor.server';

export default function EditRequest() {
  const { request, vocabulary } = useLoaderData<typeof loader>();
  const reply = useActionData<EditorReply>();
  const { t } = useTranslation();
  return (
    <EditorPage title={t('market.request.editTitle')}>
      <RequestEditor mode="edit" request={request.fields} vocabulary={vocabulary} lastResult={reply?.result} cancelTo={requestPath(request.id)} />
    </EditorPage>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  const catalogue = metaCatalogue(matches);
  const title = data ? `${catalogue.market.request.editTitle} — ${data.request.fields.title}` : errorTitle(error, catalogue.errors);
  return [{ title: `${title} — Erasmus PTCE` }];
};
