import type { AppContext } from '../app-context';
import { moderates, type Viewer } from '../auth/viewer';
import { AppError } from '../http/errors';
import { findSpace } from '../spaces/space-repository';
import { toCsv } from './csv';
import { auditLog } from './moderation-repository';

const HEADER = [
  'decided_at',
  'received_at',
  'moderator',
  'decision',
  'outcome',
  'reason',
  'reason_template',
  'status_seen',
  'post_id',
  'author',
  'posted_as_anonymous',
  'on_behalf_of',
  'question',
  'post_excerpt',
] as const;

/** The space's moderation log as CSV: who, when, what, why and the outcome, for its moderators. */
export async function exportAuditCsv(
  ctx: AppContext,
  viewer: Viewer,
  slug: string,
): Promise<{ filename: string; csv: string }> {
  if (!viewer.user) throw new AppError(401, 'unauthenticated', 'Sign in first.');
  const space = await findSpace(ctx.db, { slug });
  if (!space) throw new AppError(404, 'not_found', 'No such space.');
  if (!moderates(viewer, space.id))
    throw new AppError(403, 'forbidden', "Only this space's moderators can export its moderation log.");
  const lang = space.languages[0] ?? 'en';
  const rows = (await auditLog(ctx.db, space.id)).map((r) => [
    r.createdAt,
    r.recordedAt,
    r.moderatorName,
    r.decision,
    r.outcome,
    r.reason,
    r.reasonTemplateId,
    r.basedOnStatus,
    r.postId,
    r.postAuthor,
    r.postAnonymous ? 'yes' : 'no',
    r.onBehalfOf,
    r.questionTitle[lang] ?? Object.values(r.questionTitle)[0] ?? '',
    r.postExcerpt,
  ]);
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `${space.slug}-moderation-log-${day}.csv`, csv: toCsv(HEADER, rows) };
}
