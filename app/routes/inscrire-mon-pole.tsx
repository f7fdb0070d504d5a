import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue, useLocalFormat } from '#app/components/format';
import { Field, FormMessage, SelectField, SubmitButton, TextareaField } from '#app/components/forms';
import { BodyContact } from '#app/components/joining/body-contact';
import { Card, Notice } from '#app/components/ui';
import { createApplicationSchema, receiptPath, type ApplicationInput } from '#app/domain/poles/applications';
import { isLanguage } from '#app/i18n';
import { i18next } from '#app/i18next.server';
import { getReceipt, submitApplication } from '#app/models/pole-applications.server';
import { loadVocabulary } from '#app/models/vocabulary.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { keepRetryAfter, tooManyAttemptsInit, tooManyAttemptsMessage } from '#app/utils/rate-limit.server';
import { isUuid } from '#app/utils/uuid';

/**
 * « Inscrire mon pôle »: anyone, signed in or not, asks for their pole to join; the application
 * lands on the region's coordination desk. `?region=<code>` preselects the region (links from a
 * pole's page, /coordinations); `?demande=<id>` is the receipt the acknowledgment mail links to.
 */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const applicationId = url.searchParams.get('demande');
  if (applicationId !== null) {
    const receipt = isUuid(applicationId) ? await getReceipt(context.db, applicationId) : null;
    if (!receipt) throw notFound();
    return { receipt, regions: [], region: null, constraint: undefined };
  }
  const { regions } = await loadVocabulary(context.db);
  const asked = url.searchParams.get('region');
  return {
    receipt: null,
    regions,
    region: regions.some((region) => region.code === asked) ? asked : null,
    // The form is checked on the server only (errors come back next to the fields): the page loads no zod.
    constraint: getZodConstraint(createApplicationSchema(regions.map((region) => region.code))),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { regions } = await loadVocabulary(context.db);
  const submission = parseWithZod(await readForm(request), { schema: createApplicationSchema(regions.map((region) => region.code)) });
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 });
  const { nickname, ...input } = submission.value;
  // The field people never see: only a robot fills it. Nothing is stored, nothing is mailed.
  if (nickname) return data({ result: submission.reply({ formErrors: ['joining.errors.honeypot'] }) }, { status: 400 });
  const locale = await i18next.getLocale(request);
  const outcome = await submitApplication(context, {
    ...input,
    clientIp: context.clientIp,
    language: isLanguage(locale) ? locale : 'fr',
    appUrl: context.env.appUrl,
  });
  switch (outcome.status) {
    case 'limited':
      return data(
        { result: submission.reply({ formErrors: [await tooManyAttemptsMessage(outcome.error, request, 'joining.errors.tooMany')] }) },
        tooManyAttemptsInit(outcome.error),
      );
    case 'duplicate':
      return data({ result: submission.reply({ formErrors: ['joining.errors.duplicate'] }) }, { status: 409 });
    case 'unknown-region':
      return data({ result: submission.reply({ fieldErrors: { regionCode: ['joining.errors.regionRequired'] } }) }, { status: 400 });
    case 'received': {
      const note = await context.flash.put({ message: 'joining.receipt.mailed' });
      return redirect(receiptPath(outcome.applicationId), { headers: { 'Set-Cookie': note } });
    }
  }
}

export default function ApplyPage() {
  const { receipt } = useLoaderData<typeof loader>();
  return receipt ? <Receipt receipt={receipt} /> : <ApplicationForm />;
}

