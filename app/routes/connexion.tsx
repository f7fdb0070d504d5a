import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field, FormMessage, SubmitButton } from '#app/components/forms';
import { authenticate } from '#app/models/accounts.server';
import { currentPasswordField, emailField } from '#app/utils/account-fields';
import { requireAnonymous } from '#app/utils/auth.server';
import { keepRetryAfter, tooManyAttemptsInit, tooManyAttemptsMessage } from '#app/utils/rate-limit.server';
import { safeRedirectPath } from '#app/utils/redirect';
import { readForm } from '#app/utils/form.server';
import { accountLanguageCookie } from '#app/utils/language.server';
import { accountTitle, FormPage } from '#app/components/account-ui';

const signInSchema = z.object({ email: emailField, password: currentPasswordField, redirectTo: z.string().optional() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return { constraint: getZodConstraint(signInSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const submission = parseWithZod(await readForm(request), { schema: signInSchema });
  // The password is never sent back into the page.
  const hideFields = ['password'];
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  const { email, password, redirectTo } = submission.value;
  const outcome = await authenticate(context.db, context.limiters, { email, password, clientIp: context.clientIp });
  if (outcome.status === 'limited') {
    return data(
      { result: submission.reply({ formErrors: [await tooManyAttemptsMessage(outcome.error, request)], hideFields }) },
      tooManyAttemptsInit(outcome.error),
    );
  }
  if (outcome.status === 'invalid') {
    // One message for an unknown address and a wrong password: the page never says which.
    return data({ result: submission.reply({ formErrors: ['account.signIn.invalidCredentials'], hideFields }) }, { status: 400 });
  }
  const cookie = await context.auth.createSessionCookie(outcome.userId, request.headers.get('User-Agent'));
  // From now on the pages are in the account's language.
  const language = await accountLanguageCookie(context, outcome.userId);
  return redirect(safeRedirectPath(redirectTo, '/tableau-de-bord'), {
    headers: [
      ['Set-Cookie', cookie],
      ['Set-Cookie', language],
    ],
  });
}

export default function SignIn() {
  const { constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof signInSchema>>({
    id: 'sign-in',
    lastResult: actionData?.result,
    defaultValue: { redirectTo: searchParams.get('redirectTo') ?? '' },
    // Checked on the server only (errors come back next to the fields): these public pages load no zod.
    constraint,
  });
  return (
    <FormPage title={t('account.signIn.title')} intro={t('account.signIn.intro')}>
      <Form method="post" {...getFormProps(form)}>
        <FormMessage errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: 'hidden' })} />
        <Field
          label={t('account.fields.email')}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
          errors={fields.email.errors}
        />
        <Field
          label={t('account.fields.password')}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
          errors={fields.password.errors}
        />
        <div className="flex flex-wrap items-center justify-between gap-4">
          <SubmitButton>{t('account.signIn.submit')}</SubmitButton>
          <Link to="/mot-de-passe-oublie" className="text-brand-800 underline">
            {t('account.signIn.forgotPassword')}
          </Link>
        </div>
      </Form>
      <p className="mt-8 text-sm text-gray-700">{t('account.signIn.invitationOnly')}</p>
      <p className="mt-2 text-sm text-gray-700">
        {t('joining.signIn.notRegistered')}{' '}
        <Link to="/inscrire-mon-pole" className="font-semibold text-brand-800 underline">
          {t('joining.signIn.apply')}
        </Link>
      </p>
    </FormPage>
  );
}

export const headers: HeadersFunction = keepRetryAfter;

export const meta: MetaFunction = ({ matches }) => accountTitle(matches, (account) => account.signIn.title);
