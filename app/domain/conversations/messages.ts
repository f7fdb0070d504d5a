import { z } from 'zod';
import { offerPath, requestPath } from '../paths';

export const messageMinLength = 20;
export const messageMaxLength = 5000;

/**
 * A message and the pole it speaks for: the contact form and the reply form share it, in the
 * browser and on the server. Errors are catalogue keys, shown in French beside the field.
 */
export const messageSchema = z.object({
  poleId: z.string({ required_error: 'conversations.errors.poleRequired' }).uuid('conversations.errors.poleRequired'),
  message: z
    .string({ required_error: 'conversations.errors.messageRequired' })
    .trim()
    .min(messageMinLength, 'conversations.errors.messageTooShort')
    .max(messageMaxLength, 'conversations.errors.messageTooLong'),
});

/** Where a pole asks about an offer or answers a request (linked from their detail pages). */
export function contactPath(subject: { kind: 'offer' | 'request'; id: string }): string {
  return `/conversations/nouvelle?${subject.kind === 'offer' ? 'offre' : 'demande'}=${encodeURIComponent(subject.id)}`;
}

/** The public page of a conversation's subject. */
export function subjectPath(subject: { kind: 'offer' | 'request'; id: string }): string {
  return subject.kind === 'offer' ? offerPath(subject.id) : requestPath(subject.id);
}
