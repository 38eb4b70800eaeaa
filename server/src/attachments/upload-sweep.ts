import type { Logger } from 'pino';
import type { Config } from '../config/config';
import type { Db } from '../db/db';
import { deleteQueuedFiles } from './file-deletions';
import type { UploadStorage } from './storage/upload-storage';
import { staleAgesOf } from './upload-config';

/** Rows deleted per transaction: each holds its row locks only briefly. */
const BATCH = 500;
/** At most this many batches a round; the next round goes on where this one stopped. */
const MAX_BATCHES = 20;

export interface SweepOptions {
  /** The moment to judge ages against; absent = the database clock (tests pass a later one). */
  now?: Date;
}

/**
 * One batch of stale uploads: deletes their rows and queues their bytes for deletion, in one
 * transaction. Stale means, counted from `touched_at` (the last byte, or completion):
 *   1. unfinished (or refused) and idle for UPLOAD_UNFINISHED_MAX_AGE_HOURS (default 24 h);
 *   2. complete, never attached to a post, in no space's documents, for
 *      UPLOAD_UNATTACHED_MAX_AGE_HOURS (default 7 days).
 * Attached uploads (`attached_at` set) are not even candidates, whatever their post's status.
 *
 * Safe against what runs at the same time, on this instance or another:
 * - another sweep: FOR UPDATE SKIP LOCKED, so each candidate goes to one of them;
 * - a tus request on the upload touches `touched_at`, a post taking it sets `attached_at`: both
 *   real updates, so a row picked before them is re-checked on its new version (READ COMMITTED)
 *   and no longer qualifies; one they hold locked is skipped.
 */
async function sweepBatch(db: Db, ages: ReturnType<typeof staleAgesOf>, now: Date | undefined) {
  const rows = await db.tx((q) =>
    q.query<{ upload_id: string }>(
      // statement_timestamp(), not clock_timestamp(): a stable value can bound the index scan.
      `WITH stale AS (
         SELECT u.id FROM uploads u
          WHERE u.attached_at IS NULL
            AND u.touched_at < coalesce($3::timestamptz, statement_timestamp())
                               - make_interval(secs => least($1::float8, $2::float8))
            AND u.touched_at < coalesce($3::timestamptz, statement_timestamp())
                               - make_interval(secs => CASE WHEN u.status = 'complete' THEN $2::float8
                                                            ELSE $1::float8 END)
            AND NOT EXISTS (SELECT 1 FROM posts p
                             WHERE p.attachments @> jsonb_build_array(jsonb_build_object('id', u.id::text)))
            AND NOT EXISTS (SELECT 1 FROM spaces s
                             WHERE s.documents @> jsonb_build_array(jsonb_build_object('id', u.id::text)))
          ORDER BY u.touched_at
          LIMIT ${BATCH}
          FOR UPDATE OF u SKIP LOCKED),
       gone AS (DELETE FROM uploads WHERE id IN (SELECT id FROM stale) RETURNING id)
       INSERT INTO file_deletions (upload_id, queued_at)
       SELECT id, clock_timestamp() FROM gone
       ON CONFLICT (upload_id) DO NOTHING
       RETURNING upload_id`,
      [ages.unfinishedSeconds, ages.unattachedSeconds, now?.toISOString() ?? null],
    ),
  );
  return rows.map((r) => r.upload_id);
}

/**
 * Deletes stale uploads (see sweepBatch), rows first and then their bytes from the store, and
 * retries any file a previous deletion (here, or of an account) could not remove. Returns how
 * many uploads it deleted. Never throws: a failure is logged and the next round tries again.
 */
export async function sweepStaleUploads(
  deps: { db: Db; config: Config; logger?: Logger },
  storage: UploadStorage,
  options: SweepOptions = {},
): Promise<number> {
  const ages = staleAgesOf(deps.config);
  let removed = 0;
  try {
    for (let i = 0; i < MAX_BATCHES; i++) {
      const ids = await sweepBatch(deps.db, ages, options.now);
      removed += ids.length;
      await deleteQueuedFiles(deps, storage, ids);
      if (ids.length < BATCH) break;
    }
    // Files left queued by a failed removal (a store that was down), whoever queued them.
    await deleteQueuedFiles(deps, storage);
  } catch (error) {
    deps.logger?.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'stale upload sweep failed');
  }
  if (removed > 0) deps.logger?.info({ removed }, 'stale uploads deleted');
  return removed;
}

/** First round shortly after start (spread over a minute, so instances do not start together). */
const FIRST_ROUND_MS = 60_000;
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface UploadSweeper {
  /** Schedules the rounds: the first within a minute or two, then hourly. */
  start(): void;
  /** Cancels the next round and waits for a running one to finish. */
  stop(): Promise<void>;
  /** One round now (tests; also what the timer runs). */
  runOnce(options?: SweepOptions): Promise<number>;
}

export function uploadSweeper(
  deps: { db: Db; config: Config; logger?: Logger },
  storage: UploadStorage,
): UploadSweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;
  const runOnce = (options?: SweepOptions) => {
    // Rounds never overlap within one instance; a second call joins the running one.
    running ??= sweepStaleUploads(deps, storage, options).finally(() => (running = undefined));
    return running;
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(() => schedule(SWEEP_INTERVAL_MS));
    }, ms);
    // A pending round alone does not keep the process alive.
    timer.unref();
  };
  return {
    start() {
      if (timer || stopped) return;
      schedule(FIRST_ROUND_MS + Math.round(Math.random() * FIRST_ROUND_MS));
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    runOnce,
  };
}
