import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { deskPath } from '#app/domain/paths';
import { findReopenableRequest, reopenRequest } from '#app/models/pairing-follow-up.server';
import { notFound } from '#app/utils/http';
import { requirePermission } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';

/**
 * The desk's « Rouvrir » button (a plain form POST): a request the unpaired-request job closed is
 * opened again by its region's coordinator, then back to the desk with a note. Nothing is shown
 * here: a GET, like a request the person may not reopen, is not found.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'coordination:access' });
  if (!isUuid(params.id)) throw notFound();
  const found = await findReopenableRequest(context.db, params.id);
  if (!found) throw notFound();
  await requirePermission(request, context, { action: 'request:reopen', pole: found.pole });

  const outcome = await reopenRequest(context, { requestId: found.id, actorId: actor.userId });
  if (outcome.status === 'not-found') throw notFound();
  const message = outcome.status === 'reopened' ? 'followUp.notices.reopened' : 'followUp.notices.notReopenable';
  const note = await context.flash.put({ message, values: { title: outcome.title } });
  return redirect(deskPath(found.pole.regionCode), { headers: { 'Set-Cookie': note } });
}

export function loader(): never {
  throw notFound();
}
