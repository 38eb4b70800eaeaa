CREATE TABLE "file_deletions" (
	"upload_id" uuid PRIMARY KEY NOT NULL,
	"queued_at" timestamp with time zone NOT NULL
);
