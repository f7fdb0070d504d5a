import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { slowModeWait } from '#app/domain/threads/moderation';
import { messagesPerPage, threadPostSchema } from '#app/domain/threads/messages';
import { i18next } from '#app/i18next.server';
import { activeMute, lastPostedAt, liveStateOf, threadMessages, type ThreadFacts } from '#app/models/threads.server';
import { lastReadSeq, markRead } from '#app/models/thread-reads.server';
import { requireSession } from '#app/utils/auth.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { allowed, requirePermission } from '#app/utils/permissions.server';
import type { ThreadRefusal } from '#app/utils/realtime.server';
import { handleThreadModeration } from '#app/utils/thread-moderation.server';
import { sendThreadMessage } from '#app/utils/thread-posting.server';
import { polesToSpeakFor } from '#app/models/thread-people.server';
import { moderationAuthors, pendingReportsByMessage } from '#app/models/moderation-desk.server';

/**
 * The loader and action every live thread page shares (a conversation, a forum topic, a visit's
 * discussion: decision 019). The page renders on the server and posts without JavaScript; the
 * live client (app/components/threads/use-live-thread.ts) takes over from `lastSeq`.
 */

type Context = LoaderFunctionArgs['context'];

/** The « ?avant=<seq> » of an older page, or undefined for the newest messages. */
function olderThan(request: Request): number | undefined {
  const raw = new URL(request.url).searchParams.get('avant');
  if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
  const seq = Number(raw);
  return seq > 0 ? seq : undefined;
}

export type ThreadPageData = Awaited<ReturnType<typeof loadThreadPage>>;

/**
 * What a thread page shows, for a person allowed to read it (404 otherwise; a visitor signs in):
 * the last `messagesPerPage` messages (or those before `?avant=`), where the unread ones start,
 * the thread's state and what it means for the viewer (locked, slow mode's wait, a mute), and a
 * fresh idempotency key for the form. Reading the newest page marks it read.
 */
export async function loadThreadPage(request: Request, context: Context, facts: ThreadFacts) {
  const session = await requireSession(request, context);
  const actor = await requirePermission(request, context, { action: 'thread:read', thread: facts.access });
  const userId = session.user.id;
  const moderator = allowed(actor, { action: 'thread:moderate', thread: { regionCode: facts.regionCode } });
  const before = olderThan(request);
  const now = new Date();

  const [shown, readUpTo, mute, postedAt, writeAs] = await Promise.all([
    threadMessages(context.db, { threadId: facts.id, before, limit: messagesPerPage, moderator }),
    lastReadSeq(context.db, { userId, threadId: facts.id }),
    activeMute(context.db, { userId, regionCode: facts.regionCode, now }),
    lastPostedAt(context.db, { threadId: facts.id, userId }),
    polesToSpeakFor(context.db, actor, facts),
  ]);
  const first = shown[0];
  const older = first ? await threadMessages(context.db, { threadId: facts.id, before: first.seq, limit: 1, moderator }) : [];
  const lastSeq = shown.at(-1)?.seq ?? 0;
  const firstUnread = shown.find((message) => message.seq > readUpTo && message.authorId !== userId) ?? null;
  const live = before === undefined;
  if (live && lastSeq > 0) await markRead(context.db, { userId, threadId: facts.id, seq: lastSeq, at: now });

  const state = liveStateOf(facts, now);
  const canPost = allowed(actor, { action: 'thread:post', thread: facts.access });
  return {
    thread: { id: facts.id, title: facts.title, subjectType: facts.subjectType, regionCode: facts.regionCode },
    state,
    messages: shown,
    /** The seq to ask older messages before (« ?avant= »), or null at the start of the thread. */
    olderBefore: older.length > 0 && first ? first.seq : null,
    /** The newest page: the live client follows it from `lastSeq`. An older page is plain history. */
    live,
    lastSeq,
    firstUnreadSeq: firstUnread?.seq ?? null,
    viewer: { id: userId, name: session.user.name },
    moderator,
    canPost,
    canReport: allowed(actor, { action: 'thread:report', thread: facts.access }),
    poles: canPost ? writeAs : [],
    slowWait: slowModeWait({ seconds: facts.slowModeSeconds, until: facts.slowModeUntil }, postedAt, now, moderator),
    mute: mute ? { until: mute.until.toISOString() } : null,
    key: crypto.randomUUID(),
    siteOrigin: context.env.appUrl.origin,
    authors: moderator ? await moderationAuthors(context.db, { threadId: facts.id, regionCode: facts.regionCode, viewerId: userId, now }) : [],
    /** Reports waiting for review, per message (moderators only). */
    pendingReports: moderator ? await pendingReportsByMessage(context.db, facts.id) : {},
  };
}

/** A refusal of the sending service as a French sentence beside the message field. */
export async function refusalSentence(request: Request, refusal: ThreadRefusal): Promise<string> {
  const t = await i18next.getFixedT(request);
  const locale = await i18next.getLocale(request);
  switch (refusal.error) {
    case 'muted': {
      const until = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
      return t('liveThread.refusals.muted', { until: until.format(new Date(refusal.until)) });
    }
    case 'slow':
      return t('liveThread.refusals.slow', { count: refusal.retryAfter });
    case 'rate-limited':
      return t('liveThread.refusals.rateLimited', { count: refusal.retryAfter });
    case 'locked':
      return t('liveThread.refusals.locked');
    default:
      return t('liveThread.refusals.unavailable');
  }
}

const refusalStatus = { locked: 409, muted: 409, slow: 429, 'rate-limited': 429 } as const;

/**
 * The page's form: `post` (a message, through the one sending path the socket uses too) or a
 * moderation intent (report, hide, restore, lock, slow mode, mute), handled by the moderation
 * module. A stored message sends back to the page at the message (PRG); a refusal stays on the
 * page with its reason beside the field.
 */
export async function threadPageAction(request: Request, context: Context, facts: ThreadFacts, pagePath: string) {
  await requireSession(request, context);
  const actor = await requirePermission(request, context, { action: 'thread:read', thread: facts.access });
  const form = await readForm(request);
  const intent = form.get('intent') ?? 'post';
  if (intent !== 'post') {
    const handled = await handleThreadModeration(request, context, { thread: facts, form, actor });
    if (handled) return handled;
    throw new Response(null, { status: 400 });
  }
  await requirePermission(request, context, { action: 'thread:post', thread: facts.access });
  const submission = parseWithZod(form, { schema: threadPostSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), refusal: null }, { status: 400 });
  const { message: text, poleId, key } = submission.value;
  // Speaking for a pole outside the thread (or not one's own) is refused like a thread one cannot see.
  if (poleId && !(await polesToSpeakFor(context.db, actor, facts)).some((pole) => pole.id === poleId)) throw notFound();

  const outcome = await sendThreadMessage(context, { actor, threadId: facts.id, text, key: key ?? null, poleId: poleId ?? null });
  if (outcome.ok) return redirect(`${pagePath}#message-${outcome.message.id}`);
  if (outcome.error === 'not-found') throw notFound();
  if (outcome.error === 'invalid')
    return data({ result: submission.reply({ fieldErrors: { poleId: ['threads.errors.poleRequired'] } }), refusal: null }, { status: 400 });
  const sentence = await refusalSentence(request, outcome);
  const status = outcome.error in refusalStatus ? refusalStatus[outcome.error as keyof typeof refusalStatus] : 503;
  return data({ result: submission.reply({ fieldErrors: { message: [sentence] } }), refusal: outcome }, { status });
}
