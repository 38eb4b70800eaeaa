import type { Queryable } from '../db/db';

/** spaceId null = a global moderator (every space). */
export async function insertModerator(
  q: Queryable,
  userId: string,
  spaceId: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO moderators (user_id, space_id) VALUES ($1, $2)
     ON CONFLICT ON CONSTRAINT moderators_user_space_question_key DO NOTHING RETURNING user_id`,
    [userId, spaceId],
  );
  return rows.length > 0;
}

export async function deleteModerator(
  q: Queryable,
  userId: string,
  spaceId: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `DELETE FROM moderators WHERE user_id = $1 AND space_id IS NOT DISTINCT FROM $2::uuid AND question_id IS NULL RETURNING user_id`,
    [userId, spaceId],
  );
  return rows.length > 0;
}

export async function countAssignments(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.query<{ n: unknown }>('SELECT count(*) AS n FROM moderators WHERE user_id = $1', [
    userId,
  ]);
  return Number(row?.n ?? 0);
}
