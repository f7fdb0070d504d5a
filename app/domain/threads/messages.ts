import { z } from 'zod';

/**
 * A message of a live thread (decision 019), as the plain form and the socket send it: the same
 * rules on both paths. Errors are catalogue keys, shown in French beside the field.
 */

export const liveMessageMaxLength = 4000;

export const messageText = z
  .string({ required_error: 'threads.errors.textRequired' })
  .trim()
  .min(1, 'threads.errors.textRequired')
  .max(liveMessageMaxLength, 'threads.errors.textTooLong');

/** The plain form (no JavaScript): the text, the pole it speaks for when the person has a choice, an idempotency key. */
export const threadPostSchema = z.object({
  message: messageText,
  poleId: z.string().uuid('threads.errors.poleRequired').optional(),
  /** Rendered into the form when the page is built: a form sent twice (a double click, a reload) stores one message. */
  key: z.string().uuid().optional(),
});

/** How many messages a page renders and a join answers at most; older ones are paged. */
export const messagesPerPage = 100;
