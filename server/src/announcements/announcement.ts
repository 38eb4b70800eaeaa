import type { Announcement, AnnouncementBody } from '@parley/shared';
import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/viewer';
import { writeTx } from '../db/write';
import { AppError } from '../http/errors';
import { requireSpaceModerator } from '../spaces/space-moderator';
import { lockSpace, setSpaceAnnouncement, type SpaceRecord } from '../spaces/space-repository';

/**
 * The text kept: only the space's languages, blank versions dropped; the default language (the
 * space's first) is required, since every reader without their own version is shown that one.
 */
export function announcementText(space: Pick<SpaceRecord, 'languages'>, body: AnnouncementBody) {
  const unknown = Object.keys(body.text).filter((lang) => !space.languages.includes(lang));
  if (unknown.length > 0) {
    throw new AppError(400, 'invalid_body', `text: this space is not offered in ${unknown.join(', ')}.`);
  }
  const text = Object.fromEntries(
    Object.entries(body.text)
      .map(([lang, value]) => [lang, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
  const defaultLang = space.languages[0]!;
  if (!text[defaultLang]) {
    throw new AppError(
      400,
      'invalid_body',
      `text.${defaultLang}: the default language's version is required.`,
    );
  }
  return text;
}

/** Publishes (or replaces) the pinned announcement; the space's new seq carries it to every device. */
export async function publishAnnouncement(
  ctx: AppContext,
  viewer: Viewer,
  slug: string,
  body: AnnouncementBody,
): Promise<Announcement> {
  const space = await requireSpaceModerator(ctx, viewer, slug, 'publish its announcement');
  const announcement: Announcement = {
    text: announcementText(space, body),
    publishedAt: new Date().toISOString(),
    byName: viewer.user!.displayName,
  };
  await writeTx(ctx, ['spaces'], async (tx) => {
    if (!(await lockSpace(tx, space.id))) throw new AppError(404, 'not_found', 'No such space.');
    await setSpaceAnnouncement(tx, space.id, announcement);
  });
  return announcement;
}

export async function removeAnnouncement(ctx: AppContext, viewer: Viewer, slug: string): Promise<void> {
  const space = await requireSpaceModerator(ctx, viewer, slug, 'publish its announcement');
  await writeTx(ctx, ['spaces'], async (tx) => {
    if (!(await lockSpace(tx, space.id))) throw new AppError(404, 'not_found', 'No such space.');
    await setSpaceAnnouncement(tx, space.id, null);
  });
}
