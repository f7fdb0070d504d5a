import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorList, FormMessage, SelectField, SubmitButton, TextareaField } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';
import { askSchema } from '#app/domain/pairing/lifecycle';
import { twinningPath } from '#app/domain/paths';

type Named = { name: string; nameEn: string };
/** A region and the regional body that coordinates it (null: none yet). */
export type Coordination = { region: Named; bodyName: string | null };
/** What happens if this pole asks: who mentors whom, whose desk receives the ask, who is told. */
export type AskPlan = { fromPole: { id: string; name: string }; mentorName: string; menteeName: string; desk: Coordination; informed: Coordination | null };

function CoordinationName({ coordination }: { coordination: Coordination }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const region = localName(coordination.region);
  return <>{coordination.bodyName ? t('followUp.ask.coordinationOf', { body: coordination.bodyName, region }) : t('followUp.ask.noBody', { region })}</>;
}

/** One row per pole the person may ask for: a person in several poles sees what each choice means. */
export function AskPlanTable({ plans, withPoleName }: { plans: AskPlan[]; withPoleName: string }) {
  const { t } = useTranslation();
  const cell = 'border-b border-gray-200 px-3 py-2 align-top';
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="mb-2 text-left text-xl font-semibold text-gray-900">{t('followUp.ask.pairTitle')}</caption>
        <thead>
          <tr className="bg-gray-50">
            <th scope="col" className={cell}>
              {t('followUp.ask.asking')}
            </th>
            <th scope="col" className={cell}>
              {t('followUp.ask.withPole')}
            </th>
            <th scope="col" className={cell}>
              {t('followUp.ask.mentor')}
            </th>
            <th scope="col" className={cell}>
              {t('followUp.ask.mentee')}
            </th>
            <th scope="col" className={cell}>
              {t('followUp.ask.desk')}
            </th>
            <th scope="col" className={cell}>
              {t('followUp.ask.informed')}
            </th>
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => (
            <tr key={plan.fromPole.id}>
              <th scope="row" className={`${cell} font-medium`}>
                {plan.fromPole.name}
              </th>
              <td className={cell}>{withPoleName}</td>
              <td className={cell}>{plan.mentorName}</td>
              <td className={cell}>{plan.menteeName}</td>
              <td className={cell}>
                <CoordinationName coordination={plan.desk} />
              </td>
              <td className={cell}>{plan.informed ? <CoordinationName coordination={plan.informed} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-sm text-gray-700">{t('followUp.ask.sidesNote')}</p>
    </div>
  );
}

/** The asking pole (fixed when there is only one) and the message to the coordination. Plain POST: works without JavaScript. */
export function AskForm({
  withPoleId,
  poles,
  lastResult,
  pairedTwinningId,
}: {
  withPoleId: string;
  poles: Array<{ id: string; name: string }>;
  lastResult?: SubmissionResult<string[]>;
  pairedTwinningId?: string | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'twinning-ask',
    lastResult,
    constraint: getZodConstraint(askSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: askSchema }),
  });
  const only = poles.length === 1 ? poles[0] : undefined;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormMessage errors={form.errors} />
      {pairedTwinningId ? (
        <p>
          <Link to={twinningPath(pairedTwinningId)} className="font-semibold text-brand-800 underline">
            {t('followUp.ask.seeTwinning')}
          </Link>
        </p>
      ) : null}
      <input type="hidden" name={fields.withPoleId.name} value={withPoleId} />
      {only ? (
        <div>
          <p className="text-gray-900">
            {t('followUp.ask.fromPole')} <strong>{only.name}</strong>
          </p>
          <input type="hidden" name={fields.fromPoleId.name} value={only.id} />
          <ErrorList id={fields.fromPoleId.errorId} errors={fields.fromPoleId.errors} />
        </div>
      ) : (
        <SelectField
          meta={fields.fromPoleId}
          label={t('followUp.ask.fromPole')}
          placeholder={t('followUp.ask.choosePole')}
          choices={poles.map((pole) => ({ value: pole.id, label: pole.name }))}
        />
      )}
      <TextareaField meta={fields.message} label={t('followUp.ask.message')} hint={t('followUp.ask.messageHint')} rows={6} />
      <SubmitButton>{t('followUp.ask.submit')}</SubmitButton>
    </Form>
  );
}
