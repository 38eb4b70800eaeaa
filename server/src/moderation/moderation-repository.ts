import type { Moderation } from '@parley/shared';
import type { Queryable } from '../db/db';
import { toIso, toIsoOrNull, toNumber } from '../db/rows';
import type { WriteTx } from '../db/write';

interface ModerationRow {
  id: string;
  post_id: string;
  space_id: string;
  decision: Moderation['decision'];
  reason: string | null;
  based_on_status: Moderation['basedOnStatus'];
  moderator_id: string;
  moderator_name: string;
  created_at: unknown;
  outcome: 'applied' | 'superseded';
  updated_at: unknown;
  seq: unknown;
}

export type ModerationRecord = Moderation & { seq: number };

const toModeration = (r: ModerationRow): ModerationRecord => ({
  id: r.id,
  postId: r.post_id,
  spaceId: r.space_id,
  decision: r.decision,
  reason: r.reason,
  basedOnStatus: r.based_on_status,
  moderatorId: r.moderator_id,
  moderatorName: r.moderator_name,
  createdAt: toIso(r.created_at),
  outcome: r.outcome,
  updatedAt: toIsoOrNull(r.updated_at),
  seq: toNumber(r.seq),
});

/** Only the log of spaces the viewer moderates (global: all). */
export async function pullModeration(
  q: Queryable,
  scope: { global: boolean; spaceIds: readonly string[] },
  afterSeq: number,
  limit: number,
): Promise<ModerationRecord[]> {
  const rows = await q.query<ModerationRow>(
    `SELECT * FROM moderation
      WHERE seq > $1 AND ($2::boolean OR space_id = ANY($3::uuid[]))
      ORDER BY seq LIMIT $4`,
    [afterSeq, scope.global, scope.spaceIds, limit],
  );
  return rows.map(toModeration);
}

export async function maxModerationSeq(q: Queryable): Promise<number> {
  const [row] = await q.query<{ max: unknown }>('SELECT coalesce(max(seq), 0) AS max FROM moderation');
  return toNumber(row?.max ?? 0);
}

export async function moderationExists(q: Queryable, id: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM moderation WHERE id = $1', [id])).length > 0;
}

export type NewModeration = Omit<
  Moderation,
  'updatedAt' | 'spaceId' | 'moderatorId' | 'moderatorName' | 'outcome'
> & {
  spaceId: string;
  moderatorId: string;
  moderatorName: string;
  outcome: 'applied' | 'superseded';
};

export async function insertModeration(tx: WriteTx<'moderation'>, m: NewModeration): Promise<void> {
  await tx.query(
    `INSERT INTO moderation (id, post_id, space_id, decision, reason, based_on_status, moderator_id,
                             moderator_name, created_at, outcome, updated_at, seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp(), nextval('moderation_seq'))
     ON CONFLICT (id) DO NOTHING`,
    [
      m.id,
      m.postId,
      m.spaceId,
      m.decision,
      m.reason,
      m.basedOnStatus,
      m.moderatorId,
      m.moderatorName,
      m.createdAt,
      m.outcome,
    ],
  );
}
