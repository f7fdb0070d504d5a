import type { Catalogue } from '../types';
import type french from '../fr/follow-up';

export default {
  metaTitle: 'Ask for a twinning',
  ask: {
    link: 'Ask for a twinning',
    linkWith: 'Ask for a twinning with “{{pole}}”',
    title: 'Ask for a twinning with “{{pole}}”',
    intro:
      'A twinning is several months of know-how transfer between a mentoring pole and a mentored one. Your pole asks the regional coordination to consider this twinning; if it agrees, it proposes the twinning to both poles, which accept it or not.',
    back: 'Back to the pole’s page',
    pairTitle: 'The twinning asked for',
    asking: 'Pole asking',
    withPole: 'Pole asked for',
    mentor: 'Would mentor',
    mentee: 'Would be mentored',
    desk: 'Coordination receiving the ask',
    informed: 'Coordination informed',
    coordinationOf: '{{body}} ({{region}} region)',
    noBody: 'the coordination of the {{region}} region',
    sidesNote: 'The more mature pole mentors the other; the ask goes to the coordination of the mentored pole’s region.',
    formTitle: 'Your ask',
    fromPole: 'On behalf of the pole',
    choosePole: 'Choose the pole asking',
    message: 'Your message to the coordination',
    messageHint: 'What you expect from this twinning and why this pole (10 to 2,000 characters).',
    submit: 'Send the ask to the coordination',
    seeTwinning: 'See the twinning',
    blocked: {
      noPole: 'Only a pole may ask for a twinning: your account belongs to no pole other than this one.',
      notVerified: 'Your pole must first be validated by its regional coordination to ask for a twinning.',
      ownPole: 'A pole cannot ask for a twinning with itself.',
    },
  },
  notices: {
    asked: 'Your ask for a twinning with “{{pole}}” has been sent to the regional coordination.',
    reopened: 'The request “{{title}}” is open again.',
    notReopenable: 'The request “{{title}}” was not closed for want of a twinning: it cannot be reopened here.',
  },
  errors: {
    alreadyAsked: 'An ask for a twinning between these two poles is already waiting for the coordination.',
    alreadyPaired: 'These two poles already have a proposed or active twinning.',
  },
  mail: {
    greeting: 'Hello {{name}},',
    quote: 'Their message: “{{message}}”',
    askReceived: {
      subject: 'Twinning ask: {{mentee}} and {{mentor}}',
      intro: '{{author}}, for the pole “{{from}}”, asks for a twinning between “{{mentor}}” (mentoring pole) and “{{mentee}}” (mentored pole).',
      next: 'The ask is waiting on your coordination desk: you may propose this twinning to both poles or set the ask aside.',
      action: 'Open the coordination desk',
      footer: 'You receive this e-mail because you coordinate the {{region}} region on Erasmus PTCE.',
    },
    askForInformation: {
      subject: 'For information: twinning ask between {{mentee}} and {{mentor}}',
      intro: '{{author}}, for the pole “{{from}}”, asks for a twinning between “{{mentor}}” (mentoring pole) and “{{mentee}}” (mentored pole).',
      next: 'A pole of your region takes part; the coordination of the {{deskRegion}} region, the mentored pole’s, handles the ask.',
      action: 'See the pole “{{other}}”',
      footer: 'You receive this e-mail because you coordinate the {{region}} region on Erasmus PTCE.',
    },
    proposalExpired: {
      subject: 'Twinning proposal expired: {{mentee}} and {{mentor}}',
      intro:
        'The twinning proposal between “{{mentor}}” (mentoring pole) and “{{mentee}}” (mentored pole), made on {{proposedAt}}, was not accepted by both poles within {{days}} days: it has expired.',
      next: 'If the twinning still interests you, talk to your regional coordination, which may propose it again.',
      action: 'See the twinning',
      footer: 'You receive this e-mail because you run one of the two poles or coordinate their region on Erasmus PTCE.',
    },
    requestClosed: {
      subject: 'Your request “{{title}}” has been closed',
      intro: 'The request “{{title}}” of your pole “{{pole}}”, opened on {{openedAt}}, found no twinning in {{months}} months: it has been closed.',
      next: 'If the need remains, your regional coordination may reopen it; you may also publish a new request.',
      action: 'See the request',
      footer: 'You receive this e-mail because you run the pole “{{pole}}” on Erasmus PTCE.',
    },
    requestClosedCoordinator: {
      subject: 'Request closed for want of a twinning: {{title}} ({{pole}})',
      intro: 'The request “{{title}}” of the pole “{{pole}}”, opened on {{openedAt}}, found no twinning in {{months}} months: it has been closed.',
      next: 'You may reopen it from your coordination desk if the pole still needs it.',
      action: 'Open the coordination desk',
      footer: 'You receive this e-mail because you coordinate the {{region}} region on Erasmus PTCE.',
    },
    requestReopened: {
      subject: 'Your request “{{title}}” is open again',
      intro: '{{author}}, of your regional coordination, reopened the request “{{title}}” of your pole “{{pole}}”.',
      next: 'It is visible again and the coordination is looking for a pole to mentor you.',
      action: 'See the request',
      footer: 'You receive this e-mail because you run the pole “{{pole}}” on Erasmus PTCE.',
    },
  },
} satisfies Catalogue<typeof french>;
