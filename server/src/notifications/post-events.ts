import type { AppContext } from '../app-context';
import { notifyModeratorsOfQueueLater } from './queue-notice';
import { notifyReplyLater } from './reply-notice';

/**
 * What one pushed post set off, collected inside its transaction and told once it committed
 * (a transaction that is retried starts again from clearEvents).
 */
export interface PostEvents {
  /** A reply published at once (a moderator's): the person it answers is told. */
  replyPublished: string | null;
  /** A post that entered the moderation queue (new, or edited). */
  queued: { spaceId: string; questionId: string } | null;
}

export const newPostEvents = (): PostEvents => ({ replyPublished: null, queued: null });

export function clearEvents(events: PostEvents): void {
  events.replyPublished = null;
  events.queued = null;
}

/** Starts what the events call for, without waiting for it; then clears them for the next row. */
export function announcePostEvents(ctx: AppContext, events: PostEvents, origin: string | null): void {
  if (events.replyPublished) notifyReplyLater(ctx, events.replyPublished, origin);
  if (events.queued) notifyModeratorsOfQueueLater(ctx, events.queued.spaceId, events.queued.questionId);
  clearEvents(events);
}
