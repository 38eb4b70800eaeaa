import { useId } from 'react';
import type { Space } from '@parley/shared';
import { useT } from '../../i18n/useT';
import { isFollowed, useFollowedSpaces } from '../../settings/followed-spaces';
import { useFollowSpace } from '../../settings/use-follow-space';

/** The space page's switch, with what it means; an unfollowed space says why it shows no posts. */
export function FollowToggle({ space }: { space: Space }) {
  const t = useT();
  const id = useId();
  const [following, toggle] = useFollowSpace(space);
  return (
    <section className="card follow" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="follow__heading">
        {t('follow.heading')}
      </h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={following}
          aria-describedby={`${id}-help`}
          onChange={(e) => toggle(e.target.checked)}
        />
        <span>{t('follow.label')}</span>
      </label>
      <p id={`${id}-help`} className={following ? 'muted follow__help' : 'follow__help follow__help--off'}>
        {t(following ? 'follow.help' : 'follow.notFollowed')}
      </p>
    </section>
  );
}

/** On the space list: an unfollowed space stays listed, marked so. */
export function NotFollowedTag({ spaceId }: { spaceId: string }) {
  const t = useT();
  const followed = useFollowedSpaces();
  if (isFollowed(followed, spaceId)) return null;
  return <span className="tag tag--closed">{t('follow.notFollowedTag')}</span>;
}
