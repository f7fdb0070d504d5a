/** Live threads (decision 019): a message's field errors, and the mail about `@mentions` (refusals: liveThread.refusals). */
export default {
  errors: {
    textRequired: 'Écrivez votre message.',
    textTooLong: 'Votre message ne peut pas dépasser 4 000 caractères.',
    poleRequired: 'Choisissez le pôle au nom duquel vous écrivez.',
  },
  mail: {
    mentions: {
      subjectOne: '{{author}} vous a mentionné·e dans « {{title}} »',
      subjectMany: 'Vous avez été mentionné·e {{count}} fois sur Erasmus PTCE',
      greeting: 'Bonjour {{name}},',
      introOne: 'Quelqu’un vous a mentionné·e dans une discussion :',
      introMany: 'Vous avez été mentionné·e dans ces messages, que vous n’avez pas encore lus :',
      item: '{{author}}{{pole}}, le {{date}}, dans « {{title}} » : « {{body}} » ({{url}})',
      forPole: ' ({{pole}})',
      deletedAuthor: 'Compte supprimé',
      more: 'Et {{count}} autre(s) mention(s).',
      action: 'Ouvrir la discussion',
      footer: 'Vous recevez ce message parce qu’un membre d’Erasmus PTCE vous a nommé·e avec @. Ces messages sont regroupés : au plus un par quart d’heure.',
    },
  },
};
