import type { Submission } from '@conform-to/react';
import { data } from '@remix-run/node';
import type { CreateInvitationResult, InvitationRole } from '#app/models/invitations.server';
import { tooManyAttemptsInit, tooManyAttemptsMessage } from '#app/utils/rate-limit.server';
import { notFound } from '#app/utils/http';

type Replier = { reply: Submission<unknown>['reply'] };

const alreadyHasRole: Record<InvitationRole, string> = {
  coordinator: 'account.invite.alreadyCoordinator',
  pole_admin: 'account.invite.alreadyAdmin',
  pole_member: 'account.invite.alreadyMember',
};

/** The answer of every invitation form (members page and /admin), keyed by its intent. */
export async function invitationReply(
  intent: string,
  submission: Replier,
  outcome: CreateInvitationResult | 'invalid',
  role: InvitationRole,
  request: Request,
) {
  if (outcome === 'invalid') return data({ intent, result: submission.reply(), success: null }, { status: 400 });
  if (outcome.status === 'limited') {
    // Beside the form, in the page's language; it does not say which ceiling was reached.
    const message = await tooManyAttemptsMessage(outcome.error, request, 'account.invite.tooMany');
    return data({ intent, result: submission.reply({ formErrors: [message] }), success: null }, tooManyAttemptsInit(outcome.error));
  }
  if (outcome.status === 'unknown-target') throw notFound();
  if (outcome.status === 'already-has-role') {
    return data({ intent, result: submission.reply({ fieldErrors: { email: [alreadyHasRole[role]] } }), success: null }, { status: 400 });
  }
  return data({ intent, result: submission.reply({ resetForm: true }), success: 'account.invite.sent' }, { status: 200 });
}