function ApplicationForm() {
  const { regions, region, constraint } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const [form, fields] = useForm<ApplicationInput>({
    id: 'inscrire-mon-pole',
    lastResult: reply?.result,
    defaultValue: { regionCode: region ?? '' },
    constraint,
  });
  return (
    <div className="max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">{t('joining.apply.title')}</h1>
        <p className="text-gray-700">{t('joining.apply.intro')}</p>
      </div>
      <Card as="section" className="space-y-2">
        <h2 className="text-lg font-semibold">{t('joining.apply.stepsTitle')}</h2>
        <ol className="list-decimal space-y-1 pl-6">
          <li>{t('joining.apply.steps.review')}</li>
          <li>{t('joining.apply.steps.invitation')}</li>
          <li>{t('joining.apply.steps.decline')}</li>
        </ol>
        <p>
          <Link to="/coordinations" className="text-brand-800 underline">
            {t('joining.apply.coordinationsLink')}
          </Link>
        </p>
      </Card>
      <Form method="post" {...getFormProps(form)} className="relative space-y-6">
        <FormMessage errors={form.errors} />
        <fieldset className="space-y-1">
          <legend className="mb-2 text-xl font-semibold">{t('joining.apply.poleSection')}</legend>
          <Field label={t('joining.apply.poleName')} inputProps={{ ...getInputProps(fields.poleName, { type: 'text' }) }} errors={fields.poleName.errors} />
          <div className="grid gap-x-4 sm:grid-cols-[1fr_12rem]">
            <Field
              label={t('joining.apply.town')}
              inputProps={{ ...getInputProps(fields.town, { type: 'text' }), autoComplete: 'address-level2' }}
              errors={fields.town.errors}
            />
            <Field
              label={t('joining.apply.postalCode')}
              inputProps={{ ...getInputProps(fields.postalCode, { type: 'text' }), autoComplete: 'postal-code', inputMode: 'numeric', maxLength: 5 }}
              errors={fields.postalCode.errors}
            />
          </div>
          <SelectField
            meta={fields.regionCode}
            label={t('joining.apply.region')}
            hint={t('joining.apply.regionHint')}
            placeholder={t('joining.apply.regionPlaceholder')}
            choices={regions.map((item) => ({ value: item.code, label: localName(item) }))}
          />
          <TextareaField meta={fields.description} label={t('joining.apply.description')} hint={t('joining.apply.descriptionHint')} rows={6} />
          <Field
            label={t('joining.apply.website')}
            hint={t('joining.apply.websiteHint')}
            inputProps={{ ...getInputProps(fields.website, { type: 'url' }), autoComplete: 'url' }}
            errors={fields.website.errors}
          />
        </fieldset>
        <fieldset className="space-y-1">
          <legend className="mb-2 text-xl font-semibold">{t('joining.apply.contactSection')}</legend>
          <Field
            label={t('joining.apply.contactName')}
            inputProps={{ ...getInputProps(fields.contactName, { type: 'text' }), autoComplete: 'name' }}
            errors={fields.contactName.errors}
          />
          <Field
            label={t('joining.apply.contactEmail')}
            hint={t('joining.apply.contactEmailHint')}
            inputProps={{ ...getInputProps(fields.contactEmail, { type: 'email' }), autoComplete: 'email' }}
            errors={fields.contactEmail.errors}
          />
        </fieldset>
        {/* The honeypot: out of sight and out of the tab order; robots fill every field they find. */}
        <div aria-hidden="true" className="absolute -left-[10000px] top-0 h-px w-px overflow-hidden">
          <label htmlFor="inscrire-mon-pole-nickname">{t('joining.apply.honeypot')}</label>
          <input id="inscrire-mon-pole-nickname" type="text" name="nickname" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <p className="text-sm text-gray-700">{t('joining.apply.privacy')}</p>
        <SubmitButton>{t('joining.apply.submit')}</SubmitButton>
      </Form>
    </div>
  );
}

function Receipt({ receipt }: { receipt: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['receipt']> }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  const region = localName(receipt.region);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">{t('joining.receipt.title')}</h1>
      <p className="text-lg">
        {receipt.body
          ? t('joining.receipt.sentTo', { pole: receipt.poleName, body: receipt.body.name, region })
          : t('joining.receipt.sentToNational', { pole: receipt.poleName, region })}
      </p>
      <Notice tone={receipt.state === 'declined' ? 'warning' : receipt.state === 'accepted' ? 'success' : 'info'}>
        <p>{t(`joining.receipt.state.${receipt.state}`)}</p>
      </Notice>
      {receipt.body ? (
        <Card as="section" className="space-y-2">
          <h2 className="text-lg font-semibold">{t('joining.receipt.reachBody', { body: receipt.body.name })}</h2>
          <BodyContact body={receipt.body} />
        </Card>
      ) : null}
      <p className="flex flex-wrap gap-4">
        <Link to="/inscrire-mon-pole" className="text-brand-800 underline">
          {t('joining.receipt.another')}
        </Link>
        <Link to="/coordinations" className="text-brand-800 underline">
          {t('joining.apply.coordinationsLink')}
        </Link>
      </p>
    </div>
  );
}

export const headers: HeadersFunction = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const texts = metaCatalogue(matches).joining;
  return [{ title: loaded?.receipt ? `${texts.receipt.title} — Erasmus PTCE` : texts.apply.metaTitle }];
};
