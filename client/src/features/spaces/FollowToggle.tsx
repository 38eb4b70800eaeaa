import { useId } from 'react';
import type { Space } from '@parley/shared';
import { useSpaces } from '../../db/queries';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { useLocalized } from '../../ui/LocalizedText';
import { isFollowed, setFollowed, useFollowedSpaces, withFollowing } from '../../settings/followed-spaces';

/** Follow or unfollow one space on this device: whether its posts are downloaded and kept here. */
export function useFollowSpace(space: Space): [boolean, (follow: boolean) => void] {
  const t = useT();
  const announce = useAnnounce();
  const followed = useFollowedSpaces();
  const spaces = useSpaces();
  const title = useLocalized(space.title, space.languages).text;
  const toggle = (follow: boolean) => {
    const listed = (spaces ?? []).map((s) => s.id);
    setFollowed(
      withFollowing(followed, space.id, follow, listed.includes(space.id) ? listed : [...listed, space.id]),
    );
    announce(t(follow ? 'follow.announceOn' : 'follow.announceOff', { title }));
  };
  return [isFollowed(followed, space.id), toggle];
}

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
