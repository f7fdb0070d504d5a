import type { FieldMetadata, SubmissionResult } from '@conform-to/react';
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup, SelectField, SubmitButton } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';
import { Notice } from '#app/components/ui';
import { offerFormats } from '#app/domain/market/rules';

/** Pieces shared by the offer and request editors (new and edit pages). */

/** What the editor and state-form actions answer when the input is refused. */
export type EditorReply = { result: SubmissionResult<string[]> };

type Named = { slug: string; name: string; nameEn: string };
export type EditorVocabulary = { topics: Named[]; sectors: Named[] };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's metadata is generic over the form's shape
type Meta = FieldMetadata<any>;

export function EditorPage({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby="editor-title" className="max-w-3xl">
      <h1 id="editor-title" className="text-3xl font-bold text-gray-900">
        {title}
      </h1>
      {intro ? <p className="mt-3 text-gray-700">{intro}</p> : null}
      <div className="mt-6">{children}</div>
    </section>
  );
}

/** Shown instead of the form when none of the person's poles may publish. */
export function PublishingBlocked({ unverifiedPoles }: { unverifiedPoles: string[] }) {
  const { t } = useTranslation();
  return (
    <Notice tone="warning" role="note" className="p-4">
      <h2 className="text-xl font-semibold">{t('market.editor.blockedTitle')}</h2>
      <p className="mt-2">
        {unverifiedPoles.length > 0
          ? t('market.editor.unverified', { count: unverifiedPoles.length, poles: unverifiedPoles.join(', ') })
          : t('market.editor.noPole')}
      </p>
      <p className="mt-4">
        <Link to="/poles" className="font-semibold text-brand-800 underline">
          {t('market.editor.browseDirectory')}
        </Link>
      </p>
    </Notice>
  );
}

/** The pole that publishes; with a single pole it is already chosen (the caller's default value). */
export function PoleField({ meta, poles }: { meta: Meta; poles: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  return (
    <SelectField
      meta={meta}
      label={t('market.fields.pole')}
      placeholder={poles.length > 1 ? t('market.fields.choosePole') : undefined}
      choices={poles.map((pole) => ({ value: pole.id, label: pole.name }))}
    />
  );
}

export function TagFields({ topics, sectors, vocabulary }: { topics: Meta; sectors: Meta; vocabulary: EditorVocabulary }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const choices = (items: Named[]) => items.map((item) => ({ value: item.slug, label: localName(item) }));
  return (
    <>
      <ChoiceGroup
        meta={topics}
        type="checkbox"
        columns
        legend={t('market.fields.topics')}
        hint={t('market.fields.topicsHint')}
        choices={choices(vocabulary.topics)}
      />
      <ChoiceGroup
        meta={sectors}
        type="checkbox"
        columns
        legend={t('market.fields.sectors')}
        hint={t('market.fields.sectorsHint')}
        choices={choices(vocabulary.sectors)}
      />
    </>
  );
}

export function FormatsField({ meta, legend }: { meta: Meta; legend: string }) {
  const { t } = useTranslation();
  return (
    <ChoiceGroup
      meta={meta}
      type="checkbox"
      legend={legend}
      hint={t('market.fields.formatsHint')}
      choices={offerFormats.map((format) => ({ value: format, label: t(`market.formats.${format}`) }))}
    />
  );
}

export function EditorActions({ submitLabel, cancelTo }: { submitLabel: string; cancelTo: string }) {
  const { t } = useTranslation();
  return (
    <div className="mt-6 flex flex-wrap items-center gap-4">
      <SubmitButton>{submitLabel}</SubmitButton>
      <Link to={cancelTo} className="text-brand-800 underline">
        {t('market.editor.cancel')}
      </Link>
    </div>
  );
}
