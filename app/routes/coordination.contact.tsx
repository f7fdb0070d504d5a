import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { metaCatalogue } from '#app/components/format';
import { CoordinationFrame } from '#app/components/coordination/page-frame';
import { Field, FormMessage, SubmitButton } from '#app/components/forms';
import { EmptyState } from '#app/components/ui';
import { applicationsPath, bodyContactSchema } from '#app/domain/poles/applications';
import { bodiesEditableBy, updateBodyContact } from '#app/models/regional-bodies.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { requirePermission } from '#app/utils/permissions.server';

/**
 * A regional body's public contact (e-mail, phone, website), shown on /coordinations: edited by
 * its coordinators, or by the national admin for any body (`?instance=<slug>` picks it).
 */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, context, { action: 'coordination:access' });
  const bodies = await bodiesEditableBy(context.db, actor);
  const asked = new URL(request.url).searchParams.get('instance');
  const body = asked ? bodies.find((item) => item.slug === asked) : bodies[0];
  if (asked && !body) throw notFound();
  return { bodies: bodies.map(({ slug, name }) => ({ slug, name })), body: body ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requirePermission(request, context, { action: 'coordination:access' });
  const submission = parseWithZod(await readForm(request), { schema: bodyContactSchema });
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 });
  const { bodyId, ...contact } = submission.value;
  await requirePermission(request, context, { action: 'body:edit-contact', bodyId });
  const body = await updateBodyContact(context.db, { bodyId, ...contact });
  if (!body) throw notFound();
  const note = await context.flash.put({ message: 'joining.contact.saved', values: { name: body.name } });
  return redirect(`/coordination/contact?instance=${body.slug}`, { headers: { 'Set-Cookie': note } });
}

export default function BodyContactPage() {
  const { bodies, body } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `contact-${body?.slug ?? 'aucune'}`,
    lastResult: reply?.result,
    defaultValue: { contactEmail: body?.contactEmail ?? '', contactPhone: body?.contactPhone ?? '', website: body?.website ?? '' },
    constraint: getZodConstraint(bodyContactSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bodyContactSchema }),
  });
  return (
    <CoordinationFrame
      className="max-w-3xl space-y-6"
      title={t('joining.contact.title')}
      intro={t('joining.contact.intro')}
      links={[
        { to: applicationsPath(), label: t('joining.desk.title') },
        { to: '/coordinations', label: t('joining.contact.seePublic') },
      ]}
      choice={{
        name: 'instance',
        label: t('joining.contact.bodyLabel'),
        value: body?.slug,
        options: bodies.map((item) => ({ value: item.slug, label: item.name })),
        submit: t('joining.contact.bodySubmit'),
      }}
    >
      {body ? (
        <Form method="post" {...getFormProps(form)} className="space-y-1">
          <h2 className="mb-4 text-2xl font-semibold">{body.name}</h2>
          <FormMessage errors={form.errors} />
          {/* A plain hidden input: conform's would carry `required`, which HTML forbids on type=hidden. */}
          <input type="hidden" name={fields.bodyId.name} value={body.id} />
          <Field
            label={t('joining.contact.email')}
            inputProps={{ ...getInputProps(fields.contactEmail, { type: 'email' }), autoComplete: 'off' }}
            errors={fields.contactEmail.errors}
          />
          <Field
            label={t('joining.contact.phone')}
            hint={t('joining.contact.phoneHint')}
            inputProps={{ ...getInputProps(fields.contactPhone, { type: 'tel' }), autoComplete: 'off' }}
            errors={fields.contactPhone.errors}
          />
          <Field
            label={t('joining.contact.website')}
            hint={t('joining.contact.websiteHint')}
            inputProps={{ ...getInputProps(fields.website, { type: 'url' }), autoComplete: 'off' }}
            errors={fields.website.errors}
          />
          <SubmitButton>{t('joining.contact.submit')}</SubmitButton>
        </Form>
      ) : (
        <EmptyState>{t('joining.contact.none')}</EmptyState>
      )}
    </CoordinationFrame>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaCatalogue(matches).joining.contact.metaTitle }];
