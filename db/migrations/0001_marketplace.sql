-- French full-text search that ignores accents, identical on PGlite and PostgreSQL 15:
-- the french configuration with the unaccent dictionary in front of the stemmer.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION public.fr_unaccent (COPY = pg_catalog.french);
    ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.french_stem;
  END IF;
END
$$;--> statement-breakpoint
CREATE TYPE "public"."offer_format" AS ENUM('learning_visit', 'remote_mentoring', 'workshop', 'twinning');--> statement-breakpoint
CREATE TYPE "public"."offer_reach" AS ENUM('regional', 'national', 'european');--> statement-breakpoint
CREATE TYPE "public"."offer_state" AS ENUM('draft', 'published', 'paused', 'closed');--> statement-breakpoint
CREATE TYPE "public"."request_state" AS ENUM('open', 'in_progress', 'answered', 'closed');--> statement-breakpoint
CREATE TYPE "public"."request_urgency" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
CREATE TYPE "public"."thread_subject" AS ENUM('offer', 'request', 'pairing', 'visit', 'forum');--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"author_id" uuid,
	"author_pole_id" uuid,
	"body" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer_sectors" (
	"offer_id" uuid NOT NULL,
	"sector_slug" text NOT NULL,
	CONSTRAINT "offer_sectors_offer_id_sector_slug_pk" PRIMARY KEY("offer_id","sector_slug")
);
--> statement-breakpoint
CREATE TABLE "offer_topics" (
	"offer_id" uuid NOT NULL,
	"topic_slug" text NOT NULL,
	CONSTRAINT "offer_topics_offer_id_topic_slug_pk" PRIMARY KEY("offer_id","topic_slug")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pole_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"formats" "offer_format"[] NOT NULL,
	"reach" "offer_reach" NOT NULL,
	"languages" text[] NOT NULL,
	"capacity" integer NOT NULL,
	"state" "offer_state" DEFAULT 'draft' NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('public.fr_unaccent', coalesce(title, '')), 'A') || setweight(to_tsvector('public.fr_unaccent', coalesce(keywords, '')), 'B') || setweight(to_tsvector('public.fr_unaccent', coalesce(description, '')), 'C')) STORED,
	"created_by_id" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pole_logos" (
	"pole_id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_sectors" (
	"request_id" uuid NOT NULL,
	"sector_slug" text NOT NULL,
	CONSTRAINT "request_sectors_request_id_sector_slug_pk" PRIMARY KEY("request_id","sector_slug")
);
--> statement-breakpoint
CREATE TABLE "request_topics" (
	"request_id" uuid NOT NULL,
	"topic_slug" text NOT NULL,
	CONSTRAINT "request_topics_request_id_topic_slug_pk" PRIMARY KEY("request_id","topic_slug")
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pole_id" uuid NOT NULL,
	"title" text NOT NULL,
	"context" text NOT NULL,
	"preferred_formats" "offer_format"[] NOT NULL,
	"urgency" "request_urgency" DEFAULT 'medium' NOT NULL,
	"state" "request_state" DEFAULT 'open' NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('public.fr_unaccent', coalesce(title, '')), 'A') || setweight(to_tsvector('public.fr_unaccent', coalesce(keywords, '')), 'B') || setweight(to_tsvector('public.fr_unaccent', coalesce(context, '')), 'C')) STORED,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" "thread_subject" NOT NULL,
	"offer_id" uuid,
	"request_id" uuid,
	"initiator_pole_id" uuid,
	"recipient_pole_id" uuid,
	"region_code" text,
	"title" text NOT NULL,
	"locked_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "poles" ADD COLUMN "public_contact" text;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_pole_id_poles_id_fk" FOREIGN KEY ("author_pole_id") REFERENCES "public"."poles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_sectors" ADD CONSTRAINT "offer_sectors_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_sectors" ADD CONSTRAINT "offer_sectors_sector_slug_sectors_slug_fk" FOREIGN KEY ("sector_slug") REFERENCES "public"."sectors"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_topics" ADD CONSTRAINT "offer_topics_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_topics" ADD CONSTRAINT "offer_topics_topic_slug_topics_slug_fk" FOREIGN KEY ("topic_slug") REFERENCES "public"."topics"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pole_logos" ADD CONSTRAINT "pole_logos_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_sectors" ADD CONSTRAINT "request_sectors_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_sectors" ADD CONSTRAINT "request_sectors_sector_slug_sectors_slug_fk" FOREIGN KEY ("sector_slug") REFERENCES "public"."sectors"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_topics" ADD CONSTRAINT "request_topics_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_topics" ADD CONSTRAINT "request_topics_topic_slug_topics_slug_fk" FOREIGN KEY ("topic_slug") REFERENCES "public"."topics"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_initiator_pole_id_poles_id_fk" FOREIGN KEY ("initiator_pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_recipient_pole_id_poles_id_fk" FOREIGN KEY ("recipient_pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_thread_id_created_at_index" ON "messages" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "offer_sectors_sector_slug_index" ON "offer_sectors" USING btree ("sector_slug");--> statement-breakpoint
CREATE INDEX "offer_topics_topic_slug_index" ON "offer_topics" USING btree ("topic_slug");--> statement-breakpoint
CREATE INDEX "offers_search_idx" ON "offers" USING gin ("search");--> statement-breakpoint
CREATE INDEX "offers_state_published_idx" ON "offers" USING btree ("state","published_at");--> statement-breakpoint
CREATE INDEX "offers_pole_id_index" ON "offers" USING btree ("pole_id");--> statement-breakpoint
CREATE INDEX "request_sectors_sector_slug_index" ON "request_sectors" USING btree ("sector_slug");--> statement-breakpoint
CREATE INDEX "request_topics_topic_slug_index" ON "request_topics" USING btree ("topic_slug");--> statement-breakpoint
CREATE INDEX "requests_search_idx" ON "requests" USING gin ("search");--> statement-breakpoint
CREATE INDEX "requests_state_updated_idx" ON "requests" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "requests_pole_id_index" ON "requests" USING btree ("pole_id");--> statement-breakpoint
CREATE INDEX "threads_initiator_pole_id_last_message_at_index" ON "threads" USING btree ("initiator_pole_id","last_message_at");--> statement-breakpoint
CREATE INDEX "threads_recipient_pole_id_last_message_at_index" ON "threads" USING btree ("recipient_pole_id","last_message_at");--> statement-breakpoint
CREATE UNIQUE INDEX "threads_offer_pair_idx" ON "threads" USING btree ("offer_id","initiator_pole_id");--> statement-breakpoint
CREATE UNIQUE INDEX "threads_request_pair_idx" ON "threads" USING btree ("request_id","initiator_pole_id");