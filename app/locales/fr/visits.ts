/** Learning visits (visites apprenantes): pages and mails. */
export default {
  metaTitle: 'Visites apprenantes',
  bookingStates: {
    pending: 'En attente de confirmation',
    confirmed: 'Confirmée',
    waiting: 'Sur liste d’attente',
    cancelled: 'Annulée',
    declined: 'Déclinée',
  },
  refusals: {
    ownPole: 'Un pôle ne peut pas réserver sa propre visite.',
    alreadyBooked: 'Votre pôle a déjà une réservation pour cette visite.',
    deadlinePassed: 'La date limite de réservation est passée.',
    visitPast: 'Cette visite a déjà eu lieu.',
    visitCancelled: 'Cette visite est annulée.',
    tooManyParticipants: 'Il y a plus de participants que de places pour cette visite.',
  },
  errors: {
    poleRequired: 'Choisissez le pôle pour lequel vous réservez.',
    participantsRequired: 'Nommez au moins un participant.',
    participantRequired: 'Indiquez le nom du participant.',
    participantTooLong: 'Un nom compte au plus 120 caractères.',
    tooManyParticipants: 'Il y a plus de participants que de places pour cette visite (50 au plus par réservation).',
    reasonRequired: 'Indiquez un motif.',
    reasonTooShort: 'Le motif compte au moins 5 caractères.',
    reasonTooLong: 'Le motif compte au plus 500 caractères.',
  },
  mail: {
    greeting: 'Bonjour {{name}},',
    action: 'Voir la visite',
    reason: 'Motif : « {{reason}} »',
    leave: 'Pour quitter la liste d’attente, à tout moment : {{leaveUrl}}',
    guestFooter: 'Vous recevez ce message parce que vous animez le pôle « {{pole}} », qui a réservé cette visite.',
    hostFooter: 'Vous recevez ce message parce que vous animez le pôle « {{host}} », qui accueille cette visite.',
    kinds: {
      confirmed: {
        subject: 'Réservation confirmée : {{visit}} le {{date}}',
        body: 'La réservation du pôle « {{pole}} » pour la visite « {{visit}} » chez « {{host}} » le {{date}} est confirmée, pour {{seats}} participant(s).',
      },
      pending: {
        subject: 'Réservation reçue : {{visit}} le {{date}}',
        body: 'La réservation du pôle « {{pole}} » pour la visite « {{visit}} » le {{date}} est enregistrée : {{seats}} place(s) vous sont réservées en attendant la confirmation de « {{host}} ».',
      },
      waiting: {
        subject: 'Liste d’attente : {{visit}} le {{date}}',
        body: 'La visite « {{visit}} » du {{date}} est complète : le pôle « {{pole}} » est sur la liste d’attente, en position {{position}}. Dès qu’assez de places se libèrent, votre réservation passe et vous êtes prévenus.',
      },
      promoted: {
        subject: 'Une place s’est libérée : {{visit}} le {{date}}',
        body: 'Des places se sont libérées pour la visite « {{visit}} » du {{date}} : la réservation du pôle « {{pole}} » quitte la liste d’attente et est confirmée, pour {{seats}} participant(s).',
      },
      promotedPending: {
        subject: 'Une place s’est libérée : {{visit}} le {{date}}',
        body: 'Des places se sont libérées pour la visite « {{visit}} » du {{date}} : la réservation du pôle « {{pole}} » quitte la liste d’attente ; ses {{seats}} place(s) sont réservées en attendant la confirmation de « {{host}} ».',
      },
      hostConfirmed: {
        subject: 'Réservation confirmée par l’hôte : {{visit}} le {{date}}',
        body: '« {{host}} » a confirmé la réservation du pôle « {{pole}} » pour la visite « {{visit}} » du {{date}}.',
      },
      declined: {
        subject: 'Réservation déclinée : {{visit}} le {{date}}',
        body: '« {{host}} » a décliné la réservation du pôle « {{pole}} » pour la visite « {{visit}} » du {{date}}.',
      },
      cancelledByHost: {
        subject: 'Réservation annulée par l’hôte : {{visit}} le {{date}}',
        body: '« {{host}} » a annulé la réservation du pôle « {{pole}} » pour la visite « {{visit}} » du {{date}}.',
      },
      cancelledByGuest: {
        subject: 'Réservation annulée : {{pole}}, {{visit}} le {{date}}',
        body: 'Le pôle « {{pole}} » a annulé sa réservation pour la visite « {{visit}} » du {{date}}. Les places libérées vont aux pôles en liste d’attente qui y tiennent.',
      },
      fill50: {
        subject: 'Votre visite « {{visit}} » est à moitié pleine',
        body: '{{taken}} places sur {{seats}} sont réservées pour la visite « {{visit}} » du {{date}}.',
      },
      fill80: {
        subject: 'Votre visite « {{visit}} » est pleine à 80 %',
        body: '{{taken}} places sur {{seats}} sont réservées pour la visite « {{visit}} » du {{date}}.',
      },
      fill100: {
        subject: 'Votre visite « {{visit}} » est complète',
        body: 'Les {{seats}} places de la visite « {{visit}} » du {{date}} sont réservées. Les nouvelles réservations vont sur la liste d’attente.',
      },
    },
  },
};
