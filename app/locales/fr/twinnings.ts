/** Owned by the twinnings work (see app/locales/fr/index.ts). */
export default {
  metaTitle: 'Erasmus PTCE',
};
