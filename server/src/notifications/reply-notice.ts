import type { AppContext } from '../app-context';
import { NO_LINK_ORIGIN } from '../http/link-origin';
import { findSpace } from '../spaces/space-repository';
import { say, serverLang } from '../i18n/messages';
import { subscriptionsOf } from './push-repository';
import { replyMail } from './reply-mail';
import { sendPush } from './web-push';

interface ReplyRow {
  reply_id: string;
  replier_id: string;
  anonymous: boolean;
  author_name: string;
  author_organisation: string | null;
  on_behalf_of: string | null;
  body: string;
  space_id: string;
  question_id: string;
  recipient_id: string;
  email: string;
  display_name: string;
  lang: string;
  notify_replies_by_email: boolean;
}

/** A localized text in `lang`, else the space's first language, else any. */
function pick(text: Record<string, string>, lang: string, fallback: string | undefined): string {
  return text[lang] ?? (fallback ? text[fallback] : undefined) ?? Object.values(text)[0] ?? '';
}

/**
 * Who replied, as the public sees it: the name (or the name of the person a moderator entered the
 * comment for) with the organisation; null for an anonymous reply, whose author stays unknown.
 */
export function publicReplier(
  row: Pick<ReplyRow, 'anonymous' | 'author_name' | 'author_organisation' | 'on_behalf_of'>,
) {
  if (row.anonymous) return null;
  if (row.on_behalf_of) return row.on_behalf_of;
  return row.author_organisation ? `${row.author_name} · ${row.author_organisation}` : row.author_name;
}

/**
 * The published reply and the person it answers, when it answers someone else's post written
 * under their own account (not a comment a moderator entered for someone who wrote in: that
 * account is the moderator's).
 */
export async function findReplyNotice(ctx: AppContext, replyId: string): Promise<ReplyRow | null> {
  const [row] = await ctx.db.query<ReplyRow>(
    `SELECT r.id AS reply_id, r.author_id AS replier_id, r.anonymous, r.author_name, r.author_organisation,
            r.on_behalf_of, r.body, r.space_id, r.question_id,
            u.id AS recipient_id, u.email, u.display_name, u.lang, u.notify_replies_by_email
       FROM posts r
       JOIN posts p ON p.id = r.parent_id
       JOIN users u ON u.id = p.author_id
      WHERE r.id = $1 AND r.status = 'approved' AND p.on_behalf_of IS NULL AND p.author_id <> r.author_id`,
    [replyId],
  );
  return row ?? null;
}

/**
 * Tells the author of a post that a reply to it was published (once per reply: the callers call
 * this only when a reply is published for the first time): by e-mail when they asked for it, and
 * by Web Push on every browser they subscribed. Never for one's own reply, and an anonymous
 * reply's author is never named. Called after the publishing transaction committed, never
 * awaited (see notifyReplyLater); the reply is in the app's notifications anyway.
 */
export async function notifyReply(ctx: AppContext, replyId: string, origin: string | null): Promise<void> {
  const row = await findReplyNotice(ctx, replyId);
  if (!row) return;
  const space = await findSpace(ctx.db, { id: row.space_id });
  if (!space) return;
  const lang = serverLang(row.lang);
  const spaceTitle = pick(space.title, row.lang, space.languages[0]);
  const path = `/s/${space.slug}/q/${row.question_id}`;
  const replier = publicReplier(row);

  const subscriptions = await subscriptionsOf(ctx.db, [row.recipient_id]);
  const pushed = Promise.all(
    subscriptions.map((sub) =>
      sendPush(ctx, sub, {
        title: say(lang, 'push.reply.title'),
        body: say(lang, 'push.reply.body', {
          name: replier ?? say(lang, 'mail.reply.anonymous'),
          space: spaceTitle,
        }),
        url: path,
        tag: `reply-${row.reply_id}`,
      }),
    ),
  );

  if (row.notify_replies_by_email && ctx.mailer) {
    if (!origin) ctx.logger?.error({ postId: replyId }, NO_LINK_ORIGIN);
    else
      await ctx.mailer.send(
        replyMail({
          to: { email: row.email, displayName: row.display_name, lang: row.lang },
          replier,
          spaceTitle,
          body: row.body,
          link: `${origin}${path}`,
        }),
      );
  }
  await pushed;
}

/** Starts notifyReply without waiting for it; a failure is logged (ids only) and dropped. */
export function notifyReplyLater(ctx: AppContext, replyId: string, origin: string | null): void {
  notifyReply(ctx, replyId, origin).catch((err: unknown) => {
    // The error's code only: an SMTP message can quote the recipient's address.
    const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
    ctx.logger?.warn({ postId: replyId, code, responseCode }, 'reply notice not sent');
  });
}
