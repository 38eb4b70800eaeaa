import type { AppContext } from '../app-context';
import { say, serverLang } from '../i18n/messages';
import { findSpace } from '../spaces/space-repository';
import { subscribedModeratorsOf, subscriptionsOf, takeQueuePushAllowance } from './push-repository';
import { sendPush } from './web-push';

/** At most one "posts waiting" push per moderator in this many seconds (across instances). */
export const QUEUE_PUSH_WINDOW_SECONDS = 5 * 60;

/**
 * A post entered the moderation queue: the moderators of its space and question who subscribed a
 * browser get a "posts waiting" push — one per moderator per QUEUE_PUSH_WINDOW_SECONDS, whatever
 * the number of posts, so a busy hour is a few notifications, not hundreds. The push names the
 * space only: pending text never leaves the server outside the app.
 */
export async function notifyModeratorsOfQueue(ctx: AppContext, spaceId: string, questionId: string) {
  if (!ctx.config.vapid) return;
  const moderators = await subscribedModeratorsOf(ctx.db, spaceId, questionId);
  if (moderators.length === 0) return;
  const space = await findSpace(ctx.db, { id: spaceId });
  if (!space) return;
  await Promise.all(
    moderators.map(async (moderator) => {
      if (!(await takeQueuePushAllowance(ctx.db, `push-queue:${moderator.id}`, QUEUE_PUSH_WINDOW_SECONDS)))
        return;
      const lang = serverLang(moderator.lang);
      const title = space.title[moderator.lang] ?? space.title[space.languages[0] ?? ''] ?? space.slug;
      const subscriptions = await subscriptionsOf(ctx.db, [moderator.id]);
      await Promise.all(
        subscriptions.map((sub) =>
          sendPush(
            ctx,
            sub,
            {
              title: say(lang, 'push.queue.title'),
              body: say(lang, 'push.queue.body', { space: title }),
              url: '/moderate',
              tag: 'parley-queue',
            },
            { topic: 'parley-queue' },
          ),
        ),
      );
    }),
  );
}

/** Starts notifyModeratorsOfQueue without waiting for it; a failure is logged and dropped. */
export function notifyModeratorsOfQueueLater(ctx: AppContext, spaceId: string, questionId: string): void {
  notifyModeratorsOfQueue(ctx, spaceId, questionId).catch((err: unknown) => {
    ctx.logger?.warn({ spaceId, err: (err as Error).name }, 'queue push not sent');
  });
}
