import type { Phase } from '@parley/shared';
import type { Queryable } from '../db/db';
import { toIso } from '../db/rows';
import type { WriteTx } from '../db/write';

/** A space that takes comments by e-mail: published, with its languages and phases. */
export interface MailSpace {
  id: string;
  slug: string;
  languages: string[];
  phases: { id: string; opensAt: string; closesAt: string }[];
}

export interface MailQuestion {
  id: string;
  position: number;
  phaseId: string;
}

interface SpaceRow {
  id: string;
  slug: string;
  languages: string[];
  phases: Phase[];
}

const toSpace = (r: SpaceRow): MailSpace => ({
  id: r.id,
  slug: r.slug,
  languages: r.languages,
  phases: r.phases.map((p) => ({ id: p.id, opensAt: toIso(p.opensAt), closesAt: toIso(p.closesAt) })),
});

/**
 * The published space whose contact address is `address`, or whose slug is `slug` (the
 * `<slug>@INBOUND_MAIL_DOMAIN` form). Drafts, closed and archived spaces take no comments.
 */
export async function findMailSpace(
  q: Queryable,
  by: { contactEmail: string } | { slug: string },
): Promise<MailSpace | null> {
  const [row] =
    'slug' in by
      ? await q.query<SpaceRow>(
          `SELECT id, slug, languages, phases FROM spaces WHERE slug = $1 AND status = 'published'`,
          [by.slug],
        )
      : await q.query<SpaceRow>(
          `SELECT id, slug, languages, phases FROM spaces
            WHERE lower(contact_email) = $1 AND status = 'published' ORDER BY slug LIMIT 1`,
          [by.contactEmail],
        );
  return row ? toSpace(row) : null;
}

/** The space's questions that are not removed, in their order. */
export async function mailQuestions(q: Queryable, spaceId: string): Promise<MailQuestion[]> {
  const rows = await q.query<{ id: string; position: number; phase_id: string }>(
    `SELECT id, position, phase_id FROM questions WHERE space_id = $1 AND removed_at IS NULL
      ORDER BY position, id`,
    [spaceId],
  );
  return rows.map((r) => ({ id: r.id, position: r.position, phaseId: r.phase_id }));
}

/** A published post that an e-mail may answer, with its question. */
export async function findRepliable(
  q: Queryable,
  postId: string,
): Promise<{ id: string; spaceId: string; questionId: string } | null> {
  const [row] = await q.query<{ id: string; space_id: string; question_id: string }>(
    `SELECT p.id, p.space_id, p.question_id FROM posts p JOIN questions qn ON qn.id = p.question_id
      WHERE p.id = $1 AND p.status = 'approved' AND qn.removed_at IS NULL`,
    [postId],
  );
  return row ? { id: row.id, spaceId: row.space_id, questionId: row.question_id } : null;
}

export async function inboundMailSeen(q: Queryable, key: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM inbound_mails WHERE message_id = $1', [key]);
  return rows.length > 0;
}

/** Records the message; false when it was already recorded (a re-delivery that raced this one). */
export async function recordInboundMail(tx: WriteTx<'posts'>, key: string, postId: string): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO inbound_mails (message_id, post_id, received_at) VALUES ($1, $2, clock_timestamp())
     ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
    [key, postId],
  );
  return rows.length > 0;
}
