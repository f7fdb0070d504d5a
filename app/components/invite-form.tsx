import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { cardClass, sectionHeadingClass } from '#app/components/account-ui';
import { Field, FormMessage, SelectField, SubmitButton } from '#app/components/forms';
import { emailField } from '#app/utils/account-fields';

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
          <SelectField
            meta={fields.regionalBodyId}
            label={t('account.admin.body')}
            placeholder={t('account.admin.chooseBody')}
            choices={bodies.map((body) => ({ value: body.id, label: body.name }))}
          />
        ) : null}
        <SubmitButton>{submitLabel}</SubmitButton>
      </Form>
    </section>
  );
}
