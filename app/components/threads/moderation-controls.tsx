import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { controlClass, Field, FormMessage, SelectField, SubmitButton, TextareaField } from '#app/components/forms';
import { buttonClass, Card } from '#app/components/ui';
import {
  hideSchema,
  isModerationIntent,
  lockSchema,
  muteDurations,
  muteSchema,
  reportSchema,
  restoreSchema,
  slowModeSchema,
  type ModerationIntent,
} from '#app/domain/threads/moderation';

/**
 * The moderation forms a thread page (and the /moderation queue) places: each posts to the page
 * it is on (`method="post"`, a hidden `intent` and `messageId` or `userId`), works without
 * JavaScript (a <details> disclosure opens it), and shows the server's French errors beside its
 * fields. Give each the page's `useActionData()` as `actionData`: a form shows only the answer
 * to itself (`handleThreadModeration` says which intent and message or person it answers).
 */

/** What `handleThreadModeration` answers when it does not redirect. */
export type ModerationReply = { intent: ModerationIntent; targetId: string | null; result: SubmissionResult<string[]> };

/** The moderation reply in a page's action data, if that is what it is. */
export function asModerationReply(actionData: unknown): ModerationReply | null {
  if (typeof actionData !== 'object' || actionData === null) return null;
  const reply = actionData as Partial<ModerationReply>;
  return isModerationIntent(reply.intent) && typeof reply.result === 'object' && reply.result !== null ? (reply as ModerationReply) : null;
}

/** The result for the form of `intent` about `targetId` (null for a thread's form), else undefined. */
function resultFor(actionData: unknown, intent: ModerationIntent, targetId: string | null) {
  const reply = asModerationReply(actionData);
  return reply && reply.intent === intent && reply.targetId === targetId ? reply.result : undefined;
}

const smallButton = buttonClass('primary', 'sm');
const dangerButton = buttonClass('danger', 'sm');
const summaryClass = 'cursor-pointer text-sm text-brand-800 underline';

/** A form with one reason (report, hide, restore, lock) inside a disclosure, open when the server answered it with an error. */
function ReasonForm({
  id,
  intent,
  hidden,
  schema,
  lastResult,
  summary,
  label,
  hint,
  submit,
  danger = false,
}: {
  id: string;
  intent: ModerationIntent;
  hidden: Record<string, string>;
  schema: typeof reportSchema;
  lastResult: SubmissionResult<string[]> | undefined;
  summary: ReactNode;
  label: string;
  hint?: string;
  submit: string;
  danger?: boolean;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const hasErrors = Boolean(form.errors?.length || fields.reason.errors?.length);
  return (
    <details open={hasErrors || undefined} className="text-sm">
      <summary className={summaryClass}>{summary}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 max-w-md">
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <FormMessage errors={form.errors} />
        <TextareaField meta={fields.reason} label={label} hint={hint} rows={3} />
        <SubmitButton className={danger ? dangerButton : smallButton}>{submit}</SubmitButton>
      </Form>
    </details>
  );
}

export type ReportFormProps = {
  messageId: string;
  /** The author's name, for screen readers (« Signaler le message de … »). */
  authorName?: string | null;
  actionData?: unknown;
};

/** « Signaler »: any reader, on a message not their own, with a reason (once per person and message). */
export function ReportForm({ messageId, authorName, actionData }: ReportFormProps) {
  const { t } = useTranslation();
  return (
    <ReasonForm
      id={`signaler-${messageId}`}
      intent="report"
      hidden={{ messageId }}
      schema={reportSchema}
      lastResult={resultFor(actionData, 'report', messageId)}
      summary={
        <>
          {t('moderation.report.summary')}
          {authorName ? <span className="sr-only"> {t('moderation.report.ofAuthor', { name: authorName })}</span> : null}
        </>
      }
      label={t('moderation.report.reason')}
      hint={t('moderation.report.hint')}
      submit={t('moderation.report.submit')}
    />
  );
}

export type MessageModerationProps = {
  /** A LiveMessage will do: its id and whether it is hidden. */
  message: { id: string; hidden: boolean };
  /**
   * Reports waiting for review (`pendingReportsByMessage` in app/models/moderation-desk.server.ts):
   * a visible reported message may be kept as it is (its reports dismissed), a message hidden by
   * reports confirmed as hidden.
   */
  pendingReports?: number;
  actionData?: unknown;
};

/** For moderators: hide a visible message, restore a hidden one, or keep a reported one; always with a reason. */
export function MessageModeration({ message, pendingReports = 0, actionData }: MessageModerationProps) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap gap-x-6 gap-y-2">
      {/* A message hidden by reports waits for a decision: confirm the hiding, or restore it. */}
      {!message.hidden || pendingReports > 0 ? (
        <ReasonForm
          id={`masquer-${message.id}`}
          intent="hide"
          hidden={{ messageId: message.id }}
          schema={hideSchema}
          lastResult={resultFor(actionData, 'hide', message.id)}
          summary={t(message.hidden ? 'moderation.message.confirmHide' : 'moderation.message.hide')}
          label={t('moderation.message.hideReason')}
          hint={t('moderation.message.hideHint')}
          submit={t(message.hidden ? 'moderation.message.confirmHideSubmit' : 'moderation.message.hideSubmit')}
          danger
        />
      ) : null}
      {message.hidden || pendingReports > 0 ? (
        <ReasonForm
          id={`retablir-${message.id}`}
          intent="restore"
          hidden={{ messageId: message.id }}
          schema={restoreSchema}
          lastResult={resultFor(actionData, 'restore', message.id)}
          summary={t(message.hidden ? 'moderation.message.restore' : 'moderation.message.keep')}
          label={t('moderation.message.restoreReason')}
          submit={t(message.hidden ? 'moderation.message.restoreSubmit' : 'moderation.message.keepSubmit')}
        />
      ) : null}
    </div>
  );
}

