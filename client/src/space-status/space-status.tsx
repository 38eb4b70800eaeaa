import type { Space, SpaceStatus } from '@parley/shared';
import { useT } from '../i18n/useT';
import './space-status.css';

/** A space stored on the device before statuses existed has none: it was published. */
export const statusOf = (space: Pick<Space, 'status'>): SpaceStatus =>
  (space as { status?: SpaceStatus }).status ?? 'published';

/** Only a published space takes comments and replies (the server refuses the rest too). */
export const takesPosts = (space: Pick<Space, 'status'>): boolean => statusOf(space) === 'published';

/** The space's status as a tag; a published space needs none, unless `always`. */
export function SpaceStatusTag({
  space,
  always = false,
}: {
  space: Pick<Space, 'status'>;
  always?: boolean;
}) {
  const t = useT();
  const status = statusOf(space);
  if (status === 'published' && !always) return null;
  return <span className={`tag tag--space-${status}`}>{t(`spaceStatus.${status}`)}</span>;
}

/**
 * Why a space takes nothing, said once at the top of the space and in place of a thread's
 * composer: a draft (organisers only see it), closed or archived (readable, no new posts).
 */
export function SpaceStatusNotice({ space }: { space: Pick<Space, 'status'> }) {
  const t = useT();
  const status = statusOf(space);
  if (status === 'published') return null;
  const text =
    status === 'draft'
      ? t('space.draftNotice')
      : status === 'closed'
        ? t('space.closedNotice')
        : t('space.archivedNotice');
  return (
    <p className={`space-status-notice space-status-notice--${status}`} role="status">
      {text}
    </p>
  );
}
