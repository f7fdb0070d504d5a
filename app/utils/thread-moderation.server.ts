import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { data, redirect } from '@remix-run/node';
import { z } from 'zod';
import {
  hideSchema,
  isModerationIntent,
  lockSchema,
  messageIntents,
  muteSchema,
  reportSchema,
  restoreSchema,
  slowModeSchema,
} from '#app/domain/threads/moderation';
import type { ModerationReply } from '#app/components/threads/moderation-controls';
import type { AppContext } from '#app/context.server';
import {
  endSlowMode,
  hideMessage,
  liftMute,
  lockThread,
  mutePerson,
  reportMessage,
  restoreMessage,
  setSlowMode,
  unlockThread,
} from '#app/models/moderation.server';
import type { ThreadFacts } from '#app/models/threads.server';
import { notFound } from './http';
import { requirePermission, type Actor } from './permissions.server';
import { isUuid } from './uuid';

/**
 * The moderation forms of a thread page (and of the /moderation queue), handled in one place: a
 * page's action calls `handleThreadModeration` first and goes on with its own intents when it
 * answers null. Reporting needs `thread:report`, every other act `thread:moderate` (the thread's
 * region's coordinators, national admins): refused, the 404 of a missing record, before any field
 * is read. Field errors come back in French beside the field (400), a refusal of the act as the
 * form's message (409); a done act redirects with a note (PRG). The forms and the reply's type:
 * app/components/threads/moderation-controls.tsx.
 */

export type { ModerationReply };

const nothing = z.object({});

export async function handleThreadModeration(
  request: Request,
  context: AppContext,
  input: {
    thread: ThreadFacts;
    form: FormData;
    actor: Actor;
    /** Where a done act leads (default: the page posted to, at the message for a message's act). */
    redirectTo?: string;
  },
) {
  const { thread, form } = input;
  const intent = form.get('intent');
  if (!isModerationIntent(intent)) return null;
  const actor = await requirePermission(
    request,
    context,
    intent === 'report' ? { action: 'thread:report', thread: thread.access } : { action: 'thread:moderate', thread: { regionCode: thread.regionCode } },
  );
  const onMessage = messageIntents.has(intent);
  const needsTarget = onMessage || intent === 'mute' || intent === 'unmute';
  const targetId = needsTarget ? form.get(onMessage ? 'messageId' : 'userId') : null;
  // An id that cannot exist is answered as one that does not.
  if (needsTarget && !isUuid(targetId)) throw notFound();
  const target = isUuid(targetId) ? targetId : null;

  const url = new URL(request.url);
  const back = input.redirectTo ?? `${url.pathname}${url.search}${onMessage ? `#message-${target}` : ''}`;
  const reply = (result: SubmissionResult<string[]>, status: 400 | 409) => data<ModerationReply>({ intent, targetId: target, result }, { status });
  const done = async (message: string) => {
    const note = await context.flash.put({ message, values: { title: thread.title } });
    return redirect(back, { headers: { 'Set-Cookie': note } });
  };
  const base = { threadId: thread.id, moderatorId: actor.userId };

  switch (intent) {
    case 'report': {
      const submission = parseWithZod(form, { schema: reportSchema });
      if (submission.status !== 'success') return reply(submission.reply(), 400);
      const outcome = await reportMessage(context, { messageId: target!, threadId: thread.id, reporterId: actor.userId, reason: submission.value.reason });
      if (outcome.status === 'not-found') throw notFound();
      if (outcome.status !== 'reported') return reply(submission.reply({ formErrors: [refusals[outcome.status]] }), 409);
      return done(outcome.hidden ? 'moderation.notices.reportedAndHidden' : 'moderation.notices.reported');
    }
    case 'hide': {
      const submission = parseWithZod(form, { schema: hideSchema });
      if (submission.status !== 'success') return reply(submission.reply(), 400);
      const outcome = await hideMessage(context, { ...base, messageId: target!, reason: submission.value.reason });
      if (outcome.status === 'not-found') throw notFound();
      if (outcome.status === 'already-hidden') return reply(submission.reply({ formErrors: [refusals['already-hidden']] }), 409);
      return done('moderation.notices.hidden');
    }
    case 'restore': {
      const submission = parseWithZod(form, { schema: restoreSchema });
      if (submission.status !== 'success') return reply(submission.reply(), 400);
      const outcome = await restoreMessage(context, { ...base, messageId: target!, reason: submission.value.reason });
      if (outcome.status === 'not-found') throw notFound();
      if (outcome.status === 'nothing-to-review') return reply(submission.reply({ formErrors: [refusals['nothing-to-review']] }), 409);
      return done(outcome.status === 'kept' ? 'moderation.notices.kept' : 'moderation.notices.restored');
    }
    case 'lock': {
      const submission = parseWithZod(form, { schema: lockSchema });
      if (submission.status !== 'success') return reply(submission.reply(), 400);
      const outcome = await lockThread(context, { ...base, reason: submission.value.reason });
      return threadAnswer(outcome.status, 'moderation.notices.locked');
    }
    case 'unlock':
      return threadAnswer((await unlockThread(context, base)).status, 'moderation.notices.unlocked');
    case 'slowMode': {
      const submission = parseWithZod(form, { schema: slowModeSchema });
      if (submission.status !== 'success') return reply(submission.reply(), 400);
      const outcome = await setSlowMode(context, { ...base, ...submission.value });
      return threadAnswer(outcome.status, 'moderation.notices.slowModeSet');
    }
    case 'endSlowMode':
      return threadAnswer((await endSlowMode(context, base)).status, 'moderation.notices.slowModeEnded');
    case 'mute': {
      const submission = parseWithZod(form, { schema: muteSchema });
      if (submission.status !== 'success') return reply(submission.reply(), 400);
      const outcome = await mutePerson(context, { ...base, userId: target!, hours: submission.value.hours, reason: submission.value.reason });
      if (outcome.status === 'not-found') throw notFound();
      if (outcome.status === 'self') return reply(submission.reply({ formErrors: [refusals.self] }), 409);
      return done('moderation.notices.muted');
    }
    case 'unmute': {
      const outcome = await liftMute(context, { ...base, userId: target! });
      if (outcome.status === 'not-muted') return reply(parseWithZod(form, { schema: nothing }).reply({ formErrors: [refusals['not-muted']] }), 409);
      return done('moderation.notices.unmuted');
    }
  }

  /** A lock, unlock or slow mode: done, or refused because the thread is already so. */
  async function threadAnswer(status: 'done' | 'not-found' | 'already-locked' | 'not-locked' | 'not-slow', notice: string) {
    if (status === 'not-found') throw notFound();
    if (status === 'done') return done(notice);
    return reply(parseWithZod(form, { schema: nothing }).reply({ formErrors: [refusals[status]] }), 409);
  }
}

/** Why an act is refused, as catalogue keys (shown as the form's message). */
const refusals = {
  'own-message': 'moderation.errors.ownMessage',
  'already-reported': 'moderation.errors.alreadyReported',
  'already-hidden': 'moderation.errors.alreadyHidden',
  'nothing-to-review': 'moderation.errors.nothingToReview',
  'already-locked': 'moderation.errors.alreadyLocked',
  'not-locked': 'moderation.errors.notLocked',
  'not-slow': 'moderation.errors.notSlow',
  self: 'moderation.errors.muteSelf',
  'not-muted': 'moderation.errors.notMuted',
} as const;