/** An author of the thread the panel may mute, and until when they are muted now (ISO date) if they are. */
export type ModeratableAuthor = { id: string; name: string; mutedUntil: string | null };

export type ThreadModerationPanelProps = {
  /** The thread's state (LiveThreadState will do; `id` is not needed). */
  thread: { id?: string; locked: boolean; slowModeSeconds: number | null; slowModeUntil: string | null };
  /** The thread's authors but the viewer (`moderationAuthors` in app/models/moderation-desk.server.ts). */
  authors: readonly ModeratableAuthor[];
  actionData?: unknown;
};

/** For moderators: lock or unlock the thread, set or end slow mode, mute an author or lift it. */
export function ThreadModerationPanel({ thread, authors, actionData }: ThreadModerationPanelProps) {
  const { t } = useTranslation();
  return (
    <Card as="section" aria-labelledby="moderation-panel-title" className="space-y-4">
      <h2 id="moderation-panel-title" className="text-lg font-semibold">
        {t('moderation.panel.title')}
      </h2>
      {thread.locked ? (
        <SimpleForm id="deverrouiller" intent="unlock" actionData={actionData} label={t('moderation.panel.locked')} submit={t('moderation.panel.unlock')} />
      ) : (
        <ReasonForm
          id="verrouiller"
          intent="lock"
          hidden={{}}
          schema={lockSchema}
          lastResult={resultFor(actionData, 'lock', null)}
          summary={t('moderation.panel.lock')}
          label={t('moderation.panel.lockReason')}
          hint={t('moderation.panel.lockHint')}
          submit={t('moderation.panel.lockSubmit')}
          danger
        />
      )}
      <SlowModeForm thread={thread} actionData={actionData} />
      <MuteForm authors={authors} actionData={actionData} />
    </Card>
  );
}

/** A button alone (unlock, end slow mode, lift a mute), with the server's refusal above it. */
function SimpleForm({
  id,
  intent,
  userId,
  actionData,
  label,
  submit,
}: {
  id: string;
  intent: ModerationIntent;
  userId?: string;
  actionData: unknown;
  label: ReactNode;
  submit: ReactNode;
}) {
  const [form] = useForm({ id, lastResult: resultFor(actionData, intent, userId ?? null) });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-center gap-3 text-sm">
      <input type="hidden" name="intent" value={intent} />
      {userId ? <input type="hidden" name="userId" value={userId} /> : null}
      <FormMessage errors={form.errors} />
      <span>{label}</span>
      <SubmitButton className={smallButton}>{submit}</SubmitButton>
    </Form>
  );
}

