CREATE TYPE "public"."pole_application_state" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "pole_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"pole_name" text NOT NULL,
	"town" text NOT NULL,
	"postal_code" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"description" text NOT NULL,
	"website" text,
	"state" "pole_application_state" DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"decision_note" text,
	"pole_id" uuid,
	"invitation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "regional_bodies" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "regional_bodies" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "regional_bodies" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "twinnings" ADD COLUMN "mentor_shows_publicly" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "twinnings" ADD COLUMN "mentee_shows_publicly" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "pole_applications" ADD CONSTRAINT "pole_applications_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pole_applications" ADD CONSTRAINT "pole_applications_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pole_applications" ADD CONSTRAINT "pole_applications_pole_id_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."poles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pole_applications" ADD CONSTRAINT "pole_applications_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pole_applications_region_code_state_created_at_index" ON "pole_applications" USING btree ("region_code","state","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pole_applications_pending_idx" ON "pole_applications" USING btree (lower("contact_email"),lower("pole_name")) WHERE state = 'pending';