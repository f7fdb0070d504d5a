import type { Catalogue } from '../types';
import type coordination from '../fr/coordination';

export default {
  metaTitle: 'Regional coordination — Erasmus PTCE',
  title: 'Regional coordination',
  intro: 'Validate the poles of your regions and invite the people who run them. Every validation and every withdrawal is recorded in the audit log.',
  noRegions: 'Your regional body does not cover any region yet.',
  filter: {
    label: 'Filter the poles of my regions',
    pendingOnly: 'Awaiting validation only',
    submit: 'Filter',
    reset: 'Show all',
  },
  summary_one: '{{count}} pole in the region, {{pending}} awaiting validation.',
  summary_other: '{{count}} poles in the region, {{pending}} awaiting validation.',
  caption: 'Poles of the region {{region}}',
  captionPending: 'Poles of the region {{region}} awaiting validation',
  noPoles: 'No pole to show for this region.',
  columns: {
    name: 'Pole',
    town: 'Town',
    status: 'Status',
    maturity: 'Maturity',
    verification: 'Validation',
    actions: 'Actions',
  },
  verifiedOn: 'Validated on {{date}}',
  pending: 'Awaiting validation',
  validate: 'Validate',
  unvalidate: 'Withdraw validation',
  reason: 'Reason for withdrawal',
  reasonHint: 'The reason is recorded in the audit log.',
  confirmUnvalidate: 'Confirm withdrawal',
  members: 'Members and invitations',
  notices: {
    validated: 'The pole “{{name}}” is validated.',
    unvalidated: 'The validation of the pole “{{name}}” has been withdrawn.',
  },
  errors: {
    alreadyValidated: 'This pole is already validated: nothing was changed.',
    notValidated: 'This pole is no longer validated: nothing was changed.',
    unknownPole: 'This pole cannot be found.',
    unknownIntent: 'Unknown action.',
    reasonRequired: 'Give the reason for the withdrawal.',
    reasonTooShort: 'The reason must be at least 5 characters long.',
    reasonTooLong: 'The reason cannot be longer than 500 characters.',
  },
} satisfies Catalogue<typeof coordination>;
