import type { InvitationRole } from '@parley/shared';
import type { Queryable } from '../db/db';
import { toIso } from '../db/rows';

export interface InvitationRecord {
  email: string;
  role: InvitationRole;
  spaceId: string | null;
  questionId: string | null;
  invitedBy: string | null;
  lang: string;
  expiresAt: string;
  usedAt: string | null;
}

interface InvitationRow {
  email: string;
  role: InvitationRole;
  space_id: string | null;
  question_id: string | null;
  invited_by: string | null;
  lang: string;
  expires_at: unknown;
  used_at: unknown;
}

const toInvitation = (r: InvitationRow): InvitationRecord => ({
  email: r.email,
  role: r.role,
  spaceId: r.space_id,
  questionId: r.question_id,
  invitedBy: r.invited_by,
  lang: r.lang,
  expiresAt: toIso(r.expires_at),
  usedAt: r.used_at === null || r.used_at === undefined ? null : toIso(r.used_at),
});

export async function insertInvitation(
  q: Queryable,
  i: Omit<InvitationRecord, 'expiresAt' | 'usedAt'> & { tokenHash: string; maxAgeSeconds: number },
): Promise<string> {
  const [row] = await q.query<{ expires_at: unknown }>(
    `INSERT INTO invitations (token_hash, email, role, space_id, question_id, invited_by, lang, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8))
     RETURNING expires_at`,
    [i.tokenHash, i.email, i.role, i.spaceId, i.questionId, i.invitedBy, i.lang, i.maxAgeSeconds],
  );
  return toIso(row!.expires_at);
}

/** The invitation behind a token, used or not, expired or not (the page says which). */
export async function findInvitation(q: Queryable, tokenHash: string): Promise<InvitationRecord | null> {
  const [row] = await q.query<InvitationRow>('SELECT * FROM invitations WHERE token_hash = $1', [tokenHash]);
  return row ? toInvitation(row) : null;
}

/** Marks a live invitation used and returns it; null when it is used, expired or unknown (a link works once). */
export async function takeInvitation(q: Queryable, tokenHash: string): Promise<InvitationRecord | null> {
  const [row] = await q.query<InvitationRow>(
    `UPDATE invitations SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
      RETURNING *`,
    [tokenHash],
  );
  return row ? toInvitation(row) : null;
}

/** Invitations that ran out long ago go (kept a month after expiry, so the page can still say "expired"). */
export async function deleteOldInvitations(q: Queryable): Promise<void> {
  await q.query(`DELETE FROM invitations WHERE expires_at < now() - interval '30 days'`);
}

export interface InvitationTarget {
  space: { id: string; slug: string; title: Record<string, string>; languages: string[] } | null;
  question: { id: string; title: Record<string, string> } | null;
}

/** The space and (live) question an invitation names, for the e-mail and the page. */
export async function invitationTarget(
  q: Queryable,
  spaceId: string | null,
  questionId: string | null,
): Promise<InvitationTarget> {
  if (spaceId === null) return { space: null, question: null };
  const [space] = await q.query<{
    id: string;
    slug: string;
    title: Record<string, string>;
    languages: string[];
  }>('SELECT id, slug, title, languages FROM spaces WHERE id = $1', [spaceId]);
  const [question] =
    questionId === null
      ? []
      : await q.query<{ id: string; title: Record<string, string> }>(
          'SELECT id, title FROM questions WHERE id = $1 AND space_id = $2 AND removed_at IS NULL',
          [questionId, spaceId],
        );
  return { space: space ?? null, question: question ?? null };
}

export async function findSpaceBySlug(q: Queryable, slug: string) {
  const [space] = await q.query<{ id: string; slug: string }>('SELECT id, slug FROM spaces WHERE slug = $1', [
    slug,
  ]);
  return space ?? null;
}

export async function questionInSpace(q: Queryable, questionId: string, spaceId: string): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM questions WHERE id = $1 AND space_id = $2 AND removed_at IS NULL',
    [questionId, spaceId],
  );
  return rows.length > 0;
}

export async function displayNameOf(q: Queryable, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const [row] = await q.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [
    userId,
  ]);
  return row?.display_name ?? null;
}
