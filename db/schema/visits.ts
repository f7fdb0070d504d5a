import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { poles, topics } from './directory';
import { offers, threads } from './marketplace';
import { twinnings } from './pairing';
import { users } from './people';
import { createdAt, id } from './columns';

// ─── Learning visits (visites apprenantes) ────────────────────────────────

export const visitState = pgEnum('visit_state', ['scheduled', 'cancelled']);
/** Whether a booking with seats left is confirmed at once or waits for the host. */
export const visitBookingMode = pgEnum('visit_booking_mode', ['instant', 'host_confirms']);
export const visitCosts = pgEnum('visit_costs', ['free', 'travel_covered', 'participants_pay']);

/** A day when a pole opens its doors. Times are stored in UTC and shown in Europe/Paris. */
export const visits = pgTable(
  'visits',
  {
    id: id(),
    /** The host. */
    poleId: uuid('pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    offerId: uuid('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    /** An active twinning the visit belongs to, shown on its page. */
    twinningId: uuid('twinning_id').references(() => twinnings.id, { onDelete: 'set null' }),
    /** The visit's discussion thread (host and booked poles), opened on first use. */
    threadId: uuid('thread_id').references(() => threads.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    programme: text('programme').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    address: text('address').notNull(),
    town: text('town').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    seats: integer('seats').notNull(),
    bookingDeadline: timestamp('booking_deadline', { withTimezone: true, mode: 'date' }).notNull(),
    bookingMode: visitBookingMode('booking_mode').notNull().default('instant'),
    accessibility: text('accessibility').notNull().default(''),
    practical: text('practical').notNull().default(''),
    costs: visitCosts('costs').notNull().default('free'),
    costsNote: text('costs_note').notNull().default(''),
    state: visitState('state').notNull().default('scheduled'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelReason: text('cancel_reason'),
    /** The share of seats taken last announced to the host (0, 50, 80, 100): each threshold is told once. */
    fillNoticePercent: smallint('fill_notice_percent').notNull().default(0),
    /** The start the 48-hour reminder was sent for: a moved visit (another start) is reminded again, a retried job is not. */
    reminderSentFor: timestamp('reminder_sent_for', { withTimezone: true, mode: 'date' }),
    /** The start the day-after « mark the attendance » nudge was sent to the host for (once per start). */
    followUpSentFor: timestamp('follow_up_sent_for', { withTimezone: true, mode: 'date' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index().on(table.state, table.startsAt),
    index().on(table.poleId, table.startsAt),
    index().on(table.twinningId),
    check('visits_seats_range', sql`${table.seats} between 1 and 500`),
    check('visits_duration_range', sql`${table.durationMinutes} between 15 and 1440`),
  ],
);

export const visitTopics = pgTable(
  'visit_topics',
  {
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    topicSlug: text('topic_slug')
      .notNull()
      .references(() => topics.slug),
  },
  (table) => [primaryKey({ columns: [table.visitId, table.topicSlug] }), index().on(table.topicSlug)],
);

/**
 * pending (seats held, the host confirms) · confirmed · waiting (no seats: the waiting list, in
 * `position` order) · cancelled (by either side, with a reason) · declined (by the host).
 */
export const visitBookingState = pgEnum('visit_booking_state', ['pending', 'confirmed', 'waiting', 'cancelled', 'declined']);

/** A pole's booking for a visit, for its named participants; `seats` = how many of them. */
export const visitBookings = pgTable(
  'visit_bookings',
  {
    id: id(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    poleId: uuid('pole_id')
      .notNull()
      .references(() => poles.id, { onDelete: 'cascade' }),
    bookedById: uuid('booked_by_id').references(() => users.id, { onDelete: 'set null' }),
    state: visitBookingState('state').notNull(),
    seats: integer('seats').notNull(),
    /** Arrival order, given by the database: the waiting list's order. */
    position: bigserial('position', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    promotedAt: timestamp('promoted_at', { withTimezone: true, mode: 'date' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelledById: uuid('cancelled_by_id').references(() => users.id, { onDelete: 'set null' }),
    cancelReason: text('cancel_reason'),
    /** SHA-256 of the token of the « leave the waiting list » link sent by mail. */
    leaveTokenHash: text('leave_token_hash').unique(),
    /** When the pole, having come, was asked for its feedback after the visit (asked once). */
    feedbackRequestedAt: timestamp('feedback_requested_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index().on(table.visitId, table.state, table.position),
    index().on(table.poleId),
    // One live booking per pole and visit: booking twice is refused by the database too.
    uniqueIndex('visit_bookings_live_pole_idx')
      .on(table.visitId, table.poleId)
      .where(sql`state in ('pending', 'confirmed', 'waiting')`),
    check('visit_bookings_seats_range', sql`${table.seats} between 1 and 50`),
  ],
);

export const visitParticipants = pgTable(
  'visit_participants',
  {
    id: id(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => visitBookings.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Set by the host after the visit: came or not (null: not marked yet). */
    attended: boolean('attended'),
  },
  (table) => [index().on(table.bookingId)],
);

/** What a pole that came says of the visit (one per booking). */
export const visitFeedback = pgTable(
  'visit_feedback',
  {
    bookingId: uuid('booking_id')
      .primaryKey()
      .references(() => visitBookings.id, { onDelete: 'cascade' }),
    rating: smallint('rating').notNull(),
    learned: text('learned').notNull(),
    willApply: text('will_apply').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [check('visit_feedback_rating', sql`${table.rating} between 1 and 5`)],
);

/** A person's private calendar feed: only the SHA-256 of its secret is kept; a new one revokes the old. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
});
