import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { poles, regions, sectors, topics } from './directory';
import { users } from './people';
import { bytea, createdAt, id, tsvector } from './columns';

// ─── Marketplace: offers, requests, conversations ─────────────────────────

export const offerFormat = pgEnum('offer_format', ['learning_visit', 'remote_mentoring', 'workshop', 'twinning']);
export const offerReach = pgEnum('offer_reach', ['regional', 'national', 'european']);
export const offerState = pgEnum('offer_state', ['draft', 'published', 'paused', 'closed']);
export const requestState = pgEnum('request_state', ['open', 'in_progress', 'answered', 'closed']);
export const requestUrgency = pgEnum('request_urgency', ['low', 'medium', 'high']);

/**
 * The French full-text document of an offer or a request: title (weight A), the topic and sector
 * names copied into `keywords` by the app on every write (B), then the body (C). `fr_unaccent` is
 * the french configuration with unaccent, created by migration 0001, so "cooperation" finds
 * "coopération" on PGlite and PostgreSQL alike. Each part also holds its words with a hyphen or
 * an ampersand glued (« start-up » as « startup », « R&D » as « RD »), so that « startup » and
 * « R&D » find them (decision 020). Words are split on spaces, listed one by one: a regular
 * expression's classes would depend on each server's locale.
 */
const separators = ' \\t\\r\\n\\u00a0\\u202f';
const glued = (column: string) =>
  `regexp_replace(regexp_replace(coalesce(${column}, ''), '(^|[${separators}])[^-&${separators}]+(?=[${separators}]|$)', '\\1', 'g'), '[-&]', '', 'g')`;
const part = (column: string, weight: string) =>
  `setweight(to_tsvector('public.fr_unaccent', coalesce(${column}, '')) || to_tsvector('public.fr_unaccent', ${glued(column)}), '${weight}')`;
const searchDocument = (title: string, keywords: string, body: string) => sql.raw(`${part(title, 'A')} || ${part(keywords, 'B')} || ${part(body, 'C')}`);

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
    /** When it was last opened (created or reopened): a request unpaired 6 months after this is closed by a job. */
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Set when that job closed it (the desk offers to reopen it); cleared on reopening. */
    autoClosedAt: timestamp('auto_closed_at', { withTimezone: true, mode: 'date' }),
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
 * A live discussion thread (decision 019). A conversation between two poles about an offer or a
 * request (`initiatorPoleId` contacted `recipientPoleId`), a twinning's (`twinnings.thread_id`), a
 * learning visit's (`visits.thread_id`), or a topic of a forum (`subject_type` 'forum': a region's
 * when `regionCode` is set, the national one otherwise).
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
    /** Slow mode: one message per person per this many seconds, until `slowModeUntil` (coordinators are exempt). */
    slowModeSeconds: integer('slow_mode_seconds'),
    slowModeUntil: timestamp('slow_mode_until', { withTimezone: true, mode: 'date' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index().on(table.subjectType, table.regionCode, table.lastMessageAt),
    check('threads_slow_mode_range', sql`${table.slowModeSeconds} is null or ${table.slowModeSeconds} between 5 and 3600`),
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
    /**
     * The order of messages, for « everything after the last one I saw ». Messages of one thread
     * are written under its row lock, so within a thread a higher `seq` also committed later.
     */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** The idempotency key the author's browser sent: a retried send stores nothing twice. */
    clientKey: uuid('client_key'),
    hiddenAt: timestamp('hidden_at', { withTimezone: true, mode: 'date' }),
    /** Who hid it: 'reports' (three people reported it; pending review) or 'moderator'. */
    hiddenBy: text('hidden_by', { enum: ['reports', 'moderator'] }),
    hiddenById: uuid('hidden_by_id').references(() => users.id, { onDelete: 'set null' }),
    hiddenReason: text('hidden_reason'),
    /** When a coordinator last decided on its reports (hide or restore): it then leaves the queue. */
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [
    index().on(table.threadId, table.createdAt),
    uniqueIndex('messages_thread_seq_idx').on(table.threadId, table.seq),
    uniqueIndex('messages_author_key_idx').on(table.authorId, table.clientKey),
  ],
);

/**
 * What each person has read of a thread, and when they were last mailed about it: a digest lists
 * only what arrived after both, and never more than one mail per thread per quarter hour.
 */
export const threadReaders = pgTable(
  'thread_readers',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    /** The `seq` of the last message read: unread counts and « the page opens at the first unread ». */
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    mailedAt: timestamp('mailed_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [primaryKey({ columns: [table.userId, table.threadId] })],
);
