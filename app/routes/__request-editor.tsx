import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ChoiceGroup, Field, FormMessage, TextareaField } from '#app/components/forms';
import { EditorActions, FormatsField, PoleField, TagFields, type EditorVocabulary } from '#app/components/market/editor';
import { requestUrgencies } from '#app/domain/market/rules';
import { newRequestSchema, requestFieldsSchema, type RequestFields } from '#app/domain/market/schemas';

/** The request form of /demandes/nouvelle and /demandes/<id>/modifier; the action is in __request-editor.server.ts. */

type Props = {
  vocabulary: EditorVocabulary;
  lastResult: SubmissionResult<string[]> | undefined;
  cancelTo: string;
} & ({ mode: 'new'; poles: Array<{ id: string; name: string }> } | { mode: 'edit'; request: RequestFields });

export function RequestEditor(props: Props) {
  const { t } = useTranslation();
  const creating = props.mode === 'new';
  // One form shape for both pages: the pole is chosen on creation only.
  const schema = creating ? newRequestSchema : requestFieldsSchema;
  const [form, fields] = useForm<z.input<typeof newRequestSchema>>({
    id: 'request-editor',
    lastResult: props.lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: creating ? { poleId: props.poles.length === 1 ? props.poles[0]!.id : undefined, urgency: 'medium' } : props.request,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema as typeof newRequestSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <p className="mb-4 text-sm text-gray-700">{t('market.editor.required')}</p>
      <FormMessage errors={form.errors} />
      {props.mode === 'new' ? <PoleField meta={fields.poleId} poles={props.poles} /> : null}
      <Field
        label={t('market.fields.title')}
        hint={t('market.fields.titleHint')}
        inputProps={getInputProps(fields.title, { type: 'text' })}
        errors={fields.title.errors}
      />
      <TextareaField meta={fields.context} label={t('market.fields.context')} hint={t('market.fields.contextHint')} />
      <TagFields topics={fields.topics} sectors={fields.sectors} vocabulary={props.vocabulary} />
      <FormatsField meta={fields.preferredFormats} legend={t('market.fields.preferredFormats')} />
      <ChoiceGroup
        meta={fields.urgency}
        type="radio"
        legend={t('market.fields.urgency')}
        choices={requestUrgencies.map((urgency) => ({ value: urgency, label: t(`market.urgency.${urgency}`) }))}
      />
      <EditorActions submitLabel={t(creating ? 'market.request.submitNew' : 'market.request.submitEdit')} cancelTo={props.cancelTo} />
    </Form>
  );
}
