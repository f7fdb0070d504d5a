import { z } from 'zod';

/** The coordination page's two forms; the action parses either, each form validates its own. */
const poleId = z.string({ required_error: 'coordination.errors.unknownPole' }).uuid('coordination.errors.unknownPole');

export const validateSchema = z.object({ intent: z.literal('validate'), poleId });

export const unvalidateSchema = z.object({
  intent: z.literal('unvalidate'),
  poleId,
  reason: z
    .string({ required_error: 'coordination.errors.reasonRequired' })
    .trim()
    .min(5, 'coordination.errors.reasonTooShort')
    .max(500, 'coordination.errors.reasonTooLong'),
});

export const validationActionSchema = z.discriminatedUnion('intent', [validateSchema, unvalidateSchema], {
  errorMap: () => ({ message: 'coordination.errors.unknownIntent' }),
});
