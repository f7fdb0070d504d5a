import { getInputProps, type FieldMetadata } from '@conform-to/react';
import type { MetaDescriptor } from '@remix-run/node';
import { Link, type MetaArgs } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '#app/components/forms';
import { Notice } from '#app/components/ui';
import { metaCatalogue } from '#app/components/format';
import type frenchAccount from '#app/locales/fr/account';

/** Pieces shared by the account, reset, invitation and administration pages. */

/** "<page> — Erasmus PTCE" in the page's language (meta runs outside React, so no hook). */
export function accountTitle(matches: MetaArgs['matches'], pick: (catalogue: typeof frenchAccount) => string): MetaDescriptor[] {
  return [{ title: `${pick(metaCatalogue(matches).account)} — Erasmus PTCE` }];
}

/** A narrow page holding one form. */
export function FormPage({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-md">
      <h1 id="page-title" className="text-3xl font-bold text-gray-900">
        {title}
      </h1>
      {intro ? <p className="mt-3 text-gray-700">{intro}</p> : null}
      <div className="mt-6">{children}</div>
    </section>
  );
}

/** Why an e-mailed link no longer works (`<prefix>.title`, `<prefix>.<state>`), and where to go instead. */
export function LinkProblem({ state, prefix, action }: { state: 'invalid' | 'expired' | 'used'; prefix: string; action: { to: string; label: string } }) {
  const { t } = useTranslation();
  return (
    <FormPage title={t(`${prefix}.title`)}>
      <Notice tone="warning" role="status">
        <p>{t(`${prefix}.${state}`)}</p>
      </Notice>
      <p className="mt-6">
        <Link to={action.to} className="font-semibold text-brand-800 underline">
          {action.label}
        </Link>
      </p>
    </FormPage>
  );
}

/**
 * New password + confirmation (reset, invitation, password change). The minimum length comes from
 * the form's constraint (the schema's, given by the server), so this file needs no zod.
 */
export function NewPasswordFields({ password, confirmPassword }: { password: FieldMetadata<string>; confirmPassword: FieldMetadata<string> }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('account.fields.newPassword')}
        hint={t('account.fields.passwordHint', { count: password.minLength })}
        inputProps={{ ...getInputProps(password, { type: 'password' }), autoComplete: 'new-password' }}
        errors={password.errors}
      />
      <Field
        label={t('account.fields.confirmPassword')}
        inputProps={{ ...getInputProps(confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
        errors={confirmPassword.errors}
      />
    </>
  );
}

export const cardClass = 'rounded-lg border border-gray-300 bg-white p-4 shadow-card';
export const sectionHeadingClass = 'text-xl font-semibold text-gray-900';
