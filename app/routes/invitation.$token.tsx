import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field, FormMessage, SubmitButton } from '#app/components/forms';
import { Notice } from '#app/components/ui';
import { acceptInvitation, getInvitation, type AcceptResult } from '#app/models/invitations.server';
import { confirmPasswordsMatch, nameField, passwordPairFields } from '#app/utils/account-fields';
import { requireSession, type AuthSession } from '#app/utils/auth.server';
import { keepRetryAfter, tooManyAttemptsInit, tooManyAttemptsMessage } from '#app/utils/rate-limit.server';
import { readForm } from '#app/utils/form.server';
import { accountLanguageCookie } from '#app/utils/language.server';
import { i18next } from '#app/i18next.server';
import { isLanguage } from '#app/i18n';
import { accountTitle, FormPage, LinkProblem, NewPasswordFields } from '#app/components/account-ui';

const newAccountSchema = z.object({ name: nameField, ...passwordPairFields }).superRefine(confirmPasswordsMatch);
const gone = (state: 'invalid' | 'expired' | 'used') => data({ state, result: undefined }, { status: state === 'invalid' ? 400 : 410 });

/** No guard: whoever holds the link may read it; accepting is what needs the right person. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const [session, found] = await Promise.all([context.auth.getSession(request), getInvitation(context.db, params.token ?? '')]);
  if (found.state !== 'valid')
    return data({ ...found, invitation: null, viewer: null, constraint: undefined }, { status: found.state === 'invalid' ? 400 : 410 });
  return {
    ...found,
    viewer: session ? { email: session.user.email, name: session.user.name } : null,
    constraint: getZodConstraint(newAccountSchema),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const token = params.token ?? '';

  if (formData.get('intent') === 'accept') {
    const session = await requireSession(request, context);
    const acceptor = { kind: 'existing-account' as const, userId: session.user.id, email: session.user.email };
    const outcome = await acceptInvitation(context.db, context.limiters, { token, acceptor, clientIp: context.clientIp });
    return finish(outcome, { request, context, session });
  }

  // Creating an account while signed in as someone else would silently swap identities.
  const session = await context.auth.getSession(request);
  if (session) throw new Response('Accès refusé', { status: 403 });
  const submission = parseWithZod(formData, { schema: newAccountSchema });
  const hideFields = ['password', 'confirmPassword'];
  if (submission.status !== 'success') return data({ state: 'valid' as const, result: submission.reply({ hideFields }) }, { status: 400 });
  const { name, password } = submission.value;
  // The new account keeps the language the page is shown in (the invitation link carries the mail's).
  const pageLanguage = await i18next.getLocale(request);
  const language = isLanguage(pageLanguage) ? pageLanguage : 'fr';
  const acceptor = { kind: 'new-account' as const, name, password, language };
  const outcome = await acceptInvitation(context.db, context.limiters, { token, acceptor, clientIp: context.clientIp });
  if (outcome.status === 'limited') {
    const result = submission.reply({ formErrors: [await tooManyAttemptsMessage(outcome.error, request)], hideFields });
    return data({ state: 'valid' as const, result }, tooManyAttemptsInit(outcome.error));
  }
  if (outcome.status === 'account-exists') {
    return data({ state: 'valid' as const, result: submission.reply({ formErrors: ['account.invitation.accountExists'], hideFields }) }, { status: 409 });
  }
  return finish(outcome, { request, context, session: null });
}

async function finish(outcome: AcceptResult, { request, context, session }: Pick<ActionFunctionArgs, 'request' | 'context'> & { session: AuthSession | null }) {
  switch (outcome.status) {
    case 'accepted': {
      // A new role is a new privilege: the session is renewed rather than kept.
      if (session) {
        await context.auth.invalidateSession(session.id);
        await context.realtime.disconnect({ session: session.id });
      }
      const cookie = await context.auth.createSessionCookie(outcome.userId, request.headers.get('User-Agent'));
      const note = await context.flash.put({ message: 'account.notices.invitationAccepted' });
      const language = await accountLanguageCookie(context, outcome.userId);
      return redirect(outcome.destination, {
        headers: [
          ['Set-Cookie', cookie],
          ['Set-Cookie', note],
          ['Set-Cookie', language],
        ],
      });
    }
    case 'wrong-account':
    case 'account-exists':
      throw new Response('Accès refusé', { status: 403 });
    case 'limited':
      // Only the one-button acceptance gets here: the error page says to wait.
      throw new Response('Trop de demandes', tooManyAttemptsInit(outcome.error));
    default:
      return gone(outcome.status);
  }
}

export default function Invitation() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { token } = useParams();
  const { t } = useTranslation();
  const state = actionData?.state ?? loaderData.state;
  if (state !== 'valid' || !loaderData.invitation) {
    return <LinkProblem state={state === 'valid' ? 'invalid' : state} prefix="account.invitation.problem" action={{ to: '/', label: t('errors.backHome') }} />;
  }
  const { invitation, viewer } = loaderData;
  const here = `/invitation/${encodeURIComponent(token ?? '')}`;
  return (
    <FormPage
      title={t('account.invitation.title')}
      intro={t(`account.invitation.summary.${invitation.role}`, { inviter: invitation.invitedBy, target: invitation.targetName })}
    >
      <p className="mb-6 text-gray-700">{t('account.invitation.forEmail', { email: invitation.email })}</p>
      {viewer && viewer.email !== invitation.email ? (
        <Notice tone="warning" role="status">
          <p>{t('account.invitation.wrongAccount', { email: invitation.email, current: viewer.email })}</p>
          <Form method="post" action="/deconnexion" className="mt-3">
            <SubmitButton>{t('layout.signOut')}</SubmitButton>
          </Form>
        </Notice>
      ) : viewer ? (
        <Form method="post">
          <input type="hidden" name="intent" value="accept" />
          <SubmitButton>{t('account.invitation.accept')}</SubmitButton>
        </Form>
      ) : invitation.accountExists ? (
        <p>
          {t('account.invitation.signInFirst')}{' '}
          <Link to={`/connexion?redirectTo=${encodeURIComponent(here)}`} className="font-semibold text-brand-800 underline">
            {t('account.invitation.signInLink')}
          </Link>
        </p>
      ) : (
        <NewAccountForm result={actionData?.result} constraint={loaderData.constraint} />
      )}
    </FormPage>
  );
}

function NewAccountForm({
  result,
  constraint,
}: {
  result: SubmissionResult<string[]> | undefined;
  constraint: ReturnType<typeof getZodConstraint> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof newAccountSchema>>({
    id: 'new-account',
    lastResult: result,
    // Checked on the server only (errors come back next to the fields): these public pages load no zod.
    constraint,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <h2 className="mb-3 text-xl font-semibold text-gray-900">{t('account.invitation.createAccount')}</h2>
      <FormMessage errors={form.errors} />
      <input type="hidden" name="intent" value="create-account" />
      <Field
        label={t('account.fields.name')}
        inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }}
        errors={fields.name.errors}
      />
      <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
      <SubmitButton>{t('account.invitation.createAndAccept')}</SubmitButton>
    </Form>
  );
}

export const headers: HeadersFunction = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  accountTitle(matches, (account) => (data?.state === 'valid' ? account.invitation.title : account.invitation.problem.title));
