import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './people';
import { createdAt, id } from './columns';

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
  /** Public contact shown on `/coordinations` (set by the body's coordinators; null until they do). */
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  website: text('website'),
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
    /** How many twinnings the pole can carry at once as the mentoring side (0: it does not mentor). */
    mentoringCapacity: integer('mentoring_capacity').notNull().default(0),
    /** Languages the pole works in (codes of the `market.languages` catalogue): the matching's `language` criterion. */
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{fr}'::text[]`),
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
  (table) => [
    index('poles_region_idx').on(table.regionCode),
    index('poles_name_idx').on(table.name),
    check('poles_mentoring_capacity_range', sql`${table.mentoringCapacity} between 0 and 20`),
  ],
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
