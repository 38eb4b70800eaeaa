import type { Queryable } from '../db/db';

/**
 * What one moderator row covers: spaceId null = a global moderator (every space); questionId
 * null = the whole space; questionId set = that question of that space only.
 */
export interface ModeratorScope {
  spaceId: string | null;
  questionId?: string | null;
}

export async function insertModerator(q: Queryable, userId: string, scope: ModeratorScope): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO moderators (user_id, space_id, question_id) VALUES ($1, $2, $3)
     ON CONFLICT ON CONSTRAINT moderators_user_space_question_key DO NOTHING RETURNING user_id`,
    [userId, scope.spaceId, scope.questionId ?? null],
  );
  return rows.length > 0;
}

export async function deleteModerator(q: Queryable, userId: string, scope: ModeratorScope): Promise<boolean> {
  const rows = await q.query(
    `DELETE FROM moderators
      WHERE user_id = $1 AND space_id IS NOT DISTINCT FROM $2::uuid AND question_id IS NOT DISTINCT FROM $3::uuid
      RETURNING user_id`,
    [userId, scope.spaceId, scope.questionId ?? null],
  );
  return rows.length > 0;
}

export async function countAssignments(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.query<{ n: unknown }>('SELECT count(*) AS n FROM moderators WHERE user_id = $1', [
    userId,
  ]);
  return Number(row?.n ?? 0);
}
