ALTER TABLE "visit_bookings" ADD COLUMN "feedback_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "reminder_sent_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "follow_up_sent_for" timestamp with time zone;