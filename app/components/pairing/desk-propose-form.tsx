import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { controlClass, ErrorList, FormMessage, SubmitButton } from '#app/components/forms';
import { limits } from '#app/domain/pairing/lifecycle';
import { buttonClass } from '#app/components/ui';

/** What the desk's action answers when it does not redirect: the form it is about, and its errors. */
export type DeskReply = { formId: string; result: SubmissionResult<string[]> };

export const smallButton = buttonClass('primary', 'sm');

/** Where the desk's forms post: its index route, keeping the region shown (the page answers in it). */
export function deskActionPath(regionCode: string): string {
  return `/coordination?index&region=${regionCode}`;
}

export function proposeFormId(input: { mentorPoleId: string; menteePoleId: string; requestId?: string | null; askId?: string | null }): string {
  return ['proposer', input.mentorPoleId, input.menteePoleId, input.requestId ?? input.askId ?? 'pole'].join('-');
}

/**
 * « Proposer ce jumelage »: one click proposes, the message is optional. Several of these sit on
 * the desk; the action's errors come back to the one whose id it names.
 */
export function ProposeForm({
  action,
  mentorPoleId,
  menteePoleId,
  requestId,
  askId,
  mentorName,
  reply,
  short = false,
}: {
  action: string;
  mentorPoleId: string;
  menteePoleId: string;
  requestId?: string | null;
  askId?: string | null;
  mentorName: string;
  reply?: DeskReply;
  short?: boolean;
}) {
  const { t } = useTranslation();
  const formId = proposeFormId({ mentorPoleId, menteePoleId, requestId, askId });
  const mine = reply?.formId === formId ? reply.result : undefined;
  const messageErrors = mine?.error?.message ?? undefined;
  const messageId = `${formId}-message`;
  const errorId = messageErrors?.length ? `${messageId}-error` : undefined;
  return (
    <Form method="post" action={action} id={formId} className="mt-2 space-y-2">
      <input type="hidden" name="intent" value="propose" />
      <input type="hidden" name="mentorPoleId" value={mentorPoleId} />
      <input type="hidden" name="menteePoleId" value={menteePoleId} />
      {requestId ? <input type="hidden" name="requestId" value={requestId} /> : null}
      {askId ? <input type="hidden" name="askId" value={askId} /> : null}
      <FormMessage errors={mine?.error?.[''] ?? undefined} />
      <div>
        <label htmlFor={messageId} className="block text-sm font-medium text-gray-900">
          {t('coordination.desk.propose.message')}
          <span className="sr-only"> — {mentorName}</span>
        </label>
        <textarea
          id={messageId}
          name="message"
          rows={2}
          maxLength={limits.message.max}
          className={controlClass}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
        />
        <ErrorList id={errorId} errors={messageErrors} />
      </div>
      <SubmitButton className={smallButton}>
        {t(short ? 'coordination.desk.propose.submitShort' : 'coordination.desk.propose.submit')}
        <span className="sr-only"> — {mentorName}</span>
      </SubmitButton>
    </Form>
  );
}
