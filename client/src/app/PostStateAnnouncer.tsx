import { useEffect, useRef } from 'react';
import { useMyPosts } from '../db/queries';
import { useOnline } from '../db/context';
import { useSession } from '../session/SessionProvider';
import { postState } from '../posts/postState';
import { postStateLabel } from '../ui/PostStateBadge';
import { useAnnounce } from '../ui/Announcer';
import { useT } from '../i18n/useT';

/** Tells the author, wherever they are in the app, when one of their posts changes state. */
export function PostStateAnnouncer() {
  const t = useT();
  const announce = useAnnounce();
  const { me } = useSession();
  const online = useOnline();
  const posts = useMyPosts(me?.id ?? null);
  const seen = useRef<Map<string, string> | null>(null);
  useEffect(() => {
    if (!posts) return;
    const next = new Map(posts.map((p) => [p.id, postState(p, online).key] as const));
    const before = seen.current;
    seen.current = next;
    if (!before) return; // first load: nothing changed
    const changed = posts.filter((p) => before.has(p.id) && before.get(p.id) !== next.get(p.id));
    const last = changed[changed.length - 1];
    if (last) announce(t('postState.announce', { state: postStateLabel(t, postState(last, online).key) }));
  }, [posts, online, announce, t]);
  return null;
}
