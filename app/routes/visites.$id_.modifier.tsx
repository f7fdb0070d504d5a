import { getFormProps, useForm, type Submission, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { errorTitle } from '#app/components/error-page';
import { FormMessage, SubmitButton, TextareaField } from '#app/components/forms';
import { metaCatalogue } from '#app/components/format';
import { EditorPage } from '#app/components/market/editor';
import { buttonClass, Card, Notice } from '#app/components/ui';
import { VisitForm } from '#app/components/visits/visit-form';
import { visitPath } from '#app/domain/paths';
import { visitCancellationSchema, visitSchema } from '#app/domain/visits/visit';
import { visitAvailability } from '#app/models/visit-bookings.server';
import { listVocabulary } from '#app/models/vocabulary.server';
import { cancelVisit, getVisitForEditing, updateVisit } from '#app/models/visits.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { redirectWithNote } from '#app/utils/market-routes.server';
import { requirePermission } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';

/**
 * /visites/<id>/modifier: the host pole's admins edit the visit (a moved start tells the booked
 * poles; more seats go to the waiting list) or cancel it with a reason (intent `cancel`).
 */

async function requireEditableVisit(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const visit = isUuid(args.params.id) ? await getVisitForEditing(args.context.db, args.params.id) : null;
  if (!visit) throw notFound();
  const actor = await requirePermission(args.request, args.context, { action: 'visit:edit', visit: { poleId: visit.poleId } });
  return { visit, actor };
}

export async function loader(args: LoaderFunctionArgs) {
  const { visit } = await requireEditableVisit(args);
  const [{ topics }, availability] = await Promise.all([listVocabulary(args.context.db), visitAvailability(args.context.db, visit.id)]);
  return { visit, topics, availability };
}

type Reply = { intent: 'save' | 'cancel'; result: SubmissionResult<string[]> };

export async function action(args: ActionFunctionArgs) {
  const { visit, actor } = await requireEditableVisit(args);
  const { context, request } = args;
  const formData = await readForm(request);
  const intent = formData.get('intent');

  if (intent === 'cancel') {
    const submission = parseWithZod(formData, { schema: visitCancellationSchema });
    if (submission.status !== 'success') return refuse('cancel', submission);
    const outcome = await cancelVisit(context, { visitId: visit.id, actorId: actor.userId, reason: submission.value.reason });
    if (outcome.status === 'not-found') throw notFound();
    if (outcome.status === 'already-cancelled') return refuse('cancel', submission, { reason: ['visitHosting.errors.visitCancelled'] });
    return redirectWithNote(context, visitPath(visit.id), 'visitHosting.notices.cancelled', visit.form.title);
  }

  const submission = parseWithZod(formData, { schema: visitSchema({ now: new Date(), withPole: false }) });
  if (submission.status !== 'success') return refuse('save', submission);
  const { poleId: _poleId, ...fields } = submission.value;
  const outcome = await updateVisit(context, { visitId: visit.id, actorId: actor.userId, fields });
  if (outcome.status === 'invalid') return refuse('save', submission, { [outcome.field]: [outcome.message] });
  if (outcome.status === 'cancelled') return refuse('save', submission, { '': ['visitHosting.errors.visitCancelled'] });
  if (outcome.status !== 'saved') throw notFound();
  return redirectWithNote(context, visitPath(visit.id), 'visitHosting.notices.updated', fields.title);
}

/** A refusal answered beside its fields, saying which of the page's two forms it belongs to. */
function refuse(intent: Reply['intent'], submission: Submission<unknown>, fieldErrors?: Record<string, string[]>) {
  return data({ intent, result: submission.reply(fieldErrors ? { fieldErrors } : undefined) }, { status: 400 });
}

export default function EditVisit() {
  const { visit, topics, availability } = useLoaderData<typeof loader>();
  const reply = useActionData<Reply>();
  const { t } = useTranslation();
  const cancelled = visit.state === 'cancelled';
  return (
    <EditorPage title={t('visitHosting.editTitle', { title: visit.form.title })} intro={cancelled ? undefined : t('visitHosting.editIntro')}>
      {cancelled ? (
        <Notice role="note">{t('visitHosting.cancelVisit.already')}</Notice>
      ) : (
        <>
          {availability ? (
            <Notice className="mb-4">
              {t('visitHosting.seatsTaken', { taken: availability.taken, seats: availability.seats, count: availability.waiting })}
            </Notice>
          ) : null}
          <VisitForm
            mode="edit"
            poles={[]}
            topics={topics}
            defaultValue={visit.form}
            lastResult={reply?.intent === 'save' ? reply.result : undefined}
            cancelTo={visitPath(visit.id)}
          />
          <CancelVisitForm lastResult={reply?.intent === 'cancel' ? reply.result : undefined} />
        </>
      )}
    </EditorPage>
  );
}

function CancelVisitForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'cancel-visit',
    lastResult,
    constraint: getZodConstraint(visitCancellationSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: visitCancellationSchema }),
  });
  return (
    <Card as="section" tone="danger" aria-labelledby="cancel-visit-title" className="mt-10">
      <h2 id="cancel-visit-title" className="text-xl font-semibold text-gray-900">
        {t('visitHosting.cancelVisit.heading')}
      </h2>
      <p className="mt-2 text-gray-700">{t('visitHosting.cancelVisit.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4">
        <input type="hidden" name="intent" value="cancel" />
        <FormMessage errors={form.errors} />
        <TextareaField meta={fields.reason} label={t('visitHosting.cancelVisit.reason')} rows={3} />
        <SubmitButton className={buttonClass('danger')}>{t('visitHosting.cancelVisit.submit')}</SubmitButton>
      </Form>
    </Card>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  const catalogue = metaCatalogue(matches);
  const title = data ? `${catalogue.visitHosting.metaEdit} — ${data.visit.form.title}` : errorTitle(error, catalogue.errors);
  return [{ title: `${title} — Erasmus PTCE` }];
};
