import { NO_LINK_ORIGIN } from '../http/link-origin';
import type { AppContext } from '../app-context';
import { findSpace } from '../spaces/space-repository';
import { decisionMail, type NoticeDecision } from './decision-mail';

/** An applied decision, as the transaction that applied it saw it. */
export interface DecisionNotice {
  decisionId: string;
  postId: string;
  decision: NoticeDecision;
  moderatorId: string;
  reason: string | null;
  reasonTemplateId: string | null;
  /** An approval that published a reply for the first time: its parent's author is told. */
  replyPublished?: boolean;
}

interface AuthorRow {
  author_id: string;
  email: string;
  display_name: string;
  lang: string;
  notify_by_email: boolean;
  space_id: string;
  question_id: string;
}

/** A localized text in `lang`, else the space's first language, else any. */
function pick(text: Record<string, string>, lang: string, fallback: string | undefined): string {
  return text[lang] ?? (fallback ? text[fallback] : undefined) ?? Object.values(text)[0] ?? '';
}

/**
 * E-mails the author of the post an applied decision is about, when they asked for it. Called
 * after the decision's transaction committed, and never awaited by the push: a slow or broken
 * mail server must not hold up or fail moderation. One attempt only — the decision itself is on
 * the author's device at their next sync anyway — and a failure is logged without the address.
 * A retried push of the same decision is skipped before it gets here (the decision exists), so
 * the author gets one e-mail per decision.
 */
export async function notifyAuthor(ctx: AppContext, notice: DecisionNotice, origin: string | null) {
  const mailer = ctx.mailer;
  if (!mailer) return;
  const [author] = await ctx.db.query<AuthorRow>(
    `SELECT p.author_id, p.space_id, p.question_id, u.email, u.display_name, u.lang, u.notify_by_email
       FROM posts p JOIN users u ON u.id = p.author_id
      WHERE p.id = $1 AND p.on_behalf_of IS NULL`,
    [notice.postId],
  );
  // Off; or a post a moderator entered for someone who wrote in by e-mail (its account is the
  // moderator's, not the writer's); or the moderator decided on their own post (they know).
  if (!author?.notify_by_email || author.author_id === notice.moderatorId) return;
  const base = origin;
  const space = await findSpace(ctx.db, { id: author.space_id });
  if (!base) return ctx.logger?.error({ postId: notice.postId }, NO_LINK_ORIGIN);
  if (!space) return;

  const firstLang = space.languages[0];
  // A template reason is read in the author's language; a free-text one as the moderator wrote it.
  const template = space.reasonTemplates.find((t) => t.id === notice.reasonTemplateId);
  const reason =
    notice.decision === 'reject' || notice.decision === 'hide'
      ? template
        ? pick(template.text, author.lang, firstLang)
        : notice.reason
      : null;
  await mailer.send(
    decisionMail({
      to: { email: author.email, displayName: author.display_name, lang: author.lang },
      decision: notice.decision,
      spaceTitle: pick(space.title, author.lang, firstLang),
      reason,
      link: `${base}/s/${space.slug}/q/${author.question_id}`,
    }),
  );
}

/** Starts notifyAuthor without waiting for it; a failure is logged (ids only) and dropped. */
export function notifyAuthorLater(ctx: AppContext, notice: DecisionNotice, origin: string | null): void {
  notifyAuthor(ctx, notice, origin).catch((err: unknown) => {
    // The error's code only: an SMTP message can quote the recipient's address.
    const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
    ctx.logger?.warn(
      { decisionId: notice.decisionId, postId: notice.postId, code, responseCode },
      'decision e-mail not sent',
    );
  });
}
