import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field, SubmitButton } from '#app/components/forms';
import type { CoordinatedRegion, CoordinatedPole } from '#app/models/regions.server';
import { FictionalBadge, MaturityBadge, StatusBadge } from './badges';
import { useLocalFormat } from '#app/components/format';
import { MaturityChanges } from './maturity-changes';
import { unvalidateSchema } from '#app/domain/poles/validation';
import { polePath } from '#app/domain/paths';
import { buttonClass } from '#app/components/ui';

/** What the coordination action answers when it does not redirect. */
export type ValidationReply = { intent: string; poleId: string; result: SubmissionResult<string[]> };

const smallButton = buttonClass('primary', 'sm');

function ValidateForm({ pole }: { pole: CoordinatedPole }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="validate" />
      <input type="hidden" name="poleId" value={pole.id} />
      <SubmitButton className={smallButton}>
        {t('coordination.validate')}
        <span className="sr-only"> {pole.name}</span>
      </SubmitButton>
    </Form>
  );
}

function UnvalidateForm({ pole, lastResult }: { pole: CoordinatedPole; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `retrait-${pole.id}`,
    lastResult,
    constraint: getZodConstraint(unvalidateSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unvalidateSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const hasErrors = Boolean(fields.reason.errors?.length);
  return (
    <details open={hasErrors || undefined} className="text-sm">
      <summary className="cursor-pointer text-brand-800 underline">
        {t('coordination.unvalidate')}
        <span className="sr-only"> — {pole.name}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 w-full max-w-64">
        <input type="hidden" name="intent" value="unvalidate" />
        <input type="hidden" name="poleId" value={pole.id} />
        <Field
          className="mb-2"
          label={t('coordination.reason')}
          hint={t('coordination.reasonHint')}
          errors={fields.reason.errors}
          inputProps={getInputProps(fields.reason, { type: 'text' })}
        />
        <SubmitButton className={smallButton}>{t('coordination.confirmUnvalidate')}</SubmitButton>
      </Form>
    </details>
  );
}

/** One region's poles, with the validation forms of the coordinator. */
export function RegionPolesTable({ region, pendingOnly, reply }: { region: CoordinatedRegion; pendingOnly: boolean; reply?: ValidationReply }) {
  const { t } = useTranslation();
  const { localName, date } = useLocalFormat();
  const headingId = `region-${region.code}`;
  const regionName = localName(region);
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-2xl font-semibold">
        {regionName}
      </h2>
      <p className="text-gray-700">{t('coordination.summary', { count: region.poleCount, pending: region.pendingCount })}</p>
      {region.maturityChanges.length > 0 ? (
        <p>
          <a href={`#maturite-${region.code}`} className="font-semibold text-brand-800 underline">
            {t('profile.maturityChanges.jump', { count: region.maturityChanges.length })}
          </a>
        </p>
      ) : null}
      {region.poles.length === 0 ? (
        <p className="text-gray-700">{t('coordination.noPoles')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="stack-table min-w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t(pendingOnly ? 'coordination.captionPending' : 'coordination.caption', { region: regionName })}</caption>
            <thead className="border-b-2 border-gray-500 bg-gray-50">
              <tr>
                {(['name', 'town', 'status', 'maturity', 'verification', 'actions'] as const).map((column) => (
                  <th key={column} scope="col" className="px-3 py-2 font-semibold text-gray-900">
                    {t(`coordination.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {region.poles.map((pole) => (
                <tr key={pole.id} className="border-b border-gray-200 align-top">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link to={polePath(pole.slug)} className="text-brand-800 underline">
                      {pole.name}
                    </Link>
                    {pole.fictional ? (
                      <span className="ml-2">
                        <FictionalBadge />
                      </span>
                    ) : null}
                  </th>
                  <td className="px-3 py-2" data-label={t('coordination.columns.town')}>
                    {pole.town} ({pole.departmentCode})
                  </td>
                  <td className="px-3 py-2" data-label={t('coordination.columns.status')}>
                    <StatusBadge status={pole.status} />
                  </td>
                  <td className="px-3 py-2" data-label={t('coordination.columns.maturity')}>
                    <MaturityBadge maturity={pole.maturity} />
                  </td>
                  <td className="px-3 py-2" data-label={t('coordination.columns.verification')}>
                    {pole.verifiedAt ? (
                      t('coordination.verifiedOn', { date: date(pole.verifiedAt) })
                    ) : (
                      <span className="font-semibold text-accent-700">{t('coordination.pending')}</span>
                    )}
                  </td>
                  <td className="space-y-2 px-3 py-2" data-label={t('coordination.columns.actions')}>
                    {pole.verifiedAt ? (
                      <UnvalidateForm pole={pole} lastResult={reply?.intent === 'unvalidate' && reply.poleId === pole.id ? reply.result : undefined} />
                    ) : (
                      <ValidateForm pole={pole} />
                    )}
                    <Link to={polePath(pole.slug, 'membres')} className="block text-brand-800 underline">
                      {t('coordination.members')}
                      <span className="sr-only"> — {pole.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MaturityChanges regionCode={region.code} regionName={regionName} changes={region.maturityChanges} />
    </section>
  );
}
