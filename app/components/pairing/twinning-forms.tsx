import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorList, Field, PlainTextarea, SubmitButton } from '#app/components/forms';
import { buttonClass, Card } from '#app/components/ui';
import { goalsReachedValues, limits, type TwinningSide } from '#app/domain/pairing/lifecycle';

/**
 * The forms of a twinning's page. Each is a plain form posting an `intent` (and the side it acts
 * for), so the page works without JavaScript; the action answers a 400 with the errors of the
 * form that was sent, shown here next to its fields in the reader's language.
 */

export type TwinningReply = {
  intent: string;
  side?: string;
  goalId?: string;
  result: SubmissionResult<string[]>;
  problem?: { key: string; values: Record<string, string | number> };
};

/** The errors and the typed value of one field, when `reply` answers this form. */
export function fieldOf(reply: TwinningReply | undefined, form: { intent: string; side?: string }, name: string) {
  const mine = reply && reply.intent === form.intent && (form.side === undefined || reply.side === form.side);
  const initial = mine ? (reply.result.initialValue as Record<string, unknown> | undefined)?.[name] : undefined;
  return { errors: mine ? (reply.result.error?.[name] ?? undefined) : undefined, value: typeof initial === 'string' ? initial : undefined };
}

/** Accept or decline, for one side (the pole admin sees only their own side's forms). */
export function RespondForms({ side, poleName, reply }: { side: TwinningSide; poleName: string; reply?: TwinningReply }) {
  const { t } = useTranslation();
  return (
    <Card as="section" tone="brand" aria-labelledby={`respond-${side}`} className="space-y-4">
      <h2 id={`respond-${side}`} className="text-xl font-semibold text-gray-900">
        {t('twinnings.respond.title', { pole: poleName })}
      </h2>
      <Form method="post">
        <input type="hidden" name="side" value={side} />
        <SubmitButton name="intent" value="accept">
          {t('twinnings.respond.accept', { pole: poleName })}
        </SubmitButton>
      </Form>
      <Form method="post" className="border-t border-gray-300 pt-4">
        <h3 className="mb-2 font-semibold text-gray-900">{t('twinnings.respond.declineTitle', { pole: poleName })}</h3>
        <input type="hidden" name="side" value={side} />
        <PlainTextarea
          name="reason"
          label={t('twinnings.respond.reason')}
          hint={t('twinnings.respond.reasonHint')}
          field={fieldOf(reply, { intent: 'decline', side }, 'reason')}
          maxLength={limits.reason.max}
        />
        <SubmitButton name="intent" value="decline" className={buttonClass('danger')}>
          {t('twinnings.respond.decline')}
        </SubmitButton>
      </Form>
    </Card>
  );
}

export function CancelForm({ reply }: { reply?: TwinningReply }) {
  const { t } = useTranslation();
  return (
    <Card as="section" tone="danger" aria-labelledby="cancel-title" className="space-y-3">
      <h2 id="cancel-title" className="text-xl font-semibold text-gray-900">
        {t('twinnings.cancel.title')}
      </h2>
      <Form method="post">
        <PlainTextarea
          name="reason"
          label={t('twinnings.cancel.reason')}
          hint={t('twinnings.cancel.reasonHint')}
          field={fieldOf(reply, { intent: 'cancel' }, 'reason')}
          maxLength={limits.reason.max}
        />
        <SubmitButton name="intent" value="cancel" className={buttonClass('danger')}>
          {t('twinnings.cancel.submit')}
        </SubmitButton>
      </Form>
    </Card>
  );
}

/** One side's closing evaluation: with `complete` it also closes the twinning. */
export function EvaluationForm({
  intent,
  side,
  poleName,
  reply,
}: {
  intent: 'complete' | 'evaluate';
  side: TwinningSide;
  poleName: string;
  reply?: TwinningReply;
}) {
  const { t } = useTranslation();
  const form = { intent, side };
  const goalsReached = fieldOf(reply, form, 'goalsReached');
  const rating = fieldOf(reply, form, 'rating');
  const groupId = `${intent}-${side}-goals`;
  return (
    <Card as="section" aria-labelledby={`${intent}-${side}`} className="space-y-3">
      <h2 id={`${intent}-${side}`} className="text-xl font-semibold text-gray-900">
        {t(intent === 'complete' ? 'twinnings.evaluation.completeTitle' : 'twinnings.evaluation.evaluateTitle', { pole: poleName })}
      </h2>
      {intent === 'complete' ? <p className="text-gray-700">{t('twinnings.evaluation.completeIntro')}</p> : null}
      <Form method="post">
        <input type="hidden" name="side" value={side} />
        <fieldset className="mb-4" aria-describedby={goalsReached.errors?.length ? `${groupId}-error` : undefined}>
          <legend className="font-medium text-gray-900">{t('twinnings.evaluation.goalsReached')}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {goalsReachedValues.map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="goalsReached" value={value} defaultChecked={goalsReached.value === value} className="h-5 w-5" />
                {t(`pairing.goalsReached.${value}`)}
              </label>
            ))}
          </div>
          <ErrorList id={`${groupId}-error`} errors={goalsReached.errors} />
        </fieldset>
        <Field
          label={t('twinnings.evaluation.rating')}
          errors={rating.errors}
          inputProps={{ name: 'rating', type: 'number', min: 1, max: 5, step: 1, defaultValue: rating.value }}
        />
        <PlainTextarea
          name="learned"
          label={t('twinnings.evaluation.learned')}
          field={fieldOf(reply, form, 'learned')}
          rows={5}
          maxLength={limits.learned.max}
        />
        <SubmitButton name="intent" value={intent}>
          {t(intent === 'complete' ? 'twinnings.evaluation.complete' : 'twinnings.evaluation.evaluate')}
        </SubmitButton>
      </Form>
    </Card>
  );
}

export function NotesForm({ notes, reply }: { notes: string; reply?: TwinningReply }) {
  const { t } = useTranslation();
  const field = fieldOf(reply, { intent: 'saveNotes' }, 'notes');
  return (
    <Form method="post">
      <PlainTextarea name="notes" label={t('twinnings.notes.label')} field={{ ...field, value: field.value ?? notes }} rows={8} maxLength={limits.notes.max} />
      <SubmitButton name="intent" value="saveNotes">
        {t('twinnings.notes.save')}
      </SubmitButton>
    </Form>
  );
}
