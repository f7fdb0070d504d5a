import type { Catalogue } from '../types';
import type french from '../fr/visits';

export default {
  metaTitle: 'Learning visits',
  bookingStates: {
    pending: 'Awaiting confirmation',
    confirmed: 'Confirmed',
    waiting: 'On the waiting list',
    cancelled: 'Cancelled',
    declined: 'Declined',
  },
  refusals: {
    ownPole: 'A cluster cannot book its own visit.',
    alreadyBooked: 'Your cluster already has a booking for this visit.',
    deadlinePassed: 'The booking deadline has passed.',
    visitPast: 'This visit has already taken place.',
    visitCancelled: 'This visit is cancelled.',
    tooManyParticipants: 'There are more participants than seats for this visit.',
  },
  errors: {
    poleRequired: 'Choose the cluster you are booking for.',
    participantsRequired: 'Name at least one participant.',
    participantRequired: 'Enter the participant’s name.',
    participantTooLong: 'A name has at most 120 characters.',
    tooManyParticipants: 'There are more participants than seats for this visit (at most 50 per booking).',
    reasonRequired: 'Give a reason.',
    reasonTooShort: 'The reason has at least 5 characters.',
    reasonTooLong: 'The reason has at most 500 characters.',
  },
  mail: {
    greeting: 'Hello {{name}},',
    action: 'See the visit',
    reason: 'Reason: “{{reason}}”',
    leave: 'To leave the waiting list, at any time: {{leaveUrl}}',
    guestFooter: 'You receive this message because you run the cluster “{{pole}}”, which booked this visit.',
    hostFooter: 'You receive this message because you run the cluster “{{host}}”, which hosts this visit.',
    kinds: {
      confirmed: {
        subject: 'Booking confirmed: {{visit}} on {{date}}',
        body: 'The booking of the cluster “{{pole}}” for the visit “{{visit}}” at “{{host}}” on {{date}} is confirmed, for {{seats}} participant(s).',
      },
      pending: {
        subject: 'Booking received: {{visit}} on {{date}}',
        body: 'The booking of the cluster “{{pole}}” for the visit “{{visit}}” on {{date}} is recorded: {{seats}} seat(s) are held for you until “{{host}}” confirms it.',
      },
      waiting: {
        subject: 'Waiting list: {{visit}} on {{date}}',
        body: 'The visit “{{visit}}” on {{date}} is full: the cluster “{{pole}}” is on the waiting list, in position {{position}}. As soon as enough seats are freed, your booking goes through and you are told.',
      },
      promoted: {
        subject: 'A seat was freed: {{visit}} on {{date}}',
        body: 'Seats were freed for the visit “{{visit}}” on {{date}}: the booking of the cluster “{{pole}}” leaves the waiting list and is confirmed, for {{seats}} participant(s).',
      },
      promotedPending: {
        subject: 'A seat was freed: {{visit}} on {{date}}',
        body: 'Seats were freed for the visit “{{visit}}” on {{date}}: the booking of the cluster “{{pole}}” leaves the waiting list; its {{seats}} seat(s) are held until “{{host}}” confirms it.',
      },
      hostConfirmed: {
        subject: 'Booking confirmed by the host: {{visit}} on {{date}}',
        body: '“{{host}}” confirmed the booking of the cluster “{{pole}}” for the visit “{{visit}}” on {{date}}.',
      },
      declined: {
        subject: 'Booking declined: {{visit}} on {{date}}',
        body: '“{{host}}” declined the booking of the cluster “{{pole}}” for the visit “{{visit}}” on {{date}}.',
      },
      cancelledByHost: {
        subject: 'Booking cancelled by the host: {{visit}} on {{date}}',
        body: '“{{host}}” cancelled the booking of the cluster “{{pole}}” for the visit “{{visit}}” on {{date}}.',
      },
      cancelledByGuest: {
        subject: 'Booking cancelled: {{pole}}, {{visit}} on {{date}}',
        body: 'The cluster “{{pole}}” cancelled its booking for the visit “{{visit}}” on {{date}}. The freed seats go to the waiting clusters they fit.',
      },
      fill50: {
        subject: 'Your visit “{{visit}}” is half full',
        body: '{{taken}} of {{seats}} seats are booked for the visit “{{visit}}” on {{date}}.',
      },
      fill80: {
        subject: 'Your visit “{{visit}}” is 80% full',
        body: '{{taken}} of {{seats}} seats are booked for the visit “{{visit}}” on {{date}}.',
      },
      fill100: {
        subject: 'Your visit “{{visit}}” is full',
        body: 'All {{seats}} seats of the visit “{{visit}}” on {{date}} are booked. New bookings go to the waiting list.',
      },
    },
  },
} satisfies Catalogue<typeof french>;
