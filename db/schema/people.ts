import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { poles, regionalBodies, regions } from './directory';
import { createdAt, id } from './columns';

// ─── People, sessions, roles ──────────────────────────────────────────────

export const users = pgTable('users', {
  id: id(),
  /** Stored lower-cased and trimmed. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  isNationalAdmin: boolean('is_national_admin').notNull().default(false),
  /** The national council: reads the figures of every region, moderates nothing. */
  isNationalObserver: boolean('is_national_observer').notNull().default(false),
  /** The person's language: pages after sign-in and every mail sent to them. */
  language: text('language', { enum: ['fr', 'en'] })
    .notNull()
    .default('fr'),
  createdAt: createdAt(),
});

/** `id` is the SHA-256 of the cookie token: a leaked table opens no session. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    userAgent: text('user_agent'),
  },
  (table) => [index().on(table.userId)],
);

export const membershipRole = pgEnum('membership_role', ['member', 'admin']);

export const poleMemberships = pgTable(
  'pole_memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    poleId: uuid('pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    role: membershipRole('role').notNull().default('member'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.poleId] }), index().on(table.poleId)],
);

export const coordinatorAssignments = pgTable(
  'coordinator_assignments',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    regionalBodyId: uuid('regional_body_id')
      .notNull()
      .references(() => regionalBodies.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.regionalBodyId] })],
);

export const invitationRole = pgEnum('invitation_role', ['coordinator', 'pole_admin', 'pole_member']);

/** Single-use, expiring invitation; only the SHA-256 of the link's token is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    email: text('email').notNull(),
    role: invitationRole('role').notNull(),
    regionalBodyId: uuid('regional_body_id').references(() => regionalBodies.id, { onDelete: 'cascade' }),
    poleId: uuid('pole_id').references(() => poles.id, { onDelete: 'cascade' }),
    invitedById: uuid('invited_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    acceptedById: uuid('accepted_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.poleId), index().on(table.regionalBodyId)],
);

/** Single-use password reset link; only the token's SHA-256 is stored. */
export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

/**
 * pending → accepted (the coordinator created the pole and invited the contact as its admin) or
 * declined (with a reason the contact is told). See app/domain/poles/applications.ts.
 */
export const poleApplicationState = pgEnum('pole_application_state', ['pending', 'accepted', 'declined']);

/** « Inscrire mon pôle »: a request to join, sent by anyone, that lands on the region's coordination desk. */
export const poleApplications = pgTable(
  'pole_applications',
  {
    id: id(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    poleName: text('pole_name').notNull(),
    town: text('town').notNull(),
    /** The town's postal code: gives the pole's department. */
    postalCode: text('postal_code').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    description: text('description').notNull(),
    website: text('website'),
    state: poleApplicationState('state').notNull().default('pending'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedById: uuid('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** Why it was declined (sent to the contact). */
    decisionNote: text('decision_note'),
    /** The pole created on acceptance, and the invitation sent to the contact. */
    poleId: uuid('pole_id').references(() => poles.id, { onDelete: 'set null' }),
    invitationId: uuid('invitation_id').references(() => invitations.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    index().on(table.regionCode, table.state, table.createdAt),
    // The same contact cannot file the same pole twice while the first request waits.
    uniqueIndex('pole_applications_pending_idx')
      .on(sql`lower(${table.contactEmail})`, sql`lower(${table.poleName})`)
      .where(sql`state = 'pending'`),
  ],
);
