import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { createInvitation, getAdministration } from '#app/models/invitations.server';
import { requirePermission } from '#app/utils/permissions.server';
import { keepRetryAfter } from '#app/utils/rate-limit.server';
import { useLocalFormat } from '#app/components/format';
import { readForm } from '#app/utils/form.server';
import { accountTitle } from '#app/components/account-ui';
import { InviteForm, inviteCoordinatorSchema } from '#app/components/invite-form';
import { invitationReply } from '#app/utils/invite-routes.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, { action: 'admin:access' });
  return { bodies: await getAdministration(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requirePermission(request, context, { action: 'admin:access' });
  const intent = 'invite-coordinator';
  const submission = parseWithZod(await readForm(request), { schema: inviteCoordinatorSchema });
  if (submission.status !== 'success') return invitationReply(intent, submission, 'invalid', 'coordinator', request);
  const { email, regionalBodyId } = submission.value;
  const actor = await requirePermission(request, context, { action: 'body:invite-coordinator', bodyId: regionalBodyId });
  const outcome = await createInvitation(context.db, context, {
    inviterId: actor.userId,
    email,
    target: { role: 'coordinator', regionalBodyId },
    appUrl: context.env.appUrl,
  });
  return invitationReply(intent, submission, outcome, 'coordinator', request);
}

export default function Administration() {
  const { bodies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const formatDate = useLocalFormat().dateTime;
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold text-gray-900">{t('account.admin.title')}</h1>
      <div className="max-w-md">
        <InviteForm
          intent="invite-coordinator"
          title={t('account.admin.inviteTitle')}
          submitLabel={t('account.admin.inviteSubmit')}
          actionData={actionData}
          bodies={bodies}
        />
      </div>
      <section aria-labelledby="bodies-title">
        <h2 id="bodies-title" className="text-xl font-semibold text-gray-900">
          {t('account.admin.bodiesTitle')}
        </h2>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{t('account.admin.bodiesCaption')}</caption>
            <thead>
              <tr className="border-b border-gray-300">
                <th scope="col" className="py-2 pr-4">
                  {t('account.admin.body')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('account.admin.regions')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('account.admin.coordinators')}
                </th>
                <th scope="col" className="py-2">
                  {t('account.admin.pending')}
                </th>
              </tr>
            </thead>
            <tbody>
              {bodies.map((body) => (
                <tr key={body.id} className="border-b border-gray-200 align-top">
                  <th scope="row" className="py-2 pr-4 font-semibold">
                    {body.name}
                  </th>
                  <td className="py-2 pr-4">{body.regions.map((region) => (i18n.language === 'en' ? region.nameEn : region.name)).join(', ')}</td>
                  <td className="py-2 pr-4">
                    {body.coordinators.length === 0 ? (
                      <span className="text-gray-700">{t('account.admin.noCoordinator')}</span>
                    ) : (
                      <ul>
                        {body.coordinators.map((coordinator) => (
                          <li key={coordinator.email}>
                            {coordinator.name} <span className="text-sm text-gray-700">({coordinator.email})</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="py-2 text-sm">
                    <ul>
                      {body.pendingInvitations.map((invitation) => (
                        <li key={invitation.id}>{t('account.invite.pendingLine', { email: invitation.email, date: formatDate(invitation.expiresAt) })}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

export const headers: HeadersFunction = keepRetryAfter;

export const meta: MetaFunction = ({ matches }) => accountTitle(matches, (account) => account.admin.title);