function SlowModeForm({ thread, actionData }: { thread: ThreadModerationPanelProps['thread']; actionData: unknown }) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  const [form, fields] = useForm({
    id: 'mode-lent',
    lastResult: resultFor(actionData, 'slowMode', null),
    constraint: getZodConstraint(slowModeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: slowModeSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const active = thread.slowModeSeconds !== null && thread.slowModeUntil !== null;
  const hasErrors = Boolean(form.errors?.length || fields.seconds.errors?.length || fields.hours.errors?.length);
  return (
    <div className="space-y-2">
      {active ? (
        <SimpleForm
          id="fin-mode-lent"
          intent="endSlowMode"
          actionData={actionData}
          label={t('moderation.panel.slowActive', { seconds: thread.slowModeSeconds, until: dateTime(thread.slowModeUntil!) })}
          submit={t('moderation.panel.endSlow')}
        />
      ) : null}
      <details open={hasErrors || undefined} className="text-sm">
        <summary className={summaryClass}>{t(active ? 'moderation.panel.changeSlow' : 'moderation.panel.slow')}</summary>
        <Form method="post" {...getFormProps(form)} className="mt-2 grid max-w-md gap-x-4 sm:grid-cols-2">
          <input type="hidden" name="intent" value="slowMode" />
          <div className="sm:col-span-2">
            <FormMessage errors={form.errors} />
          </div>
          <Field
            label={t('moderation.panel.slowSeconds')}
            hint={t('moderation.panel.slowSecondsHint')}
            errors={fields.seconds.errors}
            inputProps={getInputProps(fields.seconds, { type: 'number' })}
          />
          <Field
            label={t('moderation.panel.slowHours')}
            hint={t('moderation.panel.slowHoursHint')}
            errors={fields.hours.errors}
            inputProps={getInputProps(fields.hours, { type: 'number' })}
          />
          <div className="sm:col-span-2">
            <SubmitButton className={smallButton}>{t('moderation.panel.slowSubmit')}</SubmitButton>
          </div>
        </Form>
      </details>
    </div>
  );
}

function MuteForm({ authors, actionData }: { authors: readonly ModeratableAuthor[]; actionData: unknown }) {
  const { t } = useTranslation();
  const { dateTime } = useLocalFormat();
  const muteReply = asModerationReply(actionData);
  const lastResult = muteReply?.intent === 'mute' ? muteReply.result : undefined;
  const [form, fields] = useForm({
    id: 'sourdine',
    lastResult,
    constraint: getZodConstraint(muteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: muteSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const muted = authors.filter((author) => author.mutedUntil !== null);
  const hasErrors = Boolean(form.errors?.length || fields.reason.errors?.length || fields.hours.errors?.length);
  return (
    <div className="space-y-2">
      {muted.map((author) => (
        <SimpleForm
          key={author.id}
          id={`lever-${author.id}`}
          intent="unmute"
          userId={author.id}
          actionData={actionData}
          label={t('moderation.panel.mutedUntil', { name: author.name, until: dateTime(author.mutedUntil!) })}
          submit={
            <>
              {t('moderation.panel.unmute')}
              <span className="sr-only"> — {author.name}</span>
            </>
          }
        />
      ))}
      {authors.length === 0 ? (
        <p className="text-sm text-gray-700">{t('moderation.panel.noAuthors')}</p>
      ) : (
        <details open={hasErrors || undefined} className="text-sm">
          <summary className={summaryClass}>{t('moderation.panel.mute')}</summary>
          <Form method="post" {...getFormProps(form)} className="mt-2 max-w-md">
            <input type="hidden" name="intent" value="mute" />
            <FormMessage errors={form.errors} />
            <div className="mb-4">
              <label htmlFor="sourdine-personne" className="block font-medium text-gray-900">
                {t('moderation.panel.mutePerson')}
              </label>
              <select id="sourdine-personne" name="userId" defaultValue={lastResult ? (muteReply?.targetId ?? undefined) : undefined} className={controlClass}>
                {authors.map((author) => (
                  <option key={author.id} value={author.id}>
                    {author.name}
                  </option>
                ))}
              </select>
            </div>
            <SelectField
              meta={fields.hours}
              label={t('moderation.panel.muteDuration')}
              placeholder={t('moderation.panel.chooseDuration')}
              choices={muteDurations.map((hours) => ({ value: String(hours), label: t(`moderation.panel.durations.h${hours}`) }))}
            />
            <TextareaField meta={fields.reason} label={t('moderation.panel.muteReason')} hint={t('moderation.panel.muteHint')} rows={3} />
            <SubmitButton className={dangerButton}>{t('moderation.panel.muteSubmit')}</SubmitButton>
          </Form>
        </details>
      )}
    </div>
  );
}
