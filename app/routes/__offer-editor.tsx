import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ChoiceGroup, Field, FormMessage, TextareaField } from '#app/components/forms';
import { EditorActions, FormatsField, PoleField, TagFields, type EditorVocabulary } from '#app/components/market/editor';
import { languageCodes, offerReaches } from '#app/domain/market/rules';
import { newOfferSchema, newOfferStates, offerFieldsSchema, type OfferFields } from '#app/domain/market/schemas';

/** The offer form of /offres/nouvelle and /offres/<id>/modifier; the action is in __offer-editor.server.ts. */

type Props = {
  vocabulary: EditorVocabulary;
  lastResult: SubmissionResult<string[]> | undefined;
  cancelTo: string;
} & ({ mode: 'new'; poles: Array<{ id: string; name: string }> } | { mode: 'edit'; offer: Omit<OfferFields, 'languages'> & { languages: string[] } });

export function OfferEditor(props: Props) {
  const { t } = useTranslation();
  const creating = props.mode === 'new';
  // One form shape for both pages: the pole and the first state exist on creation only.
  const schema = creating ? newOfferSchema : offerFieldsSchema;
  const [form, fields] = useForm<z.input<typeof newOfferSchema>>({
    id: 'offer-editor',
    lastResult: props.lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: creating
      ? { poleId: props.poles.length === 1 ? props.poles[0]!.id : undefined, state: 'published', languages: ['fr'], capacity: 1 }
      : props.offer,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema as typeof newOfferSchema }),
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
      <TextareaField meta={fields.description} label={t('market.fields.description')} hint={t('market.fields.descriptionHint')} />
      <TagFields topics={fields.topics} sectors={fields.sectors} vocabulary={props.vocabulary} />
      <FormatsField meta={fields.formats} legend={t('market.fields.formats')} />
      <ChoiceGroup
        meta={fields.reach}
        type="radio"
        legend={t('market.fields.reach')}
        choices={offerReaches.map((reach) => ({ value: reach, label: t(`market.reach.${reach}`) }))}
      />
      <ChoiceGroup
        meta={fields.languages}
        type="checkbox"
        legend={t('market.fields.languages')}
        hint={t('market.fields.languagesHint')}
        choices={languageCodes.map((code) => ({ value: code, label: t(`market.languages.${code}`) }))}
      />
      <Field
        label={t('market.fields.capacity')}
        hint={t('market.fields.capacityHint')}
        inputProps={{ ...getInputProps(fields.capacity, { type: 'number' }), inputMode: 'numeric' }}
        errors={fields.capacity.errors}
      />
      {props.mode === 'new' ? (
        <ChoiceGroup
          meta={fields.state}
          type="radio"
          legend={t('market.fields.firstState')}
          choices={newOfferStates.map((state) => ({ value: state, label: t(`market.offer.firstStates.${state}`) }))}
        />
      ) : null}
      <EditorActions submitLabel={t(creating ? 'market.offer.submitNew' : 'market.offer.submitEdit')} cancelTo={props.cancelTo} />
    </Form>
  );
}
