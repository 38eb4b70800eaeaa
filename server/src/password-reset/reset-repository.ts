import type { Queryable } from '../db/db';

export async function insertReset(q: Queryable, tokenHash: string, userId: string, maxAgeSeconds: number) {
  await q.query(
    `INSERT INTO password_resets (token_hash, user_id, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [tokenHash, userId, maxAgeSeconds],
  );
}

/** Marks a live token used and returns its user; null when unknown, expired or already used. */
export async function consumeReset(q: Queryable, tokenHash: string): Promise<string | null> {
  const [row] = await q.query<{ user_id: string }>(
    `UPDATE password_resets SET used_at = now()
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
     RETURNING user_id`,
    [tokenHash],
  );
  return row?.user_id ?? null;
}

/** Once a reset succeeds, the user's other links stop working too; old rows are cleared. */
export async function retireResets(q: Queryable, userId: string): Promise<void> {
  await q.query(`DELETE FROM password_resets WHERE user_id = $1 OR expires_at < now() - interval '1 day'`, [
    userId,
  ]);
}

export async function setPasswordHash(q: Queryable, userId: string, passwordHash: string): Promise<void> {
  await q.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
}
