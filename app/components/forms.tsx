import { useNavigation } from '@remix-run/react';
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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
    <button
      type="submit"
      name={name}
      value={value}
      aria-disabled={pending || undefined}
      className={
        className ??
        'rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-amber-500'
      }
    >
      {pending ? t('forms.submitting') : children}
    </button>
  );
}

/** A form-level message (errors not tied to one field, or a success note). */
export function FormMessage({ errors, success }: { errors?: Errors; success?: string | null }) {
  const { t } = useTranslation();
  if (success) {
    return (
      <p role="status" className="mb-4 rounded border border-brand-600 bg-brand-50 p-3 text-brand-800">
        {t(success)}
      </p>
    );
  }
  if (!errors?.length) return null;
  return (
    <div role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-800">
      <ErrorList errors={errors} />
    </div>
  );
}
