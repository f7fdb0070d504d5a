import { getCollectionProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonClass, Notice, panelClass } from './ui';

type Errors = string[] | null | undefined;

/** Errors are catalogue keys (from the zod schemas) or ready-made sentences; both render translated. */
export function ErrorList({ id, errors }: { id?: string; errors?: Errors }) {
  const { t } = useTranslation();
  const shown = errors?.filter(Boolean);
  if (!shown?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm font-medium text-red-700">
      {shown.map((error) => (
        <li key={error}>{t(error)}</li>
      ))}
    </ul>
  );
}

/** A labelled input whose errors are announced with it (aria-invalid + aria-describedby). */
export function Field({
  label,
  hint,
  errors,
  inputProps,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: Errors;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { key?: string | null | undefined };
  className?: string;
}) {
  const fallbackId = useId();
  const { key, ...props } = inputProps;
  const id = props.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={className ?? 'mb-4'}>
      <label htmlFor={id} className="block font-medium text-gray-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-gray-700">
          {hint}
        </p>
      ) : null}
      <input
        key={key ?? undefined}
        className="mt-1 block w-full rounded border border-gray-500 px-3 py-2 text-gray-900 aria-[invalid]:border-red-700"
        {...props}
        // After the spread: conform's own aria attributes would drop the hint from the description.
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** Submit button that says when the form is being sent (without JavaScript it is a plain button). */
export function SubmitButton({ children, className, name, value }: { children: ReactNode; className?: string; name?: string; value?: string }) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const pending = navigation.state === 'submitting';
  return (
    <button type="submit" name={name} value={value} aria-disabled={pending || undefined} className={className ?? buttonClass()}>
      {pending ? t('forms.submitting') : children}
    </button>
  );
}

/** A form-level message (errors not tied to one field, or a success note). */
export function FormMessage({ errors, success }: { errors?: Errors; success?: string | null }) {
  const { t } = useTranslation();
  if (success) {
    return (
      <Notice tone="success" role="status" className="mb-4">
        <p>{t(success)}</p>
      </Notice>
    );
  }
  if (!errors?.length) return null;
  return (
    <Notice tone="danger" role="alert" className="mb-4">
      <ErrorList errors={errors} />
    </Notice>
  );
}

// ─── conform-bound controls ───────────────────────────────────────────────
// A text area, a select and groups of checkboxes or radios, each taking conform's field metadata
// and wiring its errors to the control (aria-invalid, aria-describedby) as `Field` does, so the
// French message is read with the control it belongs to.

export const controlClass = 'mt-1 block w-full rounded border border-gray-500 bg-white px-3 py-2 text-gray-900 aria-[invalid]:border-red-700';
const labelClass = 'block font-medium text-gray-900';
const hintClass = 'text-sm text-gray-700';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's metadata is generic over the form's shape
type Meta = FieldMetadata<any>;
export type Choice = { value: string; label: ReactNode };

function describedBy(meta: Meta, hint: ReactNode) {
  return [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(' ') || undefined;
}

function Hint({ meta, hint }: { meta: Meta; hint: ReactNode }) {
  return hint ? (
    <p id={`${meta.id}-hint`} className={hintClass}>
      {hint}
    </p>
  ) : null;
}

export function TextareaField({ meta, label, hint, rows = 8 }: { meta: Meta; label: ReactNode; hint?: ReactNode; rows?: number }) {
  const { key, ...props } = getTextareaProps(meta);
  return (
    <div className="mb-4">
      <label htmlFor={meta.id} className={labelClass}>
        {label}
      </label>
      <Hint meta={meta} hint={hint} />
      <textarea
        key={key}
        rows={rows}
        className={controlClass}
        {...props}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint)}
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  choices,
  placeholder,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  choices: Choice[];
  placeholder?: string;
}) {
  const { key, defaultValue, ...props } = getSelectProps(meta);
  return (
    <div className="mb-4">
      <label htmlFor={meta.id} className={labelClass}>
        {label}
      </label>
      <Hint meta={meta} hint={hint} />
      {/* A form posted with the field repeated comes back with several values; a single select shows the first. */}
      <select
        key={key}
        className={controlClass}
        {...props}
        defaultValue={Array.isArray(defaultValue) ? defaultValue[0] : defaultValue}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint)}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * Checkboxes (several values) or radios (one) in a fieldset whose legend names the question.
 * Without JavaScript nothing checks "at least one": the server answers beside the legend.
 */
export function ChoiceGroup({
  meta,
  legend,
  hint,
  choices,
  type,
  columns = false,
  className = 'mb-4',
}: {
  meta: Meta;
  legend: ReactNode;
  hint?: ReactNode;
  choices: Choice[];
  type: 'checkbox' | 'radio';
  columns?: boolean;
  className?: string;
}) {
  const labels = new Map(choices.map((choice) => [choice.value, choice.label]));
  const inputs = getCollectionProps(meta, { type, options: choices.map((choice) => choice.value) });
  return (
    <fieldset className={className} aria-describedby={describedBy(meta, hint)}>
      <legend className={labelClass}>{legend}</legend>
      <Hint meta={meta} hint={hint} />
      <div className={columns ? 'mt-2 grid gap-2 sm:grid-cols-2' : 'mt-2 flex flex-wrap gap-x-6 gap-y-2'}>
        {inputs.map(({ key, ...props }) => (
          <div key={key} className="flex items-start gap-2">
            {/* The group's description is on the fieldset: each box would repeat it otherwise. */}
            <input {...props} aria-invalid={undefined} aria-describedby={undefined} className="mt-1 h-5 w-5 shrink-0" />
            <label htmlFor={props.id} className="text-gray-900">
              {labels.get(props.value)}
            </label>
          </div>
        ))}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** A labelled select of a GET filter form: uncontrolled, so the URL is the only state. */
export function FilterSelect({
  name,
  label,
  emptyLabel,
  value,
  options,
}: {
  name: string;
  label: string;
  emptyLabel?: string;
  value: string | number | undefined;
  options: ReadonlyArray<{ value: string | number; label: string }>;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={controlClass}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const secondaryButtonClass = buttonClass('secondary');

/**
 * A textarea for pages that hold several small forms (a twinning's, a visit's): its errors and the
 * value typed come from the action's reply to this very form, not from conform's field metadata.
 */
export function PlainTextarea({
  name,
  label,
  hint,
  field,
  rows = 4,
  maxLength,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  field: { errors?: Errors; value?: string };
  rows?: number;
  maxLength?: number;
}) {
  const id = useId();
  const errorId = field.errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="mb-4">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={field.value}
        className={controlClass}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      <ErrorList id={errorId} errors={field.errors} />
    </div>
  );
}

export type Chooser = Parameters<typeof FilterSelect>[0] & { submit: string };

/**
 * A GET form choosing what a page shows (a region, a body): one select and its button, for a
 * person who has more than one to choose from. It works without JavaScript.
 */
export function ChooserForm({ submit, ...select }: Chooser) {
  if (select.options.length < 2) return null;
  return (
    <Form method="get" className={`${panelClass} flex flex-wrap items-end gap-4`}>
      <FilterSelect {...select} />
      <button type="submit" className={buttonClass()}>
        {submit}
      </button>
    </Form>
  );
}
