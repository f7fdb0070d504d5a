import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorList, SubmitButton } from '#app/components/forms';
import { metaCatalogue } from '#app/components/format';
import { cardClass, EmptyState, Notice } from '#app/components/ui';
import { AfterVisitHeader } from '#app/components/visits/visit-after';
import { visitPath } from '#app/domain/paths';
import { afterVisitRefusalKeys, attendanceRefusal, attendanceSchema, marksOf } from '#app/domain/visits/attendance';
import { afterVisitHeading, attendanceCounts, attendanceSheet, markAttendance, type SheetBooking } from '#app/models/visit-attendance.server';
import { readForm } from '#app/utils/form.server';
import { notFound } from '#app/utils/http';
import { redirectWithNote } from '#app/utils/market-routes.server';
import { requirePermission } from '#app/utils/permissions.server';
import { isUuid } from '#app/utils/uuid';

/**
 * /visites/<id>/presences: the host pole's members (`visit:host`: the member on site marks) say
 * which participants of the confirmed bookings came, from the visit's start until 60 days after.
 * Anyone else gets the 404 of a missing visit; a visitor is sent to sign in.
 */

async function requireHostedVisit({ request, context, params }: LoaderFunctionArgs | ActionFunctionArgs) {
  const visit = isUuid(params.id) ? await afterVisitHeading(context.db, params.id) : null;
  if (!visit) throw notFound();
  const actor = await requirePermission(request, context, { action: 'visit:host', visit: { poleId: visit.host.id } });
  return { visit, actor };
}

export async function loader(args: LoaderFunctionArgs) {
  const { visit } = await requireHostedVisit(args);
  const [bookings, counts] = await Promise.all([attendanceSheet(args.context.db, visit.id), attendanceCounts(args.context.db, visit.id)]);
  return { visit, bookings, counts, refusal: attendanceRefusal(visit, new Date()) };
}

type Reply = { result: SubmissionResult<string[]>; problem?: string };

export async function action(args: ActionFunctionArgs) {
  const { visit, actor } = await requireHostedVisit(args);
  const submission = parseWithZod(await readForm(args.request), { schema: attendanceSchema });
  if (submission.status !== 'success') return data<Reply>({ result: submission.reply() }, { status: 400 });
  const outcome = await markAttendance(args.context, { visitId: visit.id, actorId: actor.userId, marks: marksOf(submission.value) });
  if (outcome.status === 'not-found') throw notFound();
  if (outcome.status === 'refused') return data<Reply>({ result: submission.reply(), problem: afterVisitRefusalKeys[outcome.reason] }, { status: 409 });
  if (outcome.status === 'participants-changed')
    return data<Reply>({ result: submission.reply(), problem: 'visitAfter.problems.participantsChanged' }, { status: 409 });
  return redirectWithNote(args.context, visitPath(visit.id, 'presences'), 'visitAfter.notices.attendanceSaved', visit.title);
}

/** The choice sent for each participant (after a refused post) or else the stored mark. */
function chosenMarks(reply: Reply | undefined): Map<string, string> {
  const sent = (reply?.result.initialValue as { participants?: Array<{ id?: unknown; attended?: unknown }> } | undefined)?.participants ?? [];
  return new Map(sent.flatMap((entry) => (typeof entry.id === 'string' && typeof entry.attended === 'string' ? [[entry.id, entry.attended]] : [])));
}

function markOf(attended: boolean | null): 'came' | 'absent' | 'unmarked' {
  return attended === null ? 'unmarked' : attended ? 'came' : 'absent';
}

function AttendanceForm({ bookings, reply }: { bookings: SheetBooking[]; reply: Reply | undefined }) {
  const { t } = useTranslation();
  const sent = chosenMarks(reply);
  const errors = [...new Set(Object.values(reply?.result.error ?? {}).flatMap((messages) => messages ?? []))];
  let index = 0;
  return (
    <Form method="post" className="space-y-4">
      {errors.length > 0 ? (
        <Notice tone="danger" role="alert">
          <ErrorList errors={errors} />
        </Notice>
      ) : null}
      {bookings.map((booking) => (
        <fieldset key={booking.id} className={cardClass()}>
          <legend className="px-1 text-lg font-semibold text-gray-900">{t('visitAfter.attendance.participantsOf', { pole: booking.pole.name })}</legend>
          <ul className="divide-y divide-gray-200">
            {booking.participants.map((participant) => {
              const field = `participants[${index++}]`;
              const current = sent.get(participant.id) ?? markOf(participant.attended);
              return (
                <li key={participant.id} className="py-2">
                  <fieldset className="flex flex-wrap items-center gap-x-6 gap-y-1">
                    <legend className="float-left mr-6 min-w-48 font-medium text-gray-900">{participant.name}</legend>
                    <input type="hidden" name={`${field}.id`} value={participant.id} />
                    {(['came', 'absent'] as const).map((choice) => (
                      <label key={choice} className="flex items-center gap-2">
                        <input type="radio" name={`${field}.attended`} value={choice} defaultChecked={current === choice} className="h-5 w-5" />
                        {t(`visitAfter.attendance.${choice}`)}
                      </label>
                    ))}
                  </fieldset>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
      <SubmitButton>{t('visitAfter.attendance.submit')}</SubmitButton>
    </Form>
  );
}

function AttendanceList({ bookings }: { bookings: SheetBooking[] }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('visitAfter.attendance.readOnly')}</p>
      {bookings.map((booking) => (
        <section key={booking.id} aria-label={t('visitAfter.attendance.participantsOf', { pole: booking.pole.name })}>
          <h2 className="text-lg font-semibold text-gray-900">{booking.pole.name}</h2>
          <ul className="list-disc pl-6">
            {booking.participants.map((participant) => (
              <li key={participant.id}>
                {participant.name} : {t(`visitAfter.attendance.${markOf(participant.attended)}`)}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export default function AttendancePage() {
  const { visit, bookings, counts, refusal } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const problem = reply?.problem ?? (refusal ? afterVisitRefusalKeys[refusal] : null);
  return (
    <article className="max-w-4xl space-y-6">
      <AfterVisitHeader visit={visit} title={t('visitAfter.attendance.title', { title: visit.title })}>
        <p>
          <Link to={visitPath(visit.id, 'emargement')} className="text-brand-800 underline">
            {t('visitAfter.attendance.sheetLink')}
          </Link>
        </p>
      </AfterVisitHeader>
      {problem ? (
        // A refusal after a post is an error; the same refusal on arrival only says the sheet's state.
        <Notice tone={reply?.problem ? 'danger' : 'info'} role={reply?.problem ? 'alert' : 'note'}>
          {t(problem)}
        </Notice>
      ) : null}
      {bookings.length === 0 ? (
        <EmptyState>{t('visitAfter.attendance.none')}</EmptyState>
      ) : refusal === 'not-started' ? null : (
        <>
          <p role="status">{t('visitAfter.attendance.summary', counts)}</p>
          {refusal ? (
            <AttendanceList bookings={bookings} />
          ) : (
            <>
              <p>{t('visitAfter.attendance.intro')}</p>
              <AttendanceForm bookings={bookings} reply={reply} />
            </>
          )}
        </>
      )}
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const catalogue = metaCatalogue(matches);
  return [{ title: `${catalogue.visitAfter.attendance.metaTitle}${loaded ? ` — ${loaded.visit.title}` : ''} — Erasmus PTCE` }];
};
