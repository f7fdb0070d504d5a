-- Learning visits (issue 10): visits with their topics, bookings with named participants and a waiting
-- list in arrival order, feedback, and private calendar feeds.
CREATE TYPE "public"."visit_booking_mode" AS ENUM('instant', 'host_confirms');--> statement-breakpoint
CREATE TYPE "public"."visit_booking_state" AS ENUM('pending', 'confirmed', 'waiting', 'cancelled', 'declined');--> statement-breakpoint
CREATE TYPE "public"."visit_costs" AS ENUM('free', 'travel_covered', 'participants_pay');--> statement-breakpoint
CREATE TYPE "public"."visit_state" AS ENUM('scheduled', 'cancelled');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "visit_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"pole_id" uuid NOT NULL,
	"booked_by_id" uuid,
	"state" "visit_booking_state" NOT NULL,
	"seats" integer NOT NULL,
	"position" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_id" uuid,
	"cancel_reason" text,
	"leave_token_hash" text,
	CONSTRAINT "visit_bookings_leave_token_hash_unique" UNIQUE("leave_token_hash"),
	CONSTRAINT "visit_bookings_seats_range" CHECK ("visit_bookings"."seats" between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "visit_feedback" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"rating" smallint NOT NULL,
	"learned" text NOT NULL,
	"will_apply" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_feedback_rating" CHECK ("visit_feedback"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "visit_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"name" text NOT NULL,
	"attended" boolean
);
--> statement-breakpoint
CREATE TABLE "visit_topics" (
	"visit_id" uuid NOT NULL,
	"topic_slug" text NOT NULL,
	CONSTRAINT "visit_topics_visit_id_topic_slug_pk" PRIMARY KEY("visit_id","topic_slug")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pole_id" uuid NOT NULL,
	"offer_id" uuid,
	"twinning_id" uuid,
	"title" text NOT NULL,
	"programme" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"address" text NOT NULL,
	"town" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"seats" integer NOT NULL,
	"booking_deadline" timestamp with time zone NOT NULL,
	"booking_mode" "visit_booking_mode" DEFAULT 'instant' NOT NULL,
	"accessibility" text DEFAULT '' NOT NULL,
	"practical" text DEFAULT '' NOT NULL,
	"costs" "visit_costs" DEFAULT 'free' NOT NULL,
	"costs_note" text DEFAULT '' NOT NULL,
	"state" "visit_state" DEFAULT 'scheduled' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"fill_notice_percent" smallint DEFAULT 0 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_seats_range" CHECK ("visits"."seats" between 1 and 500),
	CONSTRAINT "visits_duration_range" CHECK ("visits"."duration_minutes" between 15 and 1440)
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_bookings" ADD CONSTRAINT "visit_bookings_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_bookings" ADD CONSTRAINT "visit_bookings_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_bookings" ADD CONSTRAINT "visit_bookings_booked_by_id_users_id_fk" FOREIGN KEY ("booked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_bookings" ADD CONSTRAINT "visit_bookings_cancelled_by_id_users_id_fk" FOREIGN KEY ("cancelled_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_feedback" ADD CONSTRAINT "visit_feedback_booking_id_visit_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."visit_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_feedback" ADD CONSTRAINT "visit_feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_participants" ADD CONSTRAINT "visit_participants_booking_id_visit_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."visit_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_topics" ADD CONSTRAINT "visit_topics_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_topics" ADD CONSTRAINT "visit_topics_topic_slug_topics_slug_fk" FOREIGN KEY ("topic_slug") REFERENCES "public"."topics"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_twinning_id_twinnings_id_fk" FOREIGN KEY ("twinning_id") REFERENCES "public"."twinnings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_bookings_visit_id_state_position_index" ON "visit_bookings" USING btree ("visit_id","state","position");--> statement-breakpoint
CREATE INDEX "visit_bookings_pole_id_index" ON "visit_bookings" USING btree ("pole_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_bookings_live_pole_idx" ON "visit_bookings" USING btree ("visit_id","pole_id") WHERE state in ('pending', 'confirmed', 'waiting');--> statement-breakpoint
CREATE INDEX "visit_participants_booking_id_index" ON "visit_participants" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "visit_topics_topic_slug_index" ON "visit_topics" USING btree ("topic_slug");--> statement-breakpoint
CREATE INDEX "visits_state_starts_at_index" ON "visits" USING btree ("state","starts_at");--> statement-breakpoint
CREATE INDEX "visits_pole_id_starts_at_index" ON "visits" USING btree ("pole_id","starts_at");--> statement-breakpoint
CREATE INDEX "visits_twinning_id_index" ON "visits" USING btree ("twinning_id");