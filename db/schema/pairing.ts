import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { poles, regions, topics } from './directory';
import { requests, threads } from './marketplace';
import { users } from './people';
import { createdAt, id } from './columns';

// ─── Pairing (jumelage) ───────────────────────────────────────────────────

/** The topics a pole can pass on as the mentoring side (its capacity is `poles.mentoring_capacity`). */
export const poleMentoringTopics = pgTable(
  'pole_mentoring_topics',
  {
    poleId: uuid('pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    topicSlug: text('topic_slug')
      .notNull()
      .references(() => topics.slug),
  },
  (table) => [primaryKey({ columns: [table.poleId, table.topicSlug] }), index().on(table.topicSlug)],
);

/** A region's overrides of the matching weights (app/domain/pairing/scoring.ts has the defaults). */
export const regionPairingWeights = pgTable('region_pairing_weights', {
  regionCode: text('region_code')
    .primaryKey()
    .references(() => regions.code),
  weights: jsonb('weights').$type<Record<string, number>>().notNull().default({}),
  updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * proposed → active (both pole admins accepted) → completed (a side closed it with its evaluation),
 * or declined (by a side, with a reason), expired (unanswered after 30 days), cancelled (by the
 * coordinator, with a reason). See app/domain/pairing/lifecycle.ts.
 */
export const twinningState = pgEnum('twinning_state', ['proposed', 'active', 'completed', 'declined', 'expired', 'cancelled']);

export const twinnings = pgTable(
  'twinnings',
  {
    id: id(),
    mentorPoleId: uuid('mentor_pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    menteePoleId: uuid('mentee_pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    /** The request it answers, if any: in progress while active, answered once completed. */
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'set null' }),
    /** The emerging (mentee) pole's region: whose desk follows it. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    state: twinningState('state').notNull().default('proposed'),
    /** The coordinator's message with the proposal. */
    message: text('message').notNull().default(''),
    /** The score and its explanation when proposed (what the coordinator read). */
    score: doublePrecision('score'),
    reasons: jsonb('reasons').$type<unknown[]>().notNull().default([]),
    proposedById: uuid('proposed_by_id').references(() => users.id, { onDelete: 'set null' }),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** An unanswered proposal expires then (a job). */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    mentorAcceptedAt: timestamp('mentor_accepted_at', { withTimezone: true, mode: 'date' }),
    mentorAcceptedById: uuid('mentor_accepted_by_id').references(() => users.id, { onDelete: 'set null' }),
    menteeAcceptedAt: timestamp('mentee_accepted_at', { withTimezone: true, mode: 'date' }),
    menteeAcceptedById: uuid('mentee_accepted_by_id').references(() => users.id, { onDelete: 'set null' }),
    activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }),
    /** When it was completed, declined, expired or cancelled; by whom and why (decline, cancel). */
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    endedById: uuid('ended_by_id').references(() => users.id, { onDelete: 'set null' }),
    endReason: text('end_reason'),
    /** The conversation between the two poles, opened on activation. */
    threadId: uuid('thread_id').references(() => threads.id, { onDelete: 'set null' }),
    /** Shared notes, written by either pole. */
    notes: text('notes').notNull().default(''),
    notesUpdatedAt: timestamp('notes_updated_at', { withTimezone: true, mode: 'date' }),
    notesUpdatedById: uuid('notes_updated_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** Each pole's consent to the twinning being shown on public pages; it is shown only when both consent. */
    mentorShowsPublicly: boolean('mentor_shows_publicly').notNull().default(false),
    menteeShowsPublicly: boolean('mentee_shows_publicly').notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [
    index().on(table.mentorPoleId, table.state),
    index().on(table.menteePoleId, table.state),
    index().on(table.regionCode, table.state),
    index().on(table.requestId),
    index().on(table.state, table.expiresAt),
    // One open twinning (proposed or active) per pair of poles: proposing twice is refused by the database too.
    uniqueIndex('twinnings_open_pair_idx')
      .on(table.mentorPoleId, table.menteePoleId)
      .where(sql`state in ('proposed', 'active')`),
    check('twinnings_distinct_poles', sql`${table.mentorPoleId} <> ${table.menteePoleId}`),
  ],
);

/** The checklist of an active twinning: goals with a due date, ticked by either pole. */
export const twinningGoals = pgTable(
  'twinning_goals',
  {
    id: id(),
    twinningId: uuid('twinning_id')
      .notNull()
      .references(() => twinnings.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    doneById: uuid('done_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.twinningId, table.dueOn)],
);

export const goalsReached = pgEnum('goals_reached', ['yes', 'partly', 'no']);

/** Each side's closing evaluation; a mentor's average rating feeds the matching's `evaluations` criterion. */
export const twinningEvaluations = pgTable(
  'twinning_evaluations',
  {
    twinningId: uuid('twinning_id')
      .notNull()
      .references(() => twinnings.id, { onDelete: 'cascade' }),
    poleId: uuid('pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    goalsReached: goalsReached('goals_reached').notNull(),
    rating: smallint('rating').notNull(),
    learned: text('learned').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.twinningId, table.poleId] }), check('twinning_evaluations_rating', sql`${table.rating} between 1 and 5`)],
);

export const twinningAskState = pgEnum('twinning_ask_state', ['open', 'proposed', 'dismissed']);

/**
 * A pole asks its coordinator for a twinning with a named pole. It lands on the desk of the
 * mentee's region; the mentor's region's coordinators are told when the regions differ.
 */
export const twinningAsks = pgTable(
  'twinning_asks',
  {
    id: id(),
    fromPoleId: uuid('from_pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    mentorPoleId: uuid('mentor_pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    menteePoleId: uuid('mentee_pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    message: text('message').notNull(),
    state: twinningAskState('state').notNull().default('open'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    handledAt: timestamp('handled_at', { withTimezone: true, mode: 'date' }),
    handledById: uuid('handled_by_id').references(() => users.id, { onDelete: 'set null' }),
    twinningId: uuid('twinning_id').references(() => twinnings.id, { onDelete: 'set null' }),
  },
  (table) => [
    index().on(table.regionCode, table.state),
    // One open ask per pair of poles.
    uniqueIndex('twinning_asks_open_pair_idx')
      .on(table.mentorPoleId, table.menteePoleId)
      .where(sql`state = 'open'`),
  ],
);
