import { type Submission } from '@conform-to/react';
import { data } from '@remix-run/node';
import type { CreateInvitationResult, InvitationRole } from '#app/models/invitations.server';

type Replier = { reply: Submission<unknown>['reply'] };

const alreadyHasRole: Record<InvitationRole, string> = {
  coordinator: 'account.invite.alreadyCoordinator',
  pole_admin: 'account.invite.alreadyAdmin',
  pole_member: 'account.invite.alreadyMember',
};

/** The answer of every invitation form (members page and /admin), keyed by its intent. */
export function invitationReply(intent: string, submission: Replier, outcome: CreateInvitationResult | 'invalid', role: InvitationRole) {
  if (outcome === 'invalid') return data({ intent, result: submission.reply(), success: null }, { status: 400 });
  if (outcome.status === 'unknown-target') throw new Response('Not found', { status: 404 });
  if (outcome.status === 'already-has-role') {
    return data({ intent, result: submission.reply({ fieldErrors: { email: [alreadyHasRole[role]] } }), success: null }, { status: 400 });
  }
  return data({ intent, result: submission.reply({ resetForm: true }), success: 'account.invite.sent' }, { status: 200 });
}
