import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorList, FormMessage, SelectField, SubmitButton, TextareaField } from '#app/components/forms';
import { messageSchema } from '#app/domain/conversations/messages';

type PoleOption = { id: string; name: string };

/**
 * The message form of the contact page and of a conversation: the pole one writes for (fixed
 * when there is only one), then the message. Plain POST, so it works without JavaScript.
 */
export function MessageForm({
  id,
  action,
  poles,
  lastResult,
  submitLabel,
}: {
  id: string;
  action?: string;
  poles: PoleOption[];
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(messageSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: messageSchema }),
  });
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="space-y-4">
      <FormMessage errors={form.errors} />
      <PoleChoice field={fields.poleId} poles={poles} />
      <TextareaField meta={fields.message} label={t('conversations.form.message')} hint={t('conversations.form.messageHint')} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}

function PoleChoice({ field, poles }: { field: FieldMetadata<string>; poles: PoleOption[] }) {
  const { t } = useTranslation();
  const only = poles.length === 1 ? poles[0] : undefined;
  if (only) {
    return (
      <div>
        <p className="text-gray-900">
          {t('conversations.form.pole')} <strong>{only.name}</strong>
        </p>
        <input type="hidden" name={field.name} value={only.id} />
        <ErrorList id={field.errorId} errors={field.errors} />
      </div>
    );
  }
  return (
    <SelectField
      meta={field}
      label={t('conversations.form.pole')}
      placeholder={t('conversations.form.choosePole')}
      choices={poles.map((pole) => ({ value: pole.id, label: pole.name }))}
    />
  );
}
