import { getInputProps, type FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup, controlClass } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';
import { languageCodes } from '#app/domain/market/rules';
import { mentoringCapacityMax, mentoringTopicsMax } from '#app/domain/poles/profile';

type TopicOption = { slug: string; name: string; nameEn: string };

/** The error that needs the count of twinnings under way to be said. */
const belowLoadError = 'profile.errors.capacityBelowLoad';

/**
 * The « Jumelages » part of the profile editor: how many twinnings the pole can carry at once as
 * the mentoring side, the topics it can pass on, and the languages it works in.
 */
export function MentoringFields({
  capacity,
  topics,
  languages,
  topicOptions,
  activeLoad,
  className,
}: {
  capacity: FieldMetadata<number>;
  topics: FieldMetadata<string[]>;
  languages: FieldMetadata<string[]>;
  topicOptions: TopicOption[];
  activeLoad: number;
  className: string;
}) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const errors = capacity.errors?.filter(Boolean) ?? [];
  const hintId = `${capacity.id}-hint`;
  const errorId = errors.length ? capacity.errorId : undefined;
  const { key: inputKey, ...inputProps } = getInputProps(capacity, { type: 'number' });
  return (
    <fieldset className={className}>
      <legend className="px-1 text-lg font-semibold text-gray-900">{t('profile.mentoring.legend')}</legend>
      <p className="mb-4 text-sm text-gray-700">{t('profile.mentoring.intro')}</p>
      <div className="mb-4">
        <label htmlFor={capacity.id} className="block font-medium text-gray-900">
          {t('profile.fields.mentoringCapacity')}
        </label>
        <p id={hintId} className="text-sm text-gray-700">
          {t('profile.hints.mentoringCapacity', { max: mentoringCapacityMax })}{' '}
          {activeLoad > 0 ? t('profile.hints.mentoringLoad', { count: activeLoad }) : null}
        </p>
        <input
          {...inputProps}
          key={inputKey}
          inputMode="numeric"
          className={`${controlClass} max-w-32`}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
        />
        {errors.length ? (
          <ul id={errorId} className="mt-1 space-y-1 text-sm font-medium text-red-700">
            {errors.map((error) => (
              <li key={error}>{error === belowLoadError ? t(belowLoadError, { count: activeLoad }) : t(error)}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <ChoiceGroup
        columns
        meta={topics}
        type="checkbox"
        legend={t('profile.fields.mentoringTopics')}
        hint={t('profile.hints.mentoringTopics', { max: mentoringTopicsMax })}
        choices={topicOptions.map((topic) => ({ value: topic.slug, label: localName(topic) }))}
      />
      <ChoiceGroup
        className="mb-0"
        meta={languages}
        type="checkbox"
        legend={t('profile.fields.languages')}
        hint={t('profile.hints.languages')}
        choices={languageCodes.map((code) => ({ value: code, label: t(`market.languages.${code}`) }))}
      />
    </fieldset>
  );
}
