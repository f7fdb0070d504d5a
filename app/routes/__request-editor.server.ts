import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs } from '@remix-run/node';
import { newRequestSchema, requestFieldsSchema } from '#app/domain/market/schemas';
import { findMarketPole } from '#app/models/marketplace.server';
import { createRequest, findRequestRef, updateRequest } from '#app/models/requests.server';
import { allowed, requirePermission } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { readForm } from '#app/utils/form.server';
import { invalid, replyToSave, requireActor } from '#app/utils/market-routes.server';

/** The request being acted on, by the id in the URL. */
export async function requireRequest(context: ActionFunctionArgs['context'], id: string | undefined) {
  const request = await findRequestRef(context.db, id);
  if (!request) throw notFound();
  return request;
}

/** Saves the request form: a new request (/demandes/nouvelle) or an edit (/demandes/<id>/modifier). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const formData = await readForm(request);

  if (params.id) {
    const need = await requireRequest(context, params.id);
    await requirePermission(request, context, { action: 'request:edit', request: need });
    const submission = parseWithZod(formData, { schema: requestFieldsSchema });
    if (submission.status !== 'success') return invalid(submission);
    const outcome = await updateRequest(context.db, { requestId: need.id, poleId: need.poleId, fields: submission.value });
    return replyToSave(context, submission, outcome, { basePath: '/demandes', notice: 'market.notices.requestUpdated', title: submission.value.title });
  }

  const submission = parseWithZod(formData, { schema: newRequestSchema });
  if (submission.status !== 'success') return invalid(submission);
  const { poleId, ...fields } = submission.value;
  const pole = await findMarketPole(context.db, poleId);
  if (!pole) throw notFound();
  // The form lists the person's poles, but the posted id is what counts: another pole's id is refused here.
  await requirePermission(request, context, { action: 'request:create', pole });
  // A new request is open at once: creating it publishes it, asked again inside the transaction.
  const outcome = await createRequest(context.db, {
    poleId: pole.id,
    createdById: actor.userId,
    fields,
    mayCreate: (owner) =>
      allowed(actor, { action: 'request:create', pole: { ...pole, verified: owner.verified } }) && allowed(actor, { action: 'request:publish', pole: owner }),
  });
  return replyToSave(context, submission, outcome, { basePath: '/demandes', notice: 'market.notices.requestCreated', title: fields.title });
}
