ALTER TABLE "spaces" ADD COLUMN "deletion_policy" text DEFAULT 'keep' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notify_by_email" boolean DEFAULT false NOT NULL;