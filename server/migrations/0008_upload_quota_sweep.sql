ALTER TABLE "uploads" ADD COLUMN "touched_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "attached_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "posts_attachments_idx" ON "posts" USING gin ("attachments" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "uploads_unattached_touched_idx" ON "uploads" USING btree ("touched_at") WHERE attached_at IS NULL;--> statement-breakpoint
-- Existing uploads: their last sign of life is when they completed (or were created), and those a post carries are attached.
UPDATE "uploads" SET "touched_at" = coalesce("completed_at", "created_at");--> statement-breakpoint
UPDATE "uploads" u SET "attached_at" = coalesce(u."completed_at", u."created_at")
 WHERE EXISTS (SELECT 1 FROM "posts" p
                WHERE p."attachments" @> jsonb_build_array(jsonb_build_object('id', u."id"::text)));
