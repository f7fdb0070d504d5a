import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions } from './directory';
import { messages } from './marketplace';
import { users } from './people';
import { createdAt, id } from './columns';

// ─── Moderation of live threads (decision 019) ─────────────────────────────

/** A member's report of a message, once per person and message; three hide it pending review. */
export const messageReports = pgTable(
  'message_reports',
  {
    id: id(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('message_reports_once_idx').on(table.messageId, table.reporterId)],
);

/**
 * A person muted by a region's coordinators: no message in that region's threads until `until`
 * (`regionCode` null: the national threads, muted by a national admin). Lifting sets `liftedAt`.
 */
export const threadMutes = pgTable(
  'thread_mutes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    regionCode: text('region_code').references(() => regions.code),
    until: timestamp('until', { withTimezone: true, mode: 'date' }).notNull(),
    reason: text('reason').notNull(),
    mutedById: uuid('muted_by_id').references(() => users.id, { onDelete: 'set null' }),
    liftedAt: timestamp('lifted_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.userId, table.until)],
);

/** The people a message names with `@Name`: each is told live and in their digest mail. */
export const messageMentions = pgTable(
  'message_mentions',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** When the mention went out in a digest mail (null: not yet). */
    mailedAt: timestamp('mailed_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.messageId, table.userId] }), index().on(table.userId, table.mailedAt)],
);
