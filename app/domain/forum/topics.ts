import { z } from 'zod';
import { threadPostSchema } from '#app/domain/threads/messages';

/** A forum topic (decision 019): a title and its first message, under the rules of any message. Errors are catalogue keys. */
export const topicTitle = z
  .string({ required_error: 'forum.errors.titleRequired' })
  .trim()
  .min(1, 'forum.errors.titleRequired')
  .min(3, 'forum.errors.titleTooShort')
  .max(150, 'forum.errors.titleTooLong');

export const newTopicSchema = threadPostSchema.extend({ title: topicTitle });

/** `/forum/<segment>`: a region's code, or `national`. Null for anything else (the route answers 404). */
export function forumSegment(segment: string | undefined): { regionCode: string | null } | null {
  if (segment === 'national') return { regionCode: null };
  if (segment && /^[0-9A-Za-z]{1,5}$/.test(segment)) return { regionCode: segment };
  return null;
}
