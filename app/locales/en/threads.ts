import type { Catalogue } from '../types';
import type french from '../fr/threads';

export default {
  errors: {
    textRequired: 'Write your message.',
    textTooLong: 'Your message cannot be longer than 4,000 characters.',
    poleRequired: 'Choose the pole you are writing for.',
  },
  mail: {
    mentions: {
      subjectOne: '{{author}} mentioned you in “{{title}}”',
      subjectMany: 'You were mentioned {{count}} times on Erasmus PTCE',
      greeting: 'Hello {{name}},',
      introOne: 'Someone mentioned you in a discussion:',
      introMany: 'You were mentioned in these messages, which you have not read yet:',
      item: '{{author}}{{pole}}, on {{date}}, in “{{title}}”: “{{body}}” ({{url}})',
      forPole: ' ({{pole}})',
      deletedAuthor: 'Deleted account',
      more: 'And {{count}} more mention(s).',
      action: 'Open the discussion',
      footer: 'You are receiving this because a member of Erasmus PTCE named you with @. These mails are grouped: at most one every quarter of an hour.',
    },
  },
} satisfies Catalogue<typeof french>;
