-- Pairing (issue 9): mentoring capacity, languages and transferable topics of poles; region weights;
-- twinnings with their goals, evaluations and the asks of poles; the opening time of requests.
CREATE TYPE "public"."goals_reached" AS ENUM('yes', 'partly', 'no');--> statement-breakpoint
CREATE TYPE "public"."twinning_ask_state" AS ENUM('open', 'proposed', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."twinning_state" AS ENUM('proposed', 'active', 'completed', 'declined', 'expired', 'cancelled');--> statement-breakpoint
CREATE TABLE "pole_mentoring_topics" (
	"pole_id" uuid NOT NULL,
	"topic_slug" text NOT NULL,
	CONSTRAINT "pole_mentoring_topics_pole_id_topic_slug_pk" PRIMARY KEY("pole_id","topic_slug")
);
--> statement-breakpoint
CREATE TABLE "region_pairing_weights" (
	"region_code" text PRIMARY KEY NOT NULL,
	"weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "twinning_asks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_pole_id" uuid NOT NULL,
	"mentor_pole_id" uuid NOT NULL,
	"mentee_pole_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"message" text NOT NULL,
	"state" "twinning_ask_state" DEFAULT 'open' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp with time zone,
	"handled_by_id" uuid,
	"twinning_id" uuid
);
--> statement-breakpoint
CREATE TABLE "twinning_evaluations" (
	"twinning_id" uuid NOT NULL,
	"pole_id" uuid NOT NULL,
	"goals_reached" "goals_reached" NOT NULL,
	"rating" smallint NOT NULL,
	"learned" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "twinning_evaluations_twinning_id_pole_id_pk" PRIMARY KEY("twinning_id","pole_id"),
	CONSTRAINT "twinning_evaluations_rating" CHECK ("twinning_evaluations"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "twinning_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"twinning_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done_at" timestamp with time zone,
	"done_by_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "twinnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_pole_id" uuid NOT NULL,
	"mentee_pole_id" uuid NOT NULL,
	"request_id" uuid,
	"region_code" text NOT NULL,
	"state" "twinning_state" DEFAULT 'proposed' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"score" double precision,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"proposed_by_id" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"mentor_accepted_at" timestamp with time zone,
	"mentor_accepted_by_id" uuid,
	"mentee_accepted_at" timestamp with time zone,
	"mentee_accepted_by_id" uuid,
	"activated_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by_id" uuid,
	"end_reason" text,
	"thread_id" uuid,
	"notes" text DEFAULT '' NOT NULL,
	"notes_updated_at" timestamp with time zone,
	"notes_updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "twinnings_distinct_poles" CHECK ("twinnings"."mentor_pole_id" <> "twinnings"."mentee_pole_id")
);
--> statement-breakpoint
ALTER TABLE "poles" ADD COLUMN "mentoring_capacity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "poles" ADD COLUMN "languages" text[] DEFAULT '{fr}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "opened_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "auto_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pole_mentoring_topics" ADD CONSTRAINT "pole_mentoring_topics_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pole_mentoring_topics" ADD CONSTRAINT "pole_mentoring_topics_topic_slug_topics_slug_fk" FOREIGN KEY ("topic_slug") REFERENCES "public"."topics"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_pairing_weights" ADD CONSTRAINT "region_pairing_weights_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_pairing_weights" ADD CONSTRAINT "region_pairing_weights_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_asks" ADD CONSTRAINT "twinning_asks_from_pole_id_poles_id_fk" FOREIGN KEY ("from_pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_asks" ADD CONSTRAINT "twinning_asks_mentor_pole_id_poles_id_fk" FOREIGN KEY ("mentor_pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_asks" ADD CONSTRAINT "twinning_asks_mentee_pole_id_poles_id_fk" FOREIGN KEY ("mentee_pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_asks" ADD CONSTRAINT "twinning_asks_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_asks" ADD CONSTRAINT "twinning_asks_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_asks" ADD CONSTRAINT "twinning_asks_handled_by_id_users_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_asks" ADD CONSTRAINT "twinning_asks_twinning_id_twinnings_id_fk" FOREIGN KEY ("twinning_id") REFERENCES "public"."twinnings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_evaluations" ADD CONSTRAINT "twinning_evaluations_twinning_id_twinnings_id_fk" FOREIGN KEY ("twinning_id") REFERENCES "public"."twinnings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_evaluations" ADD CONSTRAINT "twinning_evaluations_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_evaluations" ADD CONSTRAINT "twinning_evaluations_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_goals" ADD CONSTRAINT "twinning_goals_twinning_id_twinnings_id_fk" FOREIGN KEY ("twinning_id") REFERENCES "public"."twinnings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_goals" ADD CONSTRAINT "twinning_goals_done_by_id_users_id_fk" FOREIGN KEY ("done_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinning_goals" ADD CONSTRAINT "twinning_goals_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_mentor_pole_id_poles_id_fk" FOREIGN KEY ("mentor_pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_mentee_pole_id_poles_id_fk" FOREIGN KEY ("mentee_pole_id") REFERENCES "public"."poles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_mentor_accepted_by_id_users_id_fk" FOREIGN KEY ("mentor_accepted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_mentee_accepted_by_id_users_id_fk" FOREIGN KEY ("mentee_accepted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_ended_by_id_users_id_fk" FOREIGN KEY ("ended_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_notes_updated_by_id_users_id_fk" FOREIGN KEY ("notes_updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pole_mentoring_topics_topic_slug_index" ON "pole_mentoring_topics" USING btree ("topic_slug");--> statement-breakpoint
CREATE INDEX "twinning_asks_region_code_state_index" ON "twinning_asks" USING btree ("region_code","state");--> statement-breakpoint
CREATE UNIQUE INDEX "twinning_asks_open_pair_idx" ON "twinning_asks" USING btree ("mentor_pole_id","mentee_pole_id") WHERE state = 'open';--> statement-breakpoint
CREATE INDEX "twinning_goals_twinning_id_due_on_index" ON "twinning_goals" USING btree ("twinning_id","due_on");--> statement-breakpoint
CREATE INDEX "twinnings_mentor_pole_id_state_index" ON "twinnings" USING btree ("mentor_pole_id","state");--> statement-breakpoint
CREATE INDEX "twinnings_mentee_pole_id_state_index" ON "twinnings" USING btree ("mentee_pole_id","state");--> statement-breakpoint
CREATE INDEX "twinnings_region_code_state_index" ON "twinnings" USING btree ("region_code","state");--> statement-breakpoint
CREATE INDEX "twinnings_request_id_index" ON "twinnings" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "twinnings_state_expires_at_index" ON "twinnings" USING btree ("state","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "twinnings_open_pair_idx" ON "twinnings" USING btree ("mentor_pole_id","mentee_pole_id") WHERE state in ('proposed', 'active');--> statement-breakpoint
ALTER TABLE "poles" ADD CONSTRAINT "poles_mentoring_capacity_range" CHECK ("poles"."mentoring_capacity" between 0 and 20);--> statement-breakpoint
-- A request was opened when it was created: the 6-month clock of the unpaired-request job starts there.
UPDATE "requests" SET "opened_at" = "created_at";
