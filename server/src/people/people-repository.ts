import type { Queryable } from '../db/db';
import type { WriteTx } from '../db/write';

/** Everything stored about one user, as rows: the export reads these, nothing else. */
export async function accountRow(q: Queryable, userId: string) {
  const [row] = await q.query<Record<string, unknown>>(
    `SELECT id, email, display_name AS "displayName", organisation, role, lang,
            notify_by_email AS "notifyByEmail", notify_replies_by_email AS "notifyRepliesByEmail",
            (SELECT count(*)::int FROM push_subscriptions s WHERE s.user_id = users.id) AS "pushSubscriptions",
            created_at AS "createdAt"
       FROM users WHERE id = $1`,
    [userId],
  );
  return row ?? null;
}

export async function postsBy(q: Queryable, userId: string) {
  return q.query<Record<string, unknown>>(
    `SELECT id, space_id AS "spaceId", question_id AS "questionId", parent_id AS "parentId",
            author_name AS "authorName", author_organisation AS "authorOrganisation", anonymous, lang,
            body, attachments, status,
            moderation_reason AS "moderationReason", on_behalf_of AS "onBehalfOf",
            created_at AS "createdAt", received_at AS "receivedAt", updated_at AS "updatedAt"
       FROM posts WHERE author_id = $1 ORDER BY created_at`,
    [userId],
  );
}

export async function flagsBy(q: Queryable, userId: string) {
  return q.query<Record<string, unknown>>(
    `SELECT id, post_id AS "postId", reason, created_at AS "createdAt"
       FROM flags WHERE user_id = $1 ORDER BY created_at`,
    [userId],
  );
}

export async function decisionsBy(q: Queryable, userId: string) {
  return q.query<Record<string, unknown>>(
    `SELECT id, post_id AS "postId", space_id AS "spaceId", decision, reason,
            based_on_status AS "basedOnStatus", outcome, created_at AS "createdAt"
       FROM moderation WHERE moderator_id = $1 ORDER BY created_at`,
    [userId],
  );
}

export async function passwordHashOf(q: Queryable, userId: string): Promise<string | null> {
  const [row] = await q.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
    userId,
  ]);
  return row?.password_hash ?? null;
}

/**
 * Removes the user's posts in every space whose policy says so ('remove', or 'author-chooses'
 * when the person chose removal): text, attachments and name are blanked and the post is
 * withdrawn, with a new seq, so a device that showed it once receives it as a deletion at its next
 * pull (as for a hidden post, see presentPost). Open flags on them close: nothing is left to judge.
 */
export async function removePostsOf(
  tx: WriteTx<'posts'>,
  userId: string,
  authorChoosesRemoval: boolean,
  name: string,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE posts p
        SET status = 'withdrawn', body = '', attachments = '[]'::jsonb, author_name = $3, on_behalf_of = NULL,
            author_organisation = NULL,
            moderation_reason = NULL, moderation_reason_template_id = NULL,
            updated_at = clock_timestamp(), seq = nextval('posts_seq')
       FROM spaces s
      WHERE s.id = p.space_id AND p.author_id = $1
        AND (s.deletion_policy = 'remove' OR (s.deletion_policy = 'author-chooses' AND $2::boolean))
      RETURNING p.id`,
    [userId, authorChoosesRemoval, name],
  );
  const ids = rows.map((r) => r.id);
  await tx.query(
    `UPDATE flags SET resolved_at = clock_timestamp() WHERE post_id = ANY($1::uuid[]) AND resolved_at IS NULL`,
    [ids],
  );
  return ids;
}

/**
 * The user's other posts stay, credited to `name`; each gets a new seq so every device replaces
 * the old author name at its next pull.
 */
export async function creditPostsTo(
  tx: WriteTx<'posts'>,
  userId: string,
  name: string,
  except: readonly string[] = [],
): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE posts SET author_name = $2, author_organisation = NULL, updated_at = clock_timestamp(),
                      seq = nextval('posts_seq')
      WHERE author_id = $1 AND NOT (id = ANY($3::uuid[])) RETURNING id`,
    [userId, name, except],
  );
  return rows.length;
}

/**
 * The account row stays (posts and decisions reference it) but holds nothing personal: no
 * e-mail, no name, no usable password, no sessions, no moderator assignments.
 */
export async function scrubUser(
  q: Queryable,
  userId: string,
  name: string,
  unusableHash: string,
): Promise<void> {
  await q.query(
    `UPDATE users SET email = $2, display_name = $3, password_hash = $4, role = 'participant',
                      notify_by_email = false, notify_replies_by_email = false, organisation = NULL
      WHERE id = $1`,
    [userId, `deleted-${userId}@deleted.invalid`, name, unusableHash],
  );
  await q.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  await q.query('DELETE FROM moderators WHERE user_id = $1', [userId]);
  await q.query('DELETE FROM push_subscriptions WHERE user_id = $1', [userId]);
}
