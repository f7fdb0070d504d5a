import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
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
    /** Public contact (an e-mail address or a phone number) shown on the profile. */
    publicContact: text('public_contact'),
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

// ─── Marketplace: offers, requests, conversations ─────────────────────────

/** Maintained by PostgreSQL itself (a generated column); never written by the app. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const offerFormat = pgEnum('offer_format', ['learning_visit', 'remote_mentoring', 'workshop', 'twinning']);
export const offerReach = pgEnum('offer_reach', ['regional', 'national', 'european']);
export const offerState = pgEnum('offer_state', ['draft', 'published', 'paused', 'closed']);
export const requestState = pgEnum('request_state', ['open', 'in_progress', 'answered', 'closed']);
export const requestUrgency = pgEnum('request_urgency', ['low', 'medium', 'high']);

/**
 * The French full-text document of an offer or a request: title (weight A), the topic and sector
 * names copied into `keywords` by the app on every write (B), then the body (C). `fr_unaccent` is
 * the french configuration with unaccent, created by migration 0001, so "cooperation" finds
 * "coopération" on PGlite and PostgreSQL alike.
 */
const searchDocument = (title: string, keywords: string, body: string) =>
  sql.raw(
    `setweight(to_tsvector('public.fr_unaccent', coalesce(${title}, '')), 'A') || ` +
      `setweight(to_tsvector('public.fr_unaccent', coalesce(${keywords}, '')), 'B') || ` +
      `setweight(to_tsvector('public.fr_unaccent', coalesce(${body}, '')), 'C')`,
  );

export const offers = pgTable(
  'offers',
  {
    id: id(),
    poleId: uuid('pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    formats: offerFormat('formats').array().notNull(),
    reach: offerReach('reach').notNull(),
    languages: text('languages').array().notNull(),
    /** How many poles the offering pole can help at once. */
    capacity: integer('capacity').notNull(),
    state: offerState('state').notNull().default('draft'),
    keywords: text('keywords').notNull().default(''),
    search: tsvector('search').generatedAlwaysAs(searchDocument('title', 'keywords', 'description')),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index('offers_search_idx').using('gin', table.search),
    index('offers_state_published_idx').on(table.state, table.publishedAt),
    index().on(table.poleId),
  ],
);

export const offerTopics = pgTable(
  'offer_topics',
  {
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    topicSlug: text('topic_slug')
      .notNull()
      .references(() => topics.slug),
  },
  // (topic, offer) lets a topic filter read only the index.
  (table) => [primaryKey({ columns: [table.offerId, table.topicSlug] }), index().on(table.topicSlug, table.offerId)],
);

export const offerSectors = pgTable(
  'offer_sectors',
  {
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    sectorSlug: text('sector_slug')
      .notNull()
      .references(() => sectors.slug),
  },
  (table) => [primaryKey({ columns: [table.offerId, table.sectorSlug] }), index().on(table.sectorSlug, table.offerId)],
);

/** A pole's need (« demande »): what it asks help for. */
export const requests = pgTable(
  'requests',
  {
    id: id(),
    poleId: uuid('pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    context: text('context').notNull(),
    preferredFormats: offerFormat('preferred_formats').array().notNull(),
    urgency: requestUrgency('urgency').notNull().default('medium'),
    state: requestState('state').notNull().default('open'),
    keywords: text('keywords').notNull().default(''),
    search: tsvector('search').generatedAlwaysAs(searchDocument('title', 'keywords', 'context')),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index('requests_search_idx').using('gin', table.search),
    index('requests_state_updated_idx').on(table.state, table.updatedAt),
    index().on(table.poleId),
  ],
);

export const requestTopics = pgTable(
  'request_topics',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    topicSlug: text('topic_slug')
      .notNull()
      .references(() => topics.slug),
  },
  (table) => [primaryKey({ columns: [table.requestId, table.topicSlug] }), index().on(table.topicSlug)],
);

export const requestSectors = pgTable(
  'request_sectors',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    sectorSlug: text('sector_slug')
      .notNull()
      .references(() => sectors.slug),
  },
  (table) => [primaryKey({ columns: [table.requestId, table.sectorSlug] }), index().on(table.sectorSlug)],
);

/** The pole's logo, kept in the database so every app process serves the same file. */
export const poleLogos = pgTable('pole_logos', {
  poleId: uuid('pole_id')
    .primaryKey()
    .references(() => poles.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const threadSubject = pgEnum('thread_subject', ['offer', 'request', 'pairing', 'visit', 'forum']);

/**
 * A discussion. For now: a conversation between two poles about an offer or a request
 * (`initiatorPoleId` contacted `recipientPoleId`); live threads and forums will reuse it.
 */
export const threads = pgTable(
  'threads',
  {
    id: id(),
    subjectType: threadSubject('subject_type').notNull(),
    offerId: uuid('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'set null' }),
    initiatorPoleId: uuid('initiator_pole_id').references(() => poles.id, { onDelete: 'cascade' }),
    recipientPoleId: uuid('recipient_pole_id').references(() => poles.id, { onDelete: 'cascade' }),
    /** The region whose body moderates the thread. */
    regionCode: text('region_code').references(() => regions.code),
    title: text('title').notNull(),
    lockedAt: timestamp('locked_at', { withTimezone: true, mode: 'date' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index().on(table.initiatorPoleId, table.lastMessageAt),
    index().on(table.recipientPoleId, table.lastMessageAt),
    // One conversation per pair of poles and subject: contacting again adds to it.
    uniqueIndex('threads_offer_pair_idx').on(table.offerId, table.initiatorPoleId),
    uniqueIndex('threads_request_pair_idx').on(table.requestId, table.initiatorPoleId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The pole the author spoke for. */
    authorPoleId: uuid('author_pole_id').references(() => poles.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.threadId, table.createdAt)],
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
