import { getFormProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { FormMessage, SubmitButton } from '#app/components/forms';
import { getPasswordResetState, resetPassword, type TokenState } from '#app/models/accounts.server';
import { newPasswordSchema } from '#app/utils/account-fields';
import { requireAnonymous } from '#app/utils/auth.server';
import { keepRetryAfter, tooManyAttemptsInit, tooManyAttemptsMessage } from '#app/utils/rate-limit.server';
import { readForm } from '#app/utils/form.server';
import { accountLanguageCookie } from '#app/utils/language.server';
import { accountTitle, FormPage, LinkProblem, NewPasswordFields } from '#app/components/account-ui';

/** An unknown link is a bad request; a used or expired one is gone for good. */
const statusOf = (state: Exclude<TokenState, 'valid'>) => (state === 'invalid' ? 400 : 410);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  const state = await getPasswordResetState(context.db, params.token ?? '');
  if (state !== 'valid') return data({ state, constraint: undefined }, { status: statusOf(state) });
  return { state, constraint: getZodConstraint(newPasswordSchema) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const submission = parseWithZod(await readForm(request), { schema: newPasswordSchema });
  const hideFields = ['password', 'confirmPassword'];
  if (submission.status !== 'success') return data({ state: 'valid' as TokenState, result: submission.reply({ hideFields }) }, { status: 400 });
  const outcome = await resetPassword(context.db, context.limiters, {
    token: params.token ?? '',
    password: submission.value.password,
    clientIp: context.clientIp,
  });
  if (outcome.status === 'limited') {
    const result = submission.reply({ formErrors: [await tooManyAttemptsMessage(outcome.error, request)], hideFields });
    return data({ state: 'valid' as TokenState, result }, tooManyAttemptsInit(outcome.error));
  }
  if (outcome.status !== 'reset') return data({ state: outcome.status as TokenState, result: undefined }, { status: statusOf(outcome.status) });
  // The reset ended every session of the account: their sockets close too.
  await context.realtime.disconnect({ user: outcome.userId });
  const cookie = await context.auth.createSessionCookie(outcome.userId, request.headers.get('User-Agent'));
  const note = await context.flash.put({ message: 'account.notices.passwordReset' });
  const language = await accountLanguageCookie(context, outcome.userId);
  return redirect('/tableau-de-bord', {
    headers: [
      ['Set-Cookie', cookie],
      ['Set-Cookie', note],
      ['Set-Cookie', language],
    ],
  });
}

export default function ResetPassword() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const state = actionData?.state ?? loaderData.state;
  const [form, fields] = useForm<z.input<typeof newPasswordSchema>>({
    id: 'reset-password',
    lastResult: actionData?.result,
    // Checked on the server only (errors come back next to the fields): these public pages load no zod.
    constraint: loaderData.constraint,
  });
  if (state !== 'valid') {
    return <LinkProblem state={state} prefix="account.reset.problem" action={{ to: '/mot-de-passe-oublie', label: t('account.reset.askAgain') }} />;
  }
  return (
    <FormPage title={t('account.reset.title')} intro={t('account.reset.intro')}>
      <Form method="post" {...getFormProps(form)}>
        <FormMessage errors={form.errors} />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <SubmitButton>{t('account.reset.submit')}</SubmitButton>
      </Form>
    </FormPage>
  );
}

export const headers: HeadersFunction = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  accountTitle(matches, (account) => (data?.state === 'valid' ? account.reset.title : account.reset.problem.title));
