CREATE TABLE "flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"post_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "flags_post_user_key" UNIQUE("post_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "moderation" ADD COLUMN "reason_template_id" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "moderation_reason_template_id" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "from_moderator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "reason_templates" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flags_open_post_idx" ON "flags" USING btree ("post_id") WHERE resolved_at IS NULL;