import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { regions } from './directory';
import { users } from './people';
import { createdAt, id } from './columns';

// ─── Infrastructure ───────────────────────────────────────────────────────

/** Counters of rate-limiter-flexible's RateLimiterDrizzle, shared by every app process. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true, mode: 'date' }),
});

export const mailStatus = pgEnum('mail_status', ['queued', 'sent', 'failed']);

/**
 * The transactional outbox: every mail is written here in the transaction of the act that causes
 * it, then sent by a job (or kept here when no SMTP server is configured; read at /dev/outbox).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: mailStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    /**
     * Not to be tried before this time: a sender holds the row until then (a lease, so two senders
     * never send it twice), and a failed try is not retried by the relay before it.
     */
    availableAt: timestamp('available_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.status, table.createdAt)],
);

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
    /** The event's structured facts (see recordAudit): read by moderation, pairing and the observatory. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.subjectType, table.subjectId), index().on(table.regionCode)],
);
