import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field, FormMessage, SubmitButton } from '#app/components/forms';
import { requestPasswordReset } from '#app/models/accounts.server';
import { emailField } from '#app/utils/account-fields';
import { requireAnonymous } from '#app/utils/auth.server';
import { keepRetryAfter, tooManyAttemptsInit, tooManyAttemptsMessage } from '#app/utils/rate-limit.server';
import { readForm } from '#app/utils/form.server';
import { accountTitle, FormPage } from '#app/components/account-ui';

const forgotSchema = z.object({ email: emailField });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return { constraint: getZodConstraint(forgotSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const submission = parseWithZod(await readForm(request), { schema: forgotSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), success: null }, { status: 400 });
  const outcome = await requestPasswordReset(context.db, context, { email: submission.value.email, clientIp: context.clientIp, appUrl: context.env.appUrl });
  if (outcome.status === 'limited') {
    return data(
      { result: submission.reply({ formErrors: [await tooManyAttemptsMessage(outcome.error, request)] }), success: null },
      tooManyAttemptsInit(outcome.error),
    );
  }
  // The same answer, as fast, whether or not an account exists for the address (the mail leaves after it).
  return { result: submission.reply({ resetForm: true }), success: 'account.forgot.sent' };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { constraint } = useLoaderData<typeof loader>();
  const [form, fields] = useForm<z.input<typeof forgotSchema>>({
    id: 'forgot-password',
    lastResult: actionData?.result,
    // Checked on the server only (errors come back next to the fields): these public pages load no zod.
    constraint,
  });
  return (
    <FormPage title={t('account.forgot.title')} intro={t('account.forgot.intro')}>
      <Form method="post" {...getFormProps(form)}>
        <FormMessage errors={form.errors} success={actionData?.success} />
        <Field
          label={t('account.fields.email')}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
          errors={fields.email.errors}
        />
        <SubmitButton>{t('account.forgot.submit')}</SubmitButton>
      </Form>
      <p className="mt-6">
        <Link to="/connexion" className="text-brand-800 underline">
          {t('account.forgot.backToSignIn')}
        </Link>
      </p>
    </FormPage>
  );
}

export const headers: HeadersFunction = keepRetryAfter;

export const meta: MetaFunction = ({ matches }) => accountTitle(matches, (account) => account.forgot.title);
