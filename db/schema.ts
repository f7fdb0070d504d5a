/**
 * The data model, one file per domain: directory (regions, bodies, vocabularies, poles), people
 * (accounts, sessions, roles, invitations), infrastructure (rate limits, outbox, audit log),
 * marketplace (offers, requests, logos, threads, messages), pairing (twinnings, their goals,
 * evaluations and asks), visits (learning visits, bookings, participants, feedback, calendar feeds), moderation (reports,
 * mutes, mentions) and the relations between them.
 */
export * from './schema/directory';
export * from './schema/people';
export * from './schema/infrastructure';
export * from './schema/marketplace';
export * from './schema/pairing';
export * from './schema/visits';
export * from './schema/moderation';
export * from './schema/relations';
