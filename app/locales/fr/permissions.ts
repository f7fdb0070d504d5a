/** Why an action is refused, one sentence per reason code of `can()` (app/utils/permissions.server.ts). */
export default {
  reasons: {
    'not-signed-in': 'Connectez-vous pour faire cette action.',
    'not-member': 'Cette action est réservée aux membres du pôle concerné.',
    'no-pole': 'Vous n’êtes membre d’aucun pôle : cette action se fait au nom d’un pôle.',
    'not-pole-admin': 'Cette action est réservée aux animatrices et animateurs du pôle.',
    'pole-not-validated':
      'Votre pôle n’est pas (ou plus) validé par sa coordination régionale : vous pouvez encore modifier vos annonces ou les retirer, mais pas les rendre publiques ni contacter d’autres pôles. Demandez à la coordination de votre région de valider le pôle.',
    'own-pole': 'Cette annonce est celle de votre pôle : vous ne pouvez pas vous contacter vous-même.',
    'not-in-conversation': 'Votre pôle ne participe pas à cette conversation.',
    'not-coordinator': 'Cette action est réservée à la coordination régionale.',
    'other-region': 'Cette action revient à la coordination d’une autre région.',
    'not-national-admin': 'Cette action est réservée à l’administration nationale.',
    'not-national-council': 'Les chiffres nationaux sont réservés au conseil national et à l’administration nationale.',
  },
};
