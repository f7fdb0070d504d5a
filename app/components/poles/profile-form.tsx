import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form, Link } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup, ErrorList, Field, FormMessage, SubmitButton, TextareaField } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';
import type { ProfileChanges } from '#app/models/pole-profile.server';
import { MentoringFields } from './mentoring-fields';
import { PoleLogo } from './pole-logo';
import { animations, createProfileSchema, descriptionMaxLength, logoTypes, maturities, sectorsMax } from '#app/domain/poles/profile';
import { polePath } from '#app/domain/paths';

type SectorOption = { slug: string; name: string; nameEn: string };

export type ProfileFormProps = {
  pole: { slug: string; name: string; logoUpdatedAt: Date | string | null };
  profile: Omit<ProfileChanges, 'mentoring'> & { mentoringCapacity: number; mentoringTopics: string[]; languages: string[] };
  sectorOptions: SectorOption[];
  topicOptions: SectorOption[];
  /** The twinnings the pole carries now as the mentoring side: the capacity may not go below. */
  activeLoad: number;
  lastResult?: SubmissionResult<string[]>;
};

const legendClass = 'font-medium text-gray-900';
const boxClass = 'mb-6 rounded-lg border border-gray-300 p-4';

/** The pole profile editor: one multipart form that works without JavaScript. */
export function ProfileForm({ pole, profile, sectorOptions, topicOptions, activeLoad, lastResult }: ProfileFormProps) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const schema = useMemo(
    () =>
      createProfileSchema(
        sectorOptions.map((sector) => sector.slug),
        topicOptions.map((topic) => topic.slug),
      ),
    [sectorOptions, topicOptions],
  );
  const [form, fields] = useForm({
    id: 'fiche-pole',
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: {
      ...profile,
      foundedYear: profile.foundedYear ?? undefined,
      memberCount: profile.memberCount ?? undefined,
      website: profile.website ?? undefined,
      publicContact: profile.publicContact ?? undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const input = (field: FieldMetadata<unknown>, type: 'text' | 'number' | 'url') => getInputProps(field, { type });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="max-w-3xl">
      <FormMessage errors={form.errors} />
      <TextareaField meta={fields.description} label={t('profile.fields.description')} hint={t('profile.hints.description', { max: descriptionMaxLength })} />
      <ChoiceGroup
        className={boxClass}
        columns
        meta={fields.sectors}
        type="checkbox"
        legend={t('profile.fields.sectors')}
        hint={t('profile.hints.sectors', { max: sectorsMax })}
        choices={sectorOptions.map((sector) => ({ value: sector.slug, label: localName(sector) }))}
      />
      <ChoiceGroup
        className={boxClass}
        meta={fields.maturity}
        type="radio"
        legend={t('profile.fields.maturity')}
        hint={t('profile.hints.maturity')}
        choices={maturities.map((maturity) => ({ value: maturity, label: t(`maturity.${maturity}`) }))}
      />
      <ChoiceGroup
        className={boxClass}
        meta={fields.animation}
        type="radio"
        legend={t('profile.fields.animation')}
        choices={animations.map((animation) => ({ value: animation, label: t(`animation.${animation}`) }))}
      />
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Field
          label={t('profile.fields.foundedYear')}
          hint={t('profile.hints.foundedYear', { year: new Date().getFullYear() })}
          errors={fields.foundedYear.errors}
          inputProps={{ ...input(fields.foundedYear, 'number'), inputMode: 'numeric' }}
        />
        <Field
          label={t('profile.fields.memberCount')}
          hint={t('profile.hints.memberCount')}
          errors={fields.memberCount.errors}
          inputProps={{ ...input(fields.memberCount, 'number'), inputMode: 'numeric' }}
        />
      </div>
      <Field label={t('profile.fields.website')} hint={t('profile.hints.website')} errors={fields.website.errors} inputProps={input(fields.website, 'url')} />
      <Field
        label={t('profile.fields.publicContact')}
        hint={t('profile.hints.publicContact')}
        errors={fields.publicContact.errors}
        inputProps={input(fields.publicContact, 'text')}
      />
      <MentoringFields
        className={boxClass}
        capacity={fields.mentoringCapacity}
        topics={fields.mentoringTopics}
        languages={fields.languages}
        topicOptions={topicOptions}
        activeLoad={activeLoad}
      />
      <fieldset className={boxClass}>
        <legend className={`${legendClass} px-1`}>{t('profile.fields.logo')}</legend>
        {pole.logoUpdatedAt ? (
          <div className="mb-3 flex items-center gap-3">
            <PoleLogo pole={pole} size="large" />
            <p className="text-sm text-gray-700">{t('profile.logo.current')}</p>
          </div>
        ) : (
          <p className="mb-3 text-sm text-gray-700">{t('profile.logo.none')}</p>
        )}
        <Field
          label={t('profile.fields.logoFile')}
          hint={t('profile.hints.logo')}
          errors={fields.logo.errors}
          inputProps={{ ...getInputProps(fields.logo, { type: 'file' }), accept: logoTypes.join(','), className: 'mt-1 block w-full text-gray-900' }}
        />
        {pole.logoUpdatedAt ? (
          <div className="flex items-center gap-2">
            <input
              {...getInputProps(fields.removeLogo, { type: 'checkbox' })}
              className="h-5 w-5"
              aria-describedby={fields.removeLogo.errors?.length ? fields.removeLogo.errorId : undefined}
            />
            <label htmlFor={fields.removeLogo.id} className="text-gray-900">
              {t('profile.fields.removeLogo')}
            </label>
          </div>
        ) : null}
        <ErrorList id={fields.removeLogo.errorId} errors={fields.removeLogo.errors} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton>{t('profile.editor.submit')}</SubmitButton>
        <Link to={polePath(pole.slug)} className="text-brand-800 underline">
          {t('profile.editor.cancel')}
        </Link>
      </div>
    </Form>
  );
}
