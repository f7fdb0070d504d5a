import type { Catalogue } from '../types';
import type conversations from '../fr/conversations';

export default {
  start: {
    offerTitle: 'Ask for support',
    requestTitle: 'Offer my help',
    offerIntro: 'Write to the pole “{{pole}}” to ask for its support on this offer.',
    requestIntro: 'Write to the pole “{{pole}}” to offer your help with its request.',
    subjectHeading: 'About',
    offerLabel: 'Offer',
    requestLabel: 'Request',
    pole: 'Pole',
    mailNote: 'The coordinators of “{{pole}}” will be notified by e-mail and will answer in the conversation.',
    existing: 'The pole “{{pole}}” already has a conversation about this: your message will be added to it.',
    openExisting: 'Open the conversation',
    formTitle: 'Your message',
    blocked: {
      noPole: 'To contact a pole, you must be a member of a pole registered on Erasmus PTCE. Ask your pole’s coordinator to invite you.',
      notVerified:
        'Your pole must be validated by its regional coordination before it can contact another pole. The “verified” badge shows on its profile once validated.',
      ownPole: 'You cannot contact your own pole: this offer or request is its own.',
    },
  },
  form: {
    pole: 'You are writing on behalf of',
    choosePole: 'Choose a pole',
    message: 'Message',
    messageHint: 'Between 20 and 5,000 characters.',
    send: 'Send the message',
  },
  errors: {
    poleRequired: 'Choose the pole you are writing for.',
    unknownPole: 'This pole does not exist. Choose one of your poles from the list.',
    messageRequired: 'Write your message.',
    messageTooShort: 'Your message must be at least 20 characters long.',
    messageTooLong: 'Your message cannot exceed 5,000 characters.',
    locked: 'This conversation was locked by the regional coordination: no one can write in it any more.',
  },
  list: {
    moderatorIntro: 'You coordinate a region: you read and moderate its poles’ discussions from their pages, the queue of reported messages and the forums.',
    forums: 'The forums',
    title: 'Conversations',
    intro: 'Exchanges between your poles and other poles about an offer or a request. Most recent first.',
    empty: 'No conversation yet. From an offer, choose “Ask for support”; from a request, “Offer my help”.',
    browseOffers: 'Browse offers',
    browseRequests: 'Browse requests',
    between: 'Between {{initiator}} and {{recipient}}',
    aboutOffer: 'Offer:',
    aboutRequest: 'Request:',
    subjectRemoved: 'is no longer online',
    lastMessage: 'Last message on {{date}}',
    messages_one: '{{count}} message',
    messages_other: '{{count}} messages',
    locked: 'Locked',
    total_one: '{{count}} conversation',
    total_other: '{{count}} conversations',
  },
  thread: {
    back: 'All conversations',
    initiator: 'Initiating pole',
    recipient: 'Contacted pole',
    subject: 'Subject',
    messagesTitle: 'Messages',
    hidden: 'Message hidden by moderation',
    deletedAuthor: 'Deleted account',
    unknownPole: 'deleted pole',
    sentBy: '{{author}}, for {{pole}}',
    replyTitle: 'Reply',
    locked: 'This conversation was locked by the regional coordination: no one can reply any more.',
  },
  notices: {
    started: 'Your message was sent to “{{pole}}”. Its coordinators are notified by e-mail.',
    replied: 'Your reply was sent.',
  },
  meta: { newTitle: 'New conversation' },
  mail: {
    greeting: 'Hello {{name}},',
    started: {
      offer: {
        subject: 'Support request from {{from}}: {{title}}',
        intro: '{{author}}, from “{{from}}”, asks “{{to}}” for support about the offer “{{title}}”.',
      },
      request: {
        subject: '{{from}} offers help: {{title}}',
        intro: '{{author}}, from “{{from}}”, offers help to “{{to}}” with the request “{{title}}”.',
      },
    },
    replied: {
      subject: 'New message from {{from}}: {{title}}',
      intro: '{{author}}, from “{{from}}”, wrote in the conversation “{{title}}”.',
    },
    quote: 'Their message: “{{body}}”',
    digest: {
      subject: '{{count}} new messages from {{from}}: {{title}}',
      intro: '{{count}} new messages from {{from}} in the conversation “{{title}}”:',
      item: '{{author}}, {{date}}: “{{body}}”',
      more: '… and {{count}} more messages, to read on the site.',
    },
    action: 'Read and reply',
    footer: 'You receive this e-mail because you coordinate the pole “{{to}}” on Erasmus PTCE.',
  },
  // ─── Proposing a learning visit from a conversation (issue 10) ───
  visitProposal: {
    link: 'Propose a visit',
  },
} satisfies Catalogue<typeof conversations>;
