/** Why an action is refused, one sentence per reason code of `can()` (app/utils/permissions.server.ts). */
export default {
  reasons: {
    'not-signed-in': 'Sign in to do this.',
    'not-member': 'Only members of the pole concerned can do this.',
    'no-pole': 'You are not a member of any pole: this is done on behalf of a pole.',
    'not-pole-admin': 'Only the people who run the pole can do this.',
    'pole-not-validated':
      'Your pole is not (or no longer) validated by its regional coordination: you can still edit or withdraw your listings, but not make them public nor contact other poles. Ask your region’s coordination to validate the pole.',
    'own-pole': 'This listing is your own pole’s: you cannot contact yourselves.',
    'not-in-conversation': 'Your pole does not take part in this conversation.',
    'not-coordinator': 'Only the regional coordination can do this.',
    'other-region': 'This belongs to the coordination of another region.',
    'not-national-admin': 'Only the national administration can do this.',
    'not-national-council': 'National figures are for the national council and the national administration only.',
  },
};
