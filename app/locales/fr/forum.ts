/** (filled by issue 11) */
export default {
  placeholder: '',
};
