import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs } from '@remix-run/node';
import { newOfferSchema, offerFieldsSchema } from '#app/domain/market/schemas';
import { findMarketPole } from '#app/models/marketplace.server';
import { createOffer, findOfferRef, updateOffer } from '#app/models/offers.server';
import { allowed, requirePermission } from '#app/utils/permissions.server';
import { notFound } from '#app/utils/http';
import { readForm } from '#app/utils/form.server';
import { invalid, replyToSave, requireActor } from '#app/utils/market-routes.server';

/** The offer being acted on, by the id in the URL. */
export async function requireOffer(context: ActionFunctionArgs['context'], id: string | undefined) {
  const offer = await findOfferRef(context.db, id);
  if (!offer) throw notFound();
  return offer;
}

/** Saves the offer form: a new offer (/offres/nouvelle) or an edit (/offres/<id>/modifier). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const formData = await readForm(request);

  if (params.id) {
    const offer = await requireOffer(context, params.id);
    await requirePermission(request, context, { action: 'offer:edit', offer });
    const submission = parseWithZod(formData, { schema: offerFieldsSchema });
    if (submission.status !== 'success') return invalid(submission);
    const outcome = await updateOffer(context.db, { offerId: offer.id, poleId: offer.poleId, fields: submission.value });
    return replyToSave(context, submission, outcome, { basePath: '/offres', notice: 'market.notices.offerUpdated', title: submission.value.title });
  }

  const submission = parseWithZod(formData, { schema: newOfferSchema });
  if (submission.status !== 'success') return invalid(submission);
  const { poleId, state, ...fields } = submission.value;
  const pole = await findMarketPole(context.db, poleId);
  if (!pole) throw notFound();
  // The form lists the person's poles, but the posted id is what counts: another pole's id is refused here.
  await requirePermission(request, context, { action: 'offer:create', pole });
  // Asked again inside the transaction, on the pole's validation as it is when the offer is written.
  const outcome = await createOffer(context.db, {
    poleId: pole.id,
    createdById: actor.userId,
    state,
    fields,
    mayCreate: (owner) =>
      allowed(actor, { action: 'offer:create', pole: { ...pole, verified: owner.verified } }) &&
      (state === 'draft' || allowed(actor, { action: 'offer:publish', pole: owner })),
  });
  return replyToSave(context, submission, outcome, { basePath: '/offres', notice: 'market.notices.offerCreated', title: fields.title });
}
