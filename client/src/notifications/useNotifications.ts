import { useCallback, useEffect, useState } from 'react';
import { useMyPosts, useRepliesTo } from '../db/queries';
import { useSession } from '../session/SessionProvider';
import { allNoticesOf, markRead, onReadChange, readAtOf, type Notice } from './notifications';

/** The signed-in user's notices (decisions on their posts, replies to them), live; `markAllRead` marks what is listed now as read. */
export function useNotifications(): {
  notices: Notice[] | undefined;
  unread: number;
  markAllRead: () => void;
} {
  const { me } = useSession();
  const viewerId = me?.id ?? null;
  const posts = useMyPosts(viewerId);
  const replies = useRepliesTo(posts);
  const [readAt, setReadAt] = useState<string | null>(null);
  useEffect(() => {
    if (!viewerId) return;
    setReadAt(readAtOf(viewerId));
    return onReadChange(() => setReadAt(readAtOf(viewerId)));
  }, [viewerId]);
  const notices =
    viewerId && posts && replies && readAt ? allNoticesOf(posts, replies, viewerId, readAt) : undefined;
  const newest = notices?.[0]?.at ?? null;
  const markAllRead = useCallback(() => {
    if (viewerId && newest) markRead(viewerId, newest);
  }, [viewerId, newest]);
  return { notices, unread: notices?.filter((n) => n.unread).length ?? 0, markAllRead };
}
