import type { Catalogue } from '../types';
import type french from '../fr/forum';

export default {
  nav: 'Forum',
  index: {
    title: 'Forums',
    intro: 'The forums where the poles of your region, and of the whole country, start topics and share their know-how.',
    national: 'National forum',
    regional: '{{region}} forum',
    topics_one: '{{count}} topic',
    topics_other: '{{count}} topics',
    empty: 'No forum is open to you: forums are for the members of poles and their regional bodies.',
  },
  list: {
    intro: 'Most recently active topics first. The regional body moderates this forum.',
    nationalIntro: 'Most recently active topics first. Open to the members of every pole; the national team moderates it.',
    all: 'All forums',
    empty: 'No topics yet.',
    by: 'Started by {{author}}',
    byForPole: 'Started by {{author}} ({{pole}})',
    messages_one: '{{count}} message',
    messages_other: '{{count}} messages',
    lastActivity: 'Last activity on {{date}}',
    locked: 'Locked',
    total_one: '{{count}} topic',
    total_other: '{{count}} topics',
    pagination: 'Topic pages',
    previous: 'Previous page',
    next: 'Next page',
    pageOf: 'Page {{page}} of {{count}}',
  },
  newTopic: {
    title: 'New topic',
    titleLabel: 'Topic title',
    titleHint: 'Between 3 and 150 characters.',
    message: 'First message',
    submit: 'Publish the topic',
    nationalOnly: 'Only the national team starts topics in the national forum; everyone can answer.',
  },
  errors: {
    titleRequired: 'Give the topic a title.',
    titleTooShort: 'The title must have at least 3 characters.',
    titleTooLong: 'The title cannot be longer than 150 characters.',
  },
  topic: {
    back: 'Back to the forum',
  },
  notices: {
    opened: 'Your topic “{{title}}” is published.',
  },
} satisfies Catalogue<typeof french>;
