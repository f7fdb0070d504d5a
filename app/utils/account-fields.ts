import { z } from 'zod';

/**
 * Field schemas shared by the account forms (sign-in, reset, invitations, password change).
 * Messages are catalogue keys: `ErrorList` translates them.
 */

export const passwordMinLength = 12;
const passwordMaxLength = 200;

/** Trimmed and lower-cased, as `users.email` is stored. */
export const emailField = z.string({ required_error: 'fields.required' }).trim().toLowerCase().max(254, 'fields.tooLong').email('fields.emailInvalid');

/** A password being chosen now. */
export const newPasswordField = z
  .string({ required_error: 'fields.required' })
  .min(passwordMinLength, 'fields.passwordTooShort')
  .max(passwordMaxLength, 'fields.passwordTooLong');

/** A password typed to prove who one is: older rules may have allowed other lengths. */
export const currentPasswordField = z.string({ required_error: 'fields.required' }).max(passwordMaxLength, 'fields.passwordTooLong');

export const nameField = z.string({ required_error: 'fields.required' }).trim().min(2, 'fields.nameTooShort').max(120, 'fields.nameTooLong');

/** `password` + `confirmPassword`, the second checked against the first. */
export const passwordPairFields = { password: newPasswordField, confirmPassword: z.string({ required_error: 'fields.required' }) };

export function confirmPasswordsMatch(value: { password: string; confirmPassword: string }, context: z.RefinementCtx) {
  if (value.password !== value.confirmPassword) {
    context.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'fields.passwordsDiffer' });
  }
}

/** A new password with its confirmation (reset and account creation). */
export const newPasswordSchema = z.object(passwordPairFields).superRefine(confirmPasswordsMatch);
