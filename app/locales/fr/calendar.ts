/** Owned by the calendar work. */
export default {
  metaTitle: 'Erasmus PTCE',
};
