-- The audit trail becomes typed (recordAudit): old rows take the new action names, and a maturity
-- change's "from → to" moves from the free-text reason to the structured data.
UPDATE "audit_log" SET "action" = 'pole.validated' WHERE "action" = 'pole.validate';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'pole.validation-withdrawn' WHERE "action" = 'pole.unvalidate';--> statement-breakpoint
UPDATE "audit_log" SET "data" = jsonb_build_object('from', split_part("reason", ' → ', 1), 'to', split_part("reason", ' → ', 2)), "reason" = NULL WHERE "action" = 'pole.maturity-changed' AND "reason" LIKE '% → %';
