import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { threadPagePath } from '#app/domain/paths';
import { findThreadFacts, visitOfThread } from '#app/models/threads.server';
import { requireSession } from '#app/utils/auth.server';
import { notFound } from '#app/utils/http';
import { requirePermission } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';

/**
 * `/fils/<thread id>`: the page of any live thread (a conversation, a forum topic, a visit's
 * discussion), for links that know only the thread, such as a live notice of a mention. A thread
 * the person may not read is a 404.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(request, context);
  if (!isUuid(params.id)) throw notFound();
  const facts = await findThreadFacts(context.db, params.id);
  if (!facts) throw notFound();
  await requirePermission(request, context, { action: 'thread:read', thread: facts.access });
  const visitId = facts.subjectType === 'visit' ? await visitOfThread(context.db, facts.id) : null;
  const hash = new URL(request.url).searchParams.get('message');
  return redirect(`${threadPagePath({ ...facts, visitId })}${isUuid(hash) ? `#message-${hash}` : ''}`);
}
