import type { Space } from '@parley/shared';
import { useSpaces } from '../db/queries';
import { useT } from '../i18n/useT';
import { useAnnounce } from '../ui/Announcer';
import { useLocalized } from '../ui/LocalizedText';
import { isFollowed, setFollowed, useFollowedSpaces, withFollowing } from './followed-spaces';

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
