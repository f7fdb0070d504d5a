/** Owned by the visit-hosting work. */
export default {
  metaTitle: 'Erasmus PTCE',
};
