import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ChoiceGroup, Field, FormMessage, SelectField, SubmitButton, TextareaField } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';
import { bookingModes } from '#app/domain/visits/booking';
import { durationChoices, visitCostsList, visitSchema } from '#app/domain/visits/visit';

/** The visit form of /visites/nouvelle and /visites/<id>/modifier (the actions are the routes'). */

export type VisitFormReply = { result: SubmissionResult<string[]> };
type Named = { slug: string; name: string; nameEn: string };

type Props = {
  mode: 'new' | 'edit';
  poles: Array<{ id: string; name: string }>;
  topics: Named[];
  defaultValue: Record<string, string | string[] | undefined>;
  lastResult: SubmissionResult<string[]> | undefined;
  cancelTo: string;
};

function useDurationLabel() {
  const { t } = useTranslation();
  return (minutes: number) => {
    if (minutes === 1440) return t('visitHosting.durations.day');
    if (minutes < 60) return t('visitHosting.durations.minutes', { count: minutes });
    if (minutes % 60 === 0) return t('visitHosting.durations.hours', { count: minutes / 60 });
    return t('visitHosting.durations.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  };
}

export function VisitForm(props: Props) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const durationLabel = useDurationLabel();
  const withPole = props.mode === 'new';
  const [form, fields] = useForm<z.input<ReturnType<typeof visitSchema>>, z.output<ReturnType<typeof visitSchema>>>({
    id: 'visit-form',
    lastResult: props.lastResult,
    constraint: getZodConstraint(visitSchema({ now: new Date(0), withPole })),
    // Strings from the loader (as the inputs hold them): conform reads them as typed in the form.
    defaultValue: props.defaultValue as never,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: visitSchema({ now: new Date(), withPole }) }),
  });
  // A duration stored outside the offered list stays selectable.
  const current = Number(props.defaultValue.durationMinutes);
  const durations = [...new Set([...durationChoices, ...(Number.isInteger(current) && current > 0 ? [current] : [])])].sort((a, b) => a - b);
  const input = (meta: Parameters<typeof getInputProps>[0], type: 'text' | 'date' | 'time' | 'number') => getInputProps(meta, { type });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <p className="mb-4 text-sm text-gray-700">{t('visitHosting.required')}</p>
      <FormMessage errors={form.errors} />
      {withPole ? (
        <SelectField
          meta={fields.poleId}
          label={t('visitHosting.fields.pole')}
          placeholder={props.poles.length > 1 ? t('market.fields.choosePole') : undefined}
          choices={props.poles.map((pole) => ({ value: pole.id, label: pole.name }))}
        />
      ) : null}
      <input {...getInputProps(fields.offerId, { type: 'hidden' })} />
      <input {...getInputProps(fields.twinningId, { type: 'hidden' })} />
      <ErrorsOf errors={[...(fields.offerId.errors ?? []), ...(fields.twinningId.errors ?? [])]} />
      <Field label={t('visitHosting.fields.title')} inputProps={input(fields.title, 'text')} errors={fields.title.errors} />
      <TextareaField meta={fields.programme} label={t('visitHosting.fields.programme')} hint={t('visitHosting.fields.programmeHint')} />
      <ChoiceGroup
        meta={fields.topics}
        type="checkbox"
        columns
        legend={t('visitHosting.fields.topics')}
        choices={props.topics.map((topic) => ({ value: topic.slug, label: localName(topic) }))}
      />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Field label={t('visitHosting.fields.date')} inputProps={input(fields.date, 'date')} errors={fields.date.errors} />
        <Field label={t('visitHosting.fields.time')} inputProps={input(fields.time, 'time')} errors={fields.time.errors} />
        <SelectField
          meta={fields.durationMinutes}
          label={t('visitHosting.fields.duration')}
          choices={durations.map((minutes) => ({ value: String(minutes), label: durationLabel(minutes) }))}
        />
      </div>
      <Field label={t('visitHosting.fields.address')} inputProps={input(fields.address, 'text')} errors={fields.address.errors} />
      <Field label={t('visitHosting.fields.town')} inputProps={input(fields.town, 'text')} errors={fields.town.errors} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field
          label={t('visitHosting.fields.latitude')}
          hint={t('visitHosting.fields.coordinatesHint')}
          inputProps={{ ...input(fields.latitude, 'text'), inputMode: 'decimal' }}
          errors={fields.latitude.errors}
        />
        <Field
          label={t('visitHosting.fields.longitude')}
          hint={t('visitHosting.fields.coordinatesHint')}
          inputProps={{ ...input(fields.longitude, 'text'), inputMode: 'decimal' }}
          errors={fields.longitude.errors}
        />
      </div>
      <Field label={t('visitHosting.fields.seats')} inputProps={{ ...input(fields.seats, 'number'), inputMode: 'numeric' }} errors={fields.seats.errors} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label={t('visitHosting.fields.deadlineDate')} inputProps={input(fields.deadlineDate, 'date')} errors={fields.deadlineDate.errors} />
        <Field label={t('visitHosting.fields.deadlineTime')} inputProps={input(fields.deadlineTime, 'time')} errors={fields.deadlineTime.errors} />
      </div>
      <ChoiceGroup
        meta={fields.bookingMode}
        type="radio"
        legend={t('visitHosting.fields.bookingMode')}
        choices={bookingModes.map((mode) => ({ value: mode, label: t(`visitHosting.bookingModes.${mode}`) }))}
      />
      <TextareaField meta={fields.accessibility} label={t('visitHosting.fields.accessibility')} rows={3} />
      <TextareaField meta={fields.practical} label={t('visitHosting.fields.practical')} hint={t('visitHosting.fields.practicalHint')} rows={4} />
      <ChoiceGroup
        meta={fields.costs}
        type="radio"
        legend={t('visitHosting.fields.costs')}
        choices={visitCostsList.map((costs) => ({ value: costs, label: t(`visitHosting.costs.${costs}`) }))}
      />
      <TextareaField meta={fields.costsNote} label={t('visitHosting.fields.costsNote')} rows={2} />
      <div className="mt-6 flex flex-wrap items-center gap-4">
        <SubmitButton>{t(props.mode === 'new' ? 'visitHosting.submitNew' : 'visitHosting.submitEdit')}</SubmitButton>
        <Link to={props.cancelTo} className="text-brand-800 underline">
          {t('visitHosting.cancelLink')}
        </Link>
      </div>
    </Form>
  );
}

function ErrorsOf({ errors }: { errors: string[] }) {
  return errors.length > 0 ? <FormMessage errors={errors} /> : null;
}
