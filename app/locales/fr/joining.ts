/** joining (issue 12). */
export default {
  placeholder: 'À remplacer',
};
