/**
 * A pole's ask for a twinning, and what the follow-up job does on its own (expired proposals,
 * requests closed for want of a twinning, their reopening): the page, its notices and the mails.
 */
export default {
  metaTitle: 'Demander un jumelage',
  ask: {
    link: 'Demander un jumelage',
    linkWith: 'Demander un jumelage avec « {{pole}} »',
    title: 'Demander un jumelage avec « {{pole}} »',
    intro:
      'Un jumelage, ce sont plusieurs mois de transfert de savoir-faire entre un pôle qui accompagne et un pôle accompagné. Votre pôle demande à la coordination régionale d’étudier ce jumelage ; si elle le retient, elle le propose aux deux pôles, qui l’acceptent ou non.',
    back: 'Retour à la page du pôle',
    pairTitle: 'Le jumelage demandé',
    asking: 'Pôle qui demande',
    withPole: 'Pôle demandé',
    mentor: 'Accompagnerait',
    mentee: 'Serait accompagné',
    desk: 'Coordination qui reçoit la demande',
    informed: 'Coordination informée',
    coordinationOf: '{{body}} (région {{region}})',
    noBody: 'la coordination de la région {{region}}',
    sidesNote: 'Le pôle le plus mature accompagne l’autre ; la demande arrive chez la coordination de la région du pôle accompagné.',
    formTitle: 'Votre demande',
    fromPole: 'Au nom du pôle',
    choosePole: 'Choisissez le pôle qui demande',
    message: 'Votre message à la coordination',
    messageHint: 'Ce que vous attendez de ce jumelage et pourquoi ce pôle (10 caractères au moins, 2 000 au plus).',
    submit: 'Envoyer la demande à la coordination',
    seeTwinning: 'Voir le jumelage',
    blocked: {
      noPole: 'Seul un pôle peut demander un jumelage : votre compte n’est membre d’aucun autre pôle que celui-ci.',
      notVerified: 'Votre pôle doit d’abord être validé par sa coordination régionale pour demander un jumelage.',
      ownPole: 'Un pôle ne peut pas demander un jumelage avec lui-même.',
    },
  },
  notices: {
    asked: 'Votre demande de jumelage avec « {{pole}} » a été transmise à la coordination régionale.',
    reopened: 'La demande « {{title}} » est rouverte.',
    notReopenable: 'La demande « {{title}} » n’a pas été fermée faute de jumelage : elle ne peut pas être rouverte ici.',
  },
  errors: {
    alreadyAsked: 'Une demande de jumelage entre ces deux pôles attend déjà la coordination.',
    alreadyPaired: 'Ces deux pôles ont déjà un jumelage proposé ou en cours.',
  },
  mail: {
    greeting: 'Bonjour {{name}},',
    quote: 'Son message : « {{message}} »',
    askReceived: {
      subject: 'Demande de jumelage : {{mentee}} et {{mentor}}',
      intro: '{{author}}, pour le pôle « {{from}} », demande un jumelage entre « {{mentor}} » (pôle qui accompagnerait) et « {{mentee}} » (pôle accompagné).',
      next: 'La demande attend sur votre bureau de coordination : vous pouvez proposer ce jumelage aux deux pôles ou écarter la demande.',
      action: 'Ouvrir le bureau de coordination',
      footer: 'Vous recevez cet e-mail parce que vous coordonnez la région {{region}} sur Erasmus PTCE.',
    },
    askForInformation: {
      subject: 'Pour information : demande de jumelage entre {{mentee}} et {{mentor}}',
      intro: '{{author}}, pour le pôle « {{from}} », demande un jumelage entre « {{mentor}} » (pôle qui accompagnerait) et « {{mentee}} » (pôle accompagné).',
      next: 'Un pôle de votre région y prend part ; c’est la coordination de la région {{deskRegion}}, celle du pôle accompagné, qui traite la demande.',
      action: 'Voir le pôle « {{other}} »',
      footer: 'Vous recevez cet e-mail parce que vous coordonnez la région {{region}} sur Erasmus PTCE.',
    },
    proposalExpired: {
      subject: 'Proposition de jumelage expirée : {{mentee}} et {{mentor}}',
      intro:
        'La proposition de jumelage entre « {{mentor}} » (pôle qui accompagne) et « {{mentee}} » (pôle accompagné), faite le {{proposedAt}}, n’a pas reçu l’accord des deux pôles en {{days}} jours : elle a expiré.',
      next: 'Si le jumelage vous intéresse toujours, parlez-en à votre coordination régionale, qui pourra le proposer de nouveau.',
      action: 'Voir le jumelage',
      footer: 'Vous recevez cet e-mail parce que vous animez l’un des deux pôles ou coordonnez leur région sur Erasmus PTCE.',
    },
    requestClosed: {
      subject: 'Votre demande « {{title}} » a été fermée',
      intro: 'La demande « {{title}} » de votre pôle « {{pole}} », ouverte le {{openedAt}}, n’a trouvé aucun jumelage en {{months}} mois : elle a été fermée.',
      next: 'Si le besoin demeure, votre coordination régionale peut la rouvrir ; vous pouvez aussi publier une nouvelle demande.',
      action: 'Voir la demande',
      footer: 'Vous recevez cet e-mail parce que vous animez le pôle « {{pole}} » sur Erasmus PTCE.',
    },
    requestClosedCoordinator: {
      subject: 'Demande fermée faute de jumelage : {{title}} ({{pole}})',
      intro: 'La demande « {{title}} » du pôle « {{pole}} », ouverte le {{openedAt}}, n’a trouvé aucun jumelage en {{months}} mois : elle a été fermée.',
      next: 'Vous pouvez la rouvrir depuis votre bureau de coordination si le pôle en a toujours besoin.',
      action: 'Ouvrir le bureau de coordination',
      footer: 'Vous recevez cet e-mail parce que vous coordonnez la région {{region}} sur Erasmus PTCE.',
    },
    requestReopened: {
      subject: 'Votre demande « {{title}} » est rouverte',
      intro: '{{author}}, de votre coordination régionale, a rouvert la demande « {{title}} » de votre pôle « {{pole}} ».',
      next: 'Elle est de nouveau visible et la coordination cherche un pôle pour vous accompagner.',
      action: 'Voir la demande',
      footer: 'Vous recevez cet e-mail parce que vous animez le pôle « {{pole}} » sur Erasmus PTCE.',
    },
  },
};
