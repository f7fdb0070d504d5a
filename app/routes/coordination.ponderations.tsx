import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { Field, FormMessage } from '#app/components/forms';
import { DeskRegionSelect } from '#app/components/pairing/desk-region-select';
import { buttonClass } from '#app/components/ui';
import { criteria, weightOverridesSchema } from '#app/domain/pairing/scoring';
import { deskPath } from '#app/domain/paths';
import { defaultWeights, loadRegionWeights, saveRegionWeights } from '#app/models/pairing.server';
import { requireDeskRegion } from '#app/models/pairing-region.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';

/** The region's weights: one number per criterion; an empty field keeps the default. */
const weightsFormSchema = weightOverridesSchema.extend({ intent: z.string().optional() });

const weightsPath = (regionCode: string) => `/coordination/ponderations?region=${regionCode}`;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { regions, region } = await requireDeskRegion(request, context);
  if (!region) return { regions, region: null, weights: null, defaults: defaultWeights };
  const { weights } = await loadRegionWeights(context.db, region.code);
  return { regions, region, weights, defaults: defaultWeights };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, region } = await requireDeskRegion(request, context);
  if (!region) throw notFound();
  const form = await readForm(request);
  const intent = form.get('intent');
  if (intent === 'reset') {
    await saveRegionWeights(context.db, { regionCode: region.code, weights: {}, actorId: actor.userId });
    const note = await context.flash.put({ message: 'coordination.weights.restored' });
    return redirect(weightsPath(region.code), { headers: { 'Set-Cookie': note } });
  }
  const submission = parseWithZod(form, { schema: weightsFormSchema });
  if (intent !== 'save' || submission.status !== 'success') {
    const reply = intent !== 'save' ? submission.reply({ formErrors: ['coordination.errors.unknownIntent'] }) : submission.reply();
    return data({ result: reply }, { status: 400 });
  }
  const { intent: _intent, ...weights } = submission.value;
  await saveRegionWeights(context.db, { regionCode: region.code, weights, actorId: actor.userId });
  const note = await context.flash.put({ message: 'coordination.weights.saved' });
  return redirect(weightsPath(region.code), { headers: { 'Set-Cookie': note } });
}

export default function Weights() {
  const { regions, region, weights, defaults } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const { localName, number } = useLocalFormat();
  const [form, fields] = useForm<z.input<typeof weightsFormSchema>>({
    id: 'ponderations',
    lastResult: reply?.result,
    defaultValue: weights ? Object.fromEntries(criteria.map((criterion) => [criterion, String(weights[criterion])])) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: weightsFormSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  return (
    <div className="space-y-8">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">{t('coordination.weights.title')}</h1>
        {region ? <p className="text-lg font-semibold">{t('coordination.desk.regionShown', { region: localName(region) })}</p> : null}
        <p className="text-gray-700">{t('coordination.weights.intro')}</p>
        <Link to={deskPath(region?.code)} className="text-brand-800 underline">
          {t('coordination.cohort.back')}
        </Link>
      </div>
      <DeskRegionSelect regions={regions} region={region} />
      {!region || !weights ? (
        <p className="text-gray-700">{t('coordination.noRegions')}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="max-w-md space-y-2">
          <FormMessage errors={form.errors} />
          <fieldset>
            <legend className="mb-2 text-xl font-semibold">{t('coordination.weights.legend')}</legend>
            {criteria.map((criterion) => (
              <Field
                key={criterion}
                label={t(`pairing.criteria.${criterion}`)}
                hint={t('coordination.weights.defaultHint', { value: number(defaults[criterion]) })}
                errors={fields[criterion].errors}
                inputProps={{ ...getInputProps(fields[criterion], { type: 'number' }), min: 0, step: 'any' }}
              />
            ))}
          </fieldset>
          <div className="flex flex-wrap gap-4">
            <button type="submit" name="intent" value="save" className={buttonClass()}>
              {t('coordination.weights.save')}
            </button>
            <button type="submit" name="intent" value="reset" formNoValidate className={buttonClass('secondary')}>
              {t('coordination.weights.reset')}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).coordination.weights.metaTitle }];
