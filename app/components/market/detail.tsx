import { Form, Link } from '@remix-run/react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorList, SubmitButton } from '#app/components/forms';
import { VerifiedBadge } from '#app/components/poles/badges';
import { useLocalFormat } from '#app/components/format';
import { controlClass } from '#app/components/forms';
import { polePath } from '#app/domain/paths';
import { buttonClass, cardClass } from '#app/components/ui';

/** The parts of the offer and request pages that are the same. */

type Owner = {
  pole: { slug: string; name: string; town: string; verified: boolean };
  region: { name: string; nameEn: string };
};

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <p>
      <Link to={to} className="text-brand-800 underline">
        <span aria-hidden="true">← </span>
        {label}
      </Link>
    </p>
  );
}

/** Kind, title, badges, and the pole behind the item with its region. */
export function ItemHeader({ kind, title, ownerLabel, owner, badges }: { kind: string; title: string; ownerLabel: string; owner: Owner; badges: ReactNode }) {
  const { localName } = useLocalFormat();
  return (
    <header className="space-y-3">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-800">{kind}</p>
      <h1 className="text-3xl font-bold text-gray-900">{title}</h1>
      <div className="flex flex-wrap items-center gap-2">{badges}</div>
      <p className="flex flex-wrap items-center gap-2 text-lg text-gray-900">
        <span>{ownerLabel}</span>
        <Link to={polePath(owner.pole.slug)} className="font-semibold text-brand-800 underline">
          {owner.pole.name}
        </Link>
        {owner.pole.verified ? <VerifiedBadge /> : null}
        <span className="text-gray-700">
          — {owner.pole.town}, {localName(owner.region)}
        </span>
      </p>
    </header>
  );
}

export function ContactLink({ to, label }: { to: string; label: string }) {
  return (
    <p>
      <Link to={to} className={buttonClass()}>
        {label}
      </Link>
    </p>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-2xl font-semibold text-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="border-b border-gray-200 py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="font-medium text-gray-900">{label}</dt>
      <dd className="text-gray-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

/**
 * For the owning pole's members: the edit link and the state form (intent=state), which works
 * without JavaScript and shows its error beside the select.
 */
export function ManageSection<State extends string>({
  title,
  editTo,
  editLabel,
  states,
  current,
  stateLabel,
  errors,
  note,
}: {
  title: string;
  editTo: string;
  editLabel: string;
  /** The states the person may choose (the current one among them). */
  states: readonly State[];
  current: State;
  stateLabel: (state: State) => string;
  errors?: string[] | null;
  /** Why some states are not offered, shown above the select. */
  note?: string;
}) {
  const { t } = useTranslation();
  const selectId = useId();
  const errorId = `${selectId}-error`;
  return (
    <Section title={title}>
      <p>
        <Link to={editTo} className="font-semibold text-brand-800 underline">
          {editLabel}
        </Link>
      </p>
      <Form method="post" className={`${cardClass()} max-w-md`}>
        <input type="hidden" name="intent" value="state" />
        <p className="text-gray-900">{t('market.stateForm.current', { state: stateLabel(current) })}</p>
        {note ? <p className="mt-2 text-gray-900">{note}</p> : null}
        <label htmlFor={selectId} className="mt-3 block font-medium text-gray-900">
          {t('market.stateForm.label')}
        </label>
        <select
          id={selectId}
          name="state"
          defaultValue={current}
          className={controlClass}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? errorId : undefined}
        >
          {states.map((state) => (
            <option key={state} value={state}>
              {stateLabel(state)}
            </option>
          ))}
        </select>
        <ErrorList id={errorId} errors={errors} />
        <div className="mt-3">
          <SubmitButton>{t('market.stateForm.submit')}</SubmitButton>
        </div>
      </Form>
    </Section>
  );
}
