import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);

// ─── Geography and coordination ────────────────────────────────────────────

/** A French region (INSEE code); `country` leaves room for European regions later. */
export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  overseas: boolean('overseas').notNull().default(false),
  country: text('country').notNull().default('FR'),
});

/** The instance that animates the programme in one or more regions (often the regional CRESS). */
export const regionalBodies = pgTable('regional_bodies', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** Each region is covered by at most one regional body. */
export const regionalBodyRegions = pgTable(
  'regional_body_regions',
  {
    regionalBodyId: uuid('regional_body_id')
      .notNull()
      .references(() => regionalBodies.id, { onDelete: 'cascade' }),
    regionCode: text('region_code')
      .notNull()
      .unique()
      .references(() => regions.code),
  },
  (table) => [primaryKey({ columns: [table.regionalBodyId, table.regionCode] })],
);

// ─── Reference vocabularies ───────────────────────────────────────────────

export const sectors = pgTable('sectors', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
});

export const topics = pgTable('topics', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description').notNull(),
});

// ─── Poles ────────────────────────────────────────────────────────────────

export const poleStatus = pgEnum('pole_status', ['active', 'inactive']);
export const poleMaturity = pgEnum('pole_maturity', ['emerging', 'consolidating', 'mature']);
export const poleAnimation = pgEnum('pole_animation', ['dedicated_team', 'carrying_structure', 'none']);

export const poles = pgTable(
  'poles',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    town: text('town').notNull(),
    departmentCode: text('department_code').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    status: poleStatus('status').notNull().default('active'),
    maturity: poleMaturity('maturity').notNull().default('emerging'),
    foundedYear: integer('founded_year'),
    memberCount: integer('member_count'),
    animation: poleAnimation('animation').notNull().default('none'),
    description: text('description').notNull().default(''),
    website: text('website'),
    /** Number in the 2021 report's list (section 1.1); null for poles created on the platform or fictional ones. */
    reportNumber: integer('report_number').unique(),
    /** Demo-only poles are flagged so they are never mistaken for real ones. */
    fictional: boolean('fictional').notNull().default(false),
    verifiedAt: timestamp('verified_at', { withTimezone: true, mode: 'date' }),
    verifiedById: uuid('verified_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('poles_region_idx').on(table.regionCode), index('poles_name_idx').on(table.name)],
);

export const poleSectors = pgTable(
  'pole_sectors',
  {
    poleId: uuid('pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    sectorSlug: text('sector_slug')
      .notNull()
      .references(() => sectors.slug),
  },
  (table) => [primaryKey({ columns: [table.poleId, table.sectorSlug] }), index().on(table.sectorSlug)],
);

// ─── People, sessions, roles ──────────────────────────────────────────────

export const users = pgTable('users', {
  id: id(),
  /** Stored lower-cased and trimmed. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  isNationalAdmin: boolean('is_national_admin').notNull().default(false),
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

// ─── Infrastructure ───────────────────────────────────────────────────────

/** Counters of rate-limiter-flexible's RateLimiterDrizzle, shared by every app process. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true, mode: 'date' }),
});

/** Mail kept locally when no SMTP server is configured (read at /dev/outbox). */
export const outbox = pgTable('outbox', {
  id: id(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html').notNull(),
  createdAt: createdAt(),
});

/** Who did what to which object, and why: pole validations now, moderation later. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    regionCode: text('region_code').references(() => regions.code),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.subjectType, table.subjectId), index().on(table.regionCode)],
);

// ─── Relations (for the relational query API) ─────────────────────────────

export const regionsRelations = relations(regions, ({ many, one }) => ({
  poles: many(poles),
  body: one(regionalBodyRegions, { fields: [regions.code], references: [regionalBodyRegions.regionCode] }),
}));

export const regionalBodiesRelations = relations(regionalBodies, ({ many }) => ({
  regions: many(regionalBodyRegions),
  coordinators: many(coordinatorAssignments),
}));

export const regionalBodyRegionsRelations = relations(regionalBodyRegions, ({ one }) => ({
  body: one(regionalBodies, { fields: [regionalBodyRegions.regionalBodyId], references: [regionalBodies.id] }),
  region: one(regions, { fields: [regionalBodyRegions.regionCode], references: [regions.code] }),
}));

export const polesRelations = relations(poles, ({ one, many }) => ({
  region: one(regions, { fields: [poles.regionCode], references: [regions.code] }),
  sectors: many(poleSectors),
  memberships: many(poleMemberships),
}));

export const poleSectorsRelations = relations(poleSectors, ({ one }) => ({
  pole: one(poles, { fields: [poleSectors.poleId], references: [poles.id] }),
  sector: one(sectors, { fields: [poleSectors.sectorSlug], references: [sectors.slug] }),
}));

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(poleMemberships),
  coordinatorAssignments: many(coordinatorAssignments),
  sessions: many(sessions),
}));

export const poleMembershipsRelations = relations(poleMemberships, ({ one }) => ({
  user: one(users, { fields: [poleMemberships.userId], references: [users.id] }),
  pole: one(poles, { fields: [poleMemberships.poleId], references: [poles.id] }),
}));

export const coordinatorAssignmentsRelations = relations(coordinatorAssignments, ({ one }) => ({
  user: one(users, { fields: [coordinatorAssignments.userId], references: [users.id] }),
  body: one(regionalBodies, {
    fields: [coordinatorAssignments.regionalBodyId],
    references: [regionalBodies.id],
  }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const invitationsRelations = relations(invitations, ({ one }) => ({
  pole: one(poles, { fields: [invitations.poleId], references: [poles.id] }),
  body: one(regionalBodies, { fields: [invitations.regionalBodyId], references: [regionalBodies.id] }),
  invitedBy: one(users, { fields: [invitations.invitedById], references: [users.id] }),
}));
