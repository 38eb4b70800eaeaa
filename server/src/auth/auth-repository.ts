import type { Role } from '@parley/shared';
import type { Db, Queryable } from '../db/db';
import type { SignedInUser, Viewer } from './viewer';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  lang: string;
  notify_by_email: boolean;
  notify_replies_by_email: boolean;
  organisation: string | null;
  password_hash: string;
}

export interface UserRecord extends SignedInUser {
  passwordHash: string;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  lang: r.lang,
  notifyByEmail: r.notify_by_email,
  notifyRepliesByEmail: r.notify_replies_by_email,
  organisation: r.organisation,
  passwordHash: r.password_hash,
});

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRecord | null> {
  const [row] = await q.query<UserRow>('SELECT * FROM users WHERE email = $1', [email]);
  return row ? toUser(row) : null;
}

/** Returns null when the e-mail is taken (the unique index decides, so two racing sign-ups cannot both win). */
export async function insertUser(
  q: Queryable,
  user: Omit<UserRecord, 'id'> & { id: string },
): Promise<UserRecord | null> {
  const rows = await q.query<UserRow>(
    `INSERT INTO users (id, email, display_name, password_hash, role, lang, organisation)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (email) DO NOTHING
     RETURNING *`,
    [
      user.id,
      user.email,
      user.displayName,
      user.passwordHash,
      user.role,
      user.lang,
      user.organisation ?? null,
    ],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function setUserLang(q: Queryable, userId: string, lang: string): Promise<void> {
  await q.query('UPDATE users SET lang = $2 WHERE id = $1', [userId, lang]);
}

export async function setUserNotifyByEmail(q: Queryable, userId: string, on: boolean): Promise<void> {
  await q.query('UPDATE users SET notify_by_email = $2 WHERE id = $1', [userId, on]);
}

export async function setUserNotifyRepliesByEmail(q: Queryable, userId: string, on: boolean): Promise<void> {
  await q.query('UPDATE users SET notify_replies_by_email = $2 WHERE id = $1', [userId, on]);
}

/** A new display name and organisation (null: none); the posts follow (post-repository.ts). */
export async function setUserIdentity(
  q: Queryable,
  userId: string,
  identity: { displayName: string; organisation: string | null },
): Promise<void> {
  await q.query('UPDATE users SET display_name = $2, organisation = $3 WHERE id = $1', [
    userId,
    identity.displayName,
    identity.organisation,
  ]);
}

export async function setUserRole(q: Queryable, userId: string, role: Role): Promise<void> {
  await q.query('UPDATE users SET role = $2 WHERE id = $1', [userId, role]);
}

/** The user of a live session with their moderator assignments, in one round trip. */
export async function findViewerBySession(q: Queryable, tokenHash: string): Promise<Viewer | null> {
  return (await findViewersBySessions(q, [tokenHash])).get(tokenHash) ?? null;
}

/** Several sessions at once (open streams re-checking their access): token hash → viewer. */
export async function findViewersBySessions(
  q: Queryable,
  tokenHashes: readonly string[],
): Promise<Map<string, Viewer>> {
  const rows = await q.query<
    UserRow & {
      token_hash: string;
      global: boolean | null;
      spaces: string[] | null;
      questions: string[] | null;
    }
  >(
    // A question moderator's row names its space too: it must not count as the whole space.
    `SELECT s.token_hash, u.*,
            bool_or(m.user_id IS NOT NULL AND m.space_id IS NULL) AS global,
            array_remove(array_agg(CASE WHEN m.question_id IS NULL THEN m.space_id END), NULL) AS spaces,
            array_remove(array_agg(m.question_id), NULL) AS questions
       FROM sessions s
       JOIN users u ON u.id = s.user_id
       LEFT JOIN moderators m ON m.user_id = u.id
      WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now()
      GROUP BY s.token_hash, u.id`,
    [tokenHashes],
  );
  const viewers = new Map<string, Viewer>();
  for (const row of rows) {
    const { passwordHash: _, ...user } = toUser(row);
    viewers.set(row.token_hash, {
      user,
      // An admin moderates everything, assignments or not.
      globalModerator: row.global === true || row.role === 'admin',
      moderatorOf: row.spaces ?? [],
      moderatorOfQuestions: row.questions ?? [],
    });
  }
  return viewers;
}

export async function insertSession(q: Queryable, tokenHash: string, userId: string, maxAgeSeconds: number) {
  await q.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [tokenHash, userId, maxAgeSeconds],
  );
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Every session of one user: "log out everywhere", and account deletion. Returns how many ended. */
export async function deleteUserSessions(q: Queryable, userId: string): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'WITH gone AS (DELETE FROM sessions WHERE user_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [userId],
  );
  return rows[0]?.n ?? 0;
}

export async function deleteExpiredSessions(q: Queryable): Promise<void> {
  await q.query('DELETE FROM sessions WHERE expires_at <= now()');
}

/**
 * Seconds until `key` drops below `limit` failures in the window, or null when it is below now:
 * the limit-th most recent failure is the one whose expiry lets the next attempt through.
 */
export async function throttledFor(
  q: Queryable,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<number | null> {
  const [row] = await q.query<{ retry_after: number }>(
    `SELECT greatest(1, ceil(extract(epoch FROM (at + make_interval(secs => $2) - now()))))::int AS retry_after
       FROM login_failures
      WHERE key = $1 AND at > now() - make_interval(secs => $2)
      ORDER BY at DESC
      OFFSET $3 LIMIT 1`,
    [key, windowSeconds, limit - 1],
  );
  return row ? row.retry_after : null;
}

export async function recordFailures(q: Queryable, keys: readonly string[], windowSeconds: number) {
  await q.query('DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1)', [windowSeconds]);
  await q.query('INSERT INTO login_failures (key) SELECT unnest($1::text[])', [keys]);
}

export async function clearFailures(q: Queryable, key: string): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE key = $1', [key]);
}

/**
 * Counts one more event under `key` (an e-mail sent to one address, say) unless `limit` are
 * already in the window; false when the allowance is used up. Checked and counted in one
 * transaction serialised per key, so requests racing in parallel, on one instance or several,
 * cannot all pass the check before any is counted.
 */
export async function takeAllowance(
  db: Db,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<boolean> {
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
    if ((await throttledFor(q, key, limit, windowSeconds)) !== null) return false;
    await recordFailures(q, [key], windowSeconds);
    return true;
  });
}
