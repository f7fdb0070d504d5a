import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup, FormMessage, SubmitButton, TextareaField } from '#app/components/forms';
import { useLocalFormat } from '#app/components/format';
import { Card, EmptyState } from '#app/components/ui';
import { afterVisitLimits, feedbackSchema, type FeedbackInput } from '#app/domain/visits/attendance';
import type { FeedbackEntry } from '#app/models/visit-feedback.server';

/** The feedback of the poles that came to a visit: the form a pole fills once, and the feedback as read. */

export type FeedbackReply = { bookingId: string; result: SubmissionResult<string[]>; problem?: string };

const ratings = Array.from({ length: afterVisitLimits.rating.max - afterVisitLimits.rating.min + 1 }, (_, index) => afterVisitLimits.rating.min + index);

/** A pole's feedback form (one per booking that came): the same schema checks in the browser and on the server. */
export function FeedbackForm({ bookingId, reply }: { bookingId: string; reply: FeedbackReply | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<FeedbackInput>({
    id: `feedback-${bookingId}`,
    lastResult: reply?.bookingId === bookingId ? reply.result : undefined,
    constraint: getZodConstraint(feedbackSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: feedbackSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="bookingId" value={bookingId} />
      <FormMessage errors={form.errors} />
      <ChoiceGroup
        meta={fields.rating}
        type="radio"
        legend={t('visitAfter.feedback.rating')}
        hint={t('visitAfter.feedback.ratingHint')}
        choices={ratings.map((rating) => ({ value: String(rating), label: t('visitAfter.feedback.ratingValue', { rating }) }))}
      />
      <TextareaField meta={fields.learned} label={t('visitAfter.feedback.learned')} rows={4} />
      <TextareaField meta={fields.willApply} label={t('visitAfter.feedback.willApply')} rows={4} />
      <SubmitButton>{t('visitAfter.feedback.submit')}</SubmitButton>
    </Form>
  );
}

/** One pole's feedback as its readers see it. */
export function FeedbackView({ entry, heading }: { entry: FeedbackEntry; heading: 'h2' | 'h3' }) {
  const { t } = useTranslation();
  const { date } = useLocalFormat();
  const Heading = heading;
  return (
    <Card as="article" className="space-y-2">
      <Heading className="text-lg font-semibold text-gray-900">{t('visitAfter.feedback.from', { pole: entry.pole.name, date: date(entry.createdAt) })}</Heading>
      <p className="font-semibold">
        {t('visitAfter.feedback.rating')} : {t('visitAfter.feedback.ratingValue', { rating: entry.rating })}
      </p>
      <dl className="space-y-2">
        <dt className="font-medium text-gray-900">{t('visitAfter.feedback.learnedRead')}</dt>
        <dd className="whitespace-pre-line text-gray-800">{entry.learned}</dd>
        <dt className="font-medium text-gray-900">{t('visitAfter.feedback.willApplyRead')}</dt>
        <dd className="whitespace-pre-line text-gray-800">{entry.willApply}</dd>
      </dl>
    </Card>
  );
}

/** Every feedback on the visit with the average: for the host and the region's coordinators. */
export function FeedbackList({ entries, summary }: { entries: FeedbackEntry[]; summary: { average: number | null; count: number } }) {
  const { t } = useTranslation();
  const { rating } = useLocalFormat();
  const average = summary.average === null ? null : rating(summary.average);
  return (
    <section aria-labelledby="feedback-read" className="space-y-3">
      <h2 id="feedback-read" className="text-2xl font-semibold text-gray-900">
        {t('visitAfter.feedback.readTitle')}
      </h2>
      {average === null ? (
        <EmptyState>{t('visitAfter.feedback.none')}</EmptyState>
      ) : (
        <p className="text-lg font-semibold">{t('visitAfter.feedback.average', { average, count: summary.count })}</p>
      )}
      {entries.map((entry) => (
        <FeedbackView key={entry.bookingId} entry={entry} heading="h3" />
      ))}
    </section>
  );
}
