import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { controlClass, ErrorList, FormMessage, SubmitButton } from '#app/components/forms';
import { liveMessageMaxLength, threadPostSchema } from '#app/domain/threads/messages';
import type { LiveSend } from './use-live-thread';

type PoleOption = { id: string; name: string };

/** A refusal answered over the socket, in French beside the field (the wait counts down elsewhere). */
function refusalText(
  t: (key: string, values?: Record<string, unknown>) => string,
  answer: Exclude<LiveSend, { ok: true }>,
  formatDate: (iso: string) => string,
) {
  switch (answer.error) {
    case 'muted':
      return t('liveThread.refusals.muted', { until: formatDate(answer.until) });
    case 'slow':
      return t('liveThread.refusals.slow', { count: answer.retryAfter });
    case 'rate-limited':
      return t('liveThread.refusals.rateLimited', { count: answer.retryAfter });
    case 'locked':
      return t('liveThread.refusals.locked');
    case 'not-found':
      return t('liveThread.refusals.notFound');
    case 'invalid':
      return t('liveThread.refusals.invalid');
    default:
      return t('liveThread.refusals.unavailable');
  }
}

/**
 * The message form: a plain POST (intent `post`, a hidden idempotency key made by the loader), so
 * it works without JavaScript. With the socket connected, sending goes over it instead (no page
 * load, the focus stays in the text area); the form still posts when the socket is down.
 */
export function Composer({
  formKey,
  poles,
  lastResult,
  live,
  onTyping,
  onRefused,
  onSent,
  formatDate,
}: {
  formKey: string;
  poles: PoleOption[];
  lastResult?: SubmissionResult<string[]> | null;
  live: { connected: boolean; send: (text: string, poleId: string | undefined) => Promise<LiveSend> };
  onTyping: () => void;
  onRefused: (answer: Exclude<LiveSend, { ok: true }>) => void;
  onSent: () => void;
  formatDate: (iso: string) => string;
}) {
  const { t } = useTranslation();
  const [liveError, setLiveError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  /** Set when a live send found the socket gone: the next submit is the plain form's. */
  const viaForm = useRef(false);
  const [form, fields] = useForm({
    id: 'message-form',
    lastResult,
    constraint: getZodConstraint(threadPostSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: threadPostSchema }),
  });
  const formProps = getFormProps(form);
  const { key: textareaKey, ...textareaProps } = getTextareaProps(fields.message);
  const errors = [...(fields.message.errors ?? []), ...(liveError ? [liveError] : [])];
  const errorId = errors.length ? fields.message.errorId : undefined;
  const only = poles.length === 1 ? poles[0] : undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    const parsed = parseWithZod(new FormData(element), { schema: threadPostSchema });
    if (viaForm.current || !live.connected || parsed.status !== 'success') {
      viaForm.current = false;
      return formProps.onSubmit(event);
    }
    event.preventDefault();
    if (sending) return;
    setSending(true);
    setLiveError(null);
    const answer = await live.send(parsed.value.message, parsed.value.poleId);
    setSending(false);
    if (answer.ok) {
      if (textarea.current) textarea.current.value = '';
      textarea.current?.focus();
      onSent();
      return;
    }
    // Without the socket after all: the same message goes by the form, with the loader's key.
    if (answer.error === 'offline') {
      viaForm.current = true;
      return element.requestSubmit();
    }
    setLiveError(refusalText(t, answer, formatDate));
    onRefused(answer);
    textarea.current?.focus();
  }

  return (
    <Form method="post" {...formProps} onSubmit={submit} className="space-y-3">
      <FormMessage errors={form.errors} />
      <input type="hidden" name="intent" value="post" />
      <input type="hidden" name="key" value={formKey} />
      {only ? (
        <p className="text-gray-900">
          {t('liveThread.composer.pole')} <strong>{only.name}</strong>
          <input type="hidden" name={fields.poleId.name} value={only.id} />
        </p>
      ) : poles.length > 1 ? (
        <div>
          <label htmlFor={fields.poleId.id} className="block font-medium text-gray-900">
            {t('liveThread.composer.pole')}
          </label>
          <select id={fields.poleId.id} name={fields.poleId.name} defaultValue={poles[0]!.id} className={controlClass}>
            {poles.map((pole) => (
              <option key={pole.id} value={pole.id}>
                {pole.name}
              </option>
            ))}
          </select>
          <ErrorList id={fields.poleId.errorId} errors={fields.poleId.errors} />
        </div>
      ) : null}
      {only ? <ErrorList id={fields.poleId.errorId} errors={fields.poleId.errors} /> : null}
      <div>
        <label htmlFor={fields.message.id} className="block font-medium text-gray-900">
          {t('liveThread.composer.label')}
        </label>
        <p id={`${fields.message.id}-hint`} className="text-sm text-gray-700">
          {t('liveThread.composer.hint')}
        </p>
        <textarea
          key={textareaKey}
          ref={textarea}
          rows={4}
          className={controlClass}
          {...textareaProps}
          maxLength={liveMessageMaxLength}
          onInput={() => {
            if (liveError) setLiveError(null);
            onTyping();
          }}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[`${fields.message.id}-hint`, errorId].filter(Boolean).join(' ')}
        />
        <ErrorList id={errorId} errors={errors} />
      </div>
      <SubmitButton>{sending ? t('liveThread.composer.sending') : t('liveThread.composer.send')}</SubmitButton>
    </Form>
  );
}
