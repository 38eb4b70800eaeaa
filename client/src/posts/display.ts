import { ANONYMOUS_NAME, type Post, type Space } from '@parley/shared';
import { pickLocalized } from '../i18n/localized';

/**
 * The name shown with a post outside the moderation queue. A moderator's device holds the real
 * name of anonymous posts (the queue needs it), so every other screen masks it here: only the
 * author sees their own name. A comment a moderator entered for someone carries that person's name.
 */
export function shownAuthorName(
  post: Pick<Post, 'anonymous' | 'authorId' | 'authorName' | 'onBehalfOf'>,
  viewerId: string | null,
): string {
  if (post.onBehalfOf) return post.onBehalfOf;
  if (post.anonymous && (viewerId === null || post.authorId !== viewerId)) return ANONYMOUS_NAME;
  return post.authorName;
}

/**
 * The organisation shown beside the name ("Ana Lima · Clean Air Now"): none on an anonymous post
 * (the server sends none to others; a moderator's device masks it here like the name), nor on a
 * comment entered for someone who wrote in.
 */
export function shownOrganisation(
  post: Pick<Post, 'anonymous' | 'authorId' | 'authorOrganisation' | 'onBehalfOf'>,
  viewerId: string | null,
): string | null {
  if (post.onBehalfOf) return null;
  if (post.anonymous && (viewerId === null || post.authorId !== viewerId)) return null;
  return post.authorOrganisation || null;
}

/**
 * A moderator's reason in the reader's language: the space's template when one was picked,
 * else the text the moderator wrote (or the template's text as the server stored it).
 */
export function moderationReasonText(
  post: Pick<Post, 'moderationReason' | 'moderationReasonTemplateId'>,
  space: Pick<Space, 'reasonTemplates' | 'languages'> | undefined,
  readerLang: string,
): { text: string; lang: string | undefined } | null {
  const template = post.moderationReasonTemplateId
    ? space?.reasonTemplates?.find((t) => t.id === post.moderationReasonTemplateId)
    : undefined;
  if (template) {
    const picked = pickLocalized(template.text, readerLang, space?.languages ?? []);
    if (picked.text) return { text: picked.text, lang: picked.lang };
  }
  return post.moderationReason ? { text: post.moderationReason, lang: undefined } : null;
}
