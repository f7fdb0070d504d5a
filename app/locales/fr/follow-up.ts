/** Owned by the follow-up work (see app/locales/fr/index.ts). */
export default {
  metaTitle: 'Erasmus PTCE',
};
