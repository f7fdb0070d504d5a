import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import type { MetaDescriptor } from '@remix-run/node';
import { Form, Link, type MetaArgs } from '@remix-run/react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorList, Field, FormMessage, SubmitButton } from '#app/components/forms';
import { metaCatalogue } from '#app/components/format';
import type frenchAccount from '#app/locales/fr/account';
import { emailField, passwordMinLength } from '#app/utils/account-fields';

/** Pieces shared by the account, reset, invitation and administration pages. */

/** "<page> — Erasmus PTCE" in the page's language (meta runs outside React, so no hook). */
export function accountTitle(matches: MetaArgs['matches'], pick: (catalogue: typeof frenchAccount) => string): MetaDescriptor[] {
  return [{ title: `${pick(metaCatalogue(matches).account)} — Erasmus PTCE` }];
}

/** A narrow page holding one form. */
export function FormPage({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-md">
      <h1 id="page-title" className="text-3xl font-bold text-gray-900">
        {title}
      </h1>
      {intro ? <p className="mt-3 text-gray-700">{intro}</p> : null}
      <div className="mt-6">{children}</div>
    </section>
  );
}

/** Why an e-mailed link no longer works (`<prefix>.title`, `<prefix>.<state>`), and where to go instead. */
export function LinkProblem({ state, prefix, action }: { state: 'invalid' | 'expired' | 'used'; prefix: string; action: { to: string; label: string } }) {
  const { t } = useTranslation();
  return (
    <FormPage title={t(`${prefix}.title`)}>
      <p role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-gray-900">
        {t(`${prefix}.${state}`)}
      </p>
      <p className="mt-6">
        <Link to={action.to} className="font-semibold text-brand-800 underline">
          {action.label}
        </Link>
      </p>
    </FormPage>
  );
}

/** New password + confirmation (reset, invitation, password change). */
export function NewPasswordFields({ password, confirmPassword }: { password: FieldMetadata<string>; confirmPassword: FieldMetadata<string> }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('account.fields.newPassword')}
        hint={t('account.fields.passwordHint', { count: passwordMinLength })}
        inputProps={{ ...getInputProps(password, { type: 'password' }), autoComplete: 'new-password' }}
        errors={password.errors}
      />
      <Field
        label={t('account.fields.confirmPassword')}
        inputProps={{ ...getInputProps(confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
        errors={confirmPassword.errors}
      />
    </>
  );
}

export const cardClass = 'rounded-lg border border-gray-300 bg-white p-4 shadow-card';
export const sectionHeadingClass = 'text-xl font-semibold text-gray-900';

/** One e-mail address to invite; shared by the members page (two roles) and /admin. */
export const inviteSchema = z.object({ email: emailField });
export const inviteCoordinatorSchema = inviteSchema.extend({
  regionalBodyId: z.string({ required_error: 'account.admin.bodyRequired' }).uuid('account.admin.bodyRequired'),
});

type InviteResult = { intent?: string; result?: SubmissionResult<string[]>; success?: string | null } | undefined;
type InviteValue = { email: string; regionalBodyId?: string };

/**
 * An invitation form: e-mail, optionally a regional body, one intent. Works without JavaScript;
 * `lastResult` only reaches the form whose intent answered.
 */
export function InviteForm({
  intent,
  title,
  submitLabel,
  actionData,
  bodies,
}: {
  intent: string;
  title: string;
  submitLabel: string;
  actionData: InviteResult;
  bodies?: Array<{ id: string; name: string }>;
}) {
  const { t } = useTranslation();
  const schema: z.ZodType<InviteValue, z.ZodTypeDef, InviteValue> = bodies ? inviteCoordinatorSchema : inviteSchema;
  const mine = actionData?.intent === intent ? actionData : undefined;
  const [form, fields] = useForm({
    id: `form-${intent}`,
    lastResult: mine?.result,
    constraint: getZodConstraint(schema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const headingId = useId();
  const bodyField = fields.regionalBodyId;
  const { key: selectKey, ...selectProps } = getSelectProps(bodyField);
  return (
    <section aria-labelledby={headingId} className={cardClass}>
      <h2 id={headingId} className={sectionHeadingClass}>
        {title}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <FormMessage errors={form.errors} success={mine?.success} />
        <input type="hidden" name="intent" value={intent} />
        <Field
          label={t('account.fields.email')}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'off' }}
          errors={fields.email.errors}
        />
        {bodies ? (
          <div className="mb-4">
            <label htmlFor={bodyField.id} className="block font-medium text-gray-900">
              {t('account.admin.body')}
            </label>
            <select key={selectKey} {...selectProps} className="mt-1 block w-full rounded border border-gray-500 bg-white px-3 py-2 text-gray-900">
              <option value="">{t('account.admin.chooseBody')}</option>
              {bodies.map((body) => (
                <option key={body.id} value={body.id}>
                  {body.name}
                </option>
              ))}
            </select>
            <ErrorList id={bodyField.errorId} errors={bodyField.errors} />
          </div>
        ) : null}
        <SubmitButton>{submitLabel}</SubmitButton>
      </Form>
    </section>
  );
}
