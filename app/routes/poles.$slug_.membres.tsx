import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { createInvitation, listPoleMembers } from '#app/models/invitations.server';
import { findPoleRefBySlug } from '#app/models/poles.server';
import { allowed, requirePermission } from '#app/utils/permissions.server';
import { keepRetryAfter } from '#app/utils/rate-limit.server';
import { useLocalFormat } from '#app/components/format';
import { notFound } from '#app/utils/http';
import { readForm } from '#app/utils/form.server';
import { accountTitle } from '#app/components/account-ui';
import { InviteForm, inviteSchema } from '#app/components/invite-form';
import { invitationReply } from '#app/utils/invite-routes.server';
import { polePath } from '#app/domain/paths';

const intents = {
  'invite-member': { action: 'pole:invite-member', role: 'pole_member' },
  'invite-admin': { action: 'pole:invite-admin', role: 'pole_admin' },
} as const;

// The permission depends on the pole's region, so the pole is looked up before the guard.
async function requirePole(context: LoaderFunctionArgs['context'], slug: string | undefined) {
  const pole = await findPoleRefBySlug(context.db, slug ?? '');
  if (!pole) throw notFound();
  return pole;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const pole = await requirePole(context, params.slug);
  const actor = await requirePermission(request, context, { action: 'pole:view-members', pole });
  const { members, pendingInvitations } = await listPoleMembers(context.db, pole.id);
  const canInviteMember = allowed(actor, { action: 'pole:invite-member', pole });
  const canInviteAdmin = allowed(actor, { action: 'pole:invite-admin', pole });
  return {
    pole: { slug: pole.slug, name: pole.name },
    members,
    // Who was invited is for those who invite.
    pendingInvitations: canInviteMember || canInviteAdmin ? pendingInvitations : [],
    canInviteMember,
    canInviteAdmin,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const pole = await requirePole(context, params.slug);
  const formData = await readForm(request);
  const intent = String(formData.get('intent'));
  const chosen = intent === 'invite-member' || intent === 'invite-admin' ? intents[intent] : null;
  if (!chosen) throw new Response('Bad request', { status: 400 });
  const actor = await requirePermission(request, context, { action: chosen.action, pole });
  const submission = parseWithZod(formData, { schema: inviteSchema });
  if (submission.status !== 'success') return invitationReply(intent, submission, 'invalid', chosen.role, request);
  const outcome = await createInvitation(context.db, context, {
    inviterId: actor.userId,
    email: submission.value.email,
    target: { role: chosen.role, poleId: pole.id },
    appUrl: context.env.appUrl,
  });
  return invitationReply(intent, submission, outcome, chosen.role, request);
}

export default function PoleMembers() {
  const { pole, members, pendingInvitations, canInviteMember, canInviteAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useLocalFormat().dateTime;
  return (
    <div className="space-y-8">
      <div>
        <p>
          <Link to={polePath(pole.slug)} className="text-brand-800 underline">
            {t('account.members.backToPole', { pole: pole.name })}
          </Link>
        </p>
        <h1 className="mt-2 text-3xl font-bold text-gray-900">{t('account.members.title', { pole: pole.name })}</h1>
      </div>
      <section aria-labelledby="members-title">
        <h2 id="members-title" className="text-xl font-semibold text-gray-900">
          {t('account.members.listTitle')}
        </h2>
        {members.length === 0 ? (
          <p className="mt-2 text-gray-700">{t('account.members.none')}</p>
        ) : (
          <table className="stack-table mt-2 w-full max-w-3xl text-left">
            <caption className="sr-only">{t('account.members.caption', { pole: pole.name })}</caption>
            <thead>
              <tr className="border-b border-gray-300">
                <th scope="col" className="py-2 pr-4">
                  {t('account.fields.name')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('account.fields.email')}
                </th>
                <th scope="col" className="py-2">
                  {t('account.members.role')}
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.email} className="border-b border-gray-200">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {member.name}
                  </th>
                  <td className="break-all py-2 pr-4" data-label={t('account.fields.email')}>
                    {member.email}
                  </td>
                  <td className="py-2" data-label={t('account.members.role')}>
                    {t(member.role === 'admin' ? 'roles.poleAdmin' : 'roles.poleMember')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {pendingInvitations.length > 0 ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title" className="text-xl font-semibold text-gray-900">
            {t('account.members.pendingTitle')}
          </h2>
          <ul className="mt-2 space-y-1">
            {pendingInvitations.map((invitation) => (
              <li key={invitation.id}>
                {t('account.members.pendingLine', {
                  email: invitation.email,
                  role: t(invitation.role === 'pole_admin' ? 'roles.poleAdmin' : 'roles.poleMember'),
                  inviter: invitation.invitedBy,
                  date: formatDate(invitation.expiresAt),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid max-w-3xl gap-6 md:grid-cols-2">
        {canInviteMember ? (
          <InviteForm intent="invite-member" title={t('account.members.inviteMember')} submitLabel={t('account.members.send')} actionData={actionData} />
        ) : null}
        {canInviteAdmin ? (
          <InviteForm intent="invite-admin" title={t('account.members.inviteAdmin')} submitLabel={t('account.members.send')} actionData={actionData} />
        ) : null}
      </div>
    </div>
  );
}

export const headers: HeadersFunction = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  accountTitle(matches, (account) => account.members.title.replace('{{pole}}', data?.pole.name ?? ''));
