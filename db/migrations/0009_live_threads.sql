CREATE TABLE "message_mentions" (
	"message_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"mailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_mentions_message_id_user_id_pk" PRIMARY KEY("message_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "message_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "thread_mutes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"region_code" text,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"muted_by_id" uuid,
	"lifted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "client_key" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "hidden_by" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "hidden_by_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "hidden_reason" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "thread_readers" ADD COLUMN "last_read_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing messages are numbered in the order they were written, and each reader's mark follows its read time.
UPDATE "messages" SET "seq" = "ordered"."n" FROM (SELECT "id", row_number() OVER (ORDER BY "created_at", "id") AS "n" FROM "messages") AS "ordered" WHERE "messages"."id" = "ordered"."id";--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('messages', 'seq'), greatest((SELECT max("seq") FROM "messages"), 1), (SELECT count(*) > 0 FROM "messages"));--> statement-breakpoint
UPDATE "thread_readers" SET "last_read_seq" = coalesce((SELECT max("seq") FROM "messages" WHERE "messages"."thread_id" = "thread_readers"."thread_id" AND "messages"."created_at" <= "thread_readers"."read_at"), 0) WHERE "read_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "slow_mode_seconds" integer;--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "slow_mode_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "thread_id" uuid;--> statement-breakpoint
ALTER TABLE "message_mentions" ADD CONSTRAINT "message_mentions_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_mentions" ADD CONSTRAINT "message_mentions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reports" ADD CONSTRAINT "message_reports_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reports" ADD CONSTRAINT "message_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_mutes" ADD CONSTRAINT "thread_mutes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_mutes" ADD CONSTRAINT "thread_mutes_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_mutes" ADD CONSTRAINT "thread_mutes_muted_by_id_users_id_fk" FOREIGN KEY ("muted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_mentions_user_id_mailed_at_index" ON "message_mentions" USING btree ("user_id","mailed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "message_reports_once_idx" ON "message_reports" USING btree ("message_id","reporter_id");--> statement-breakpoint
CREATE INDEX "thread_mutes_user_id_until_index" ON "thread_mutes" USING btree ("user_id","until");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_hidden_by_id_users_id_fk" FOREIGN KEY ("hidden_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_thread_seq_idx" ON "messages" USING btree ("thread_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_author_key_idx" ON "messages" USING btree ("author_id","client_key");--> statement-breakpoint
CREATE INDEX "threads_subject_type_region_code_last_message_at_index" ON "threads" USING btree ("subject_type","region_code","last_message_at");--> statement-breakpoint
ALTER TABLE "threads" ADD CONSTRAINT "threads_slow_mode_range" CHECK ("threads"."slow_mode_seconds" is null or "threads"."slow_mode_seconds" between 5 and 3600);