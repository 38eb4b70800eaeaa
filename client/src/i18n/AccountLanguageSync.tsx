import { useEffect } from 'react';
import { useData } from '../db/context';
import { useSession } from '../session/SessionProvider';
import { flushAccountLang } from './account-lang';

/**
 * Tells the account a UI language chosen offline once the server is reachable again: when the
 * app starts, whenever the replication finds the server again, and at the browser's `online`.
 */
export function AccountLanguageSync() {
  const { me } = useSession();
  const { connection } = useData();
  const userId = me?.id ?? null;
  const reachable = connection !== 'offline';

  useEffect(() => {
    if (!userId || !reachable) return;
    void flushAccountLang(userId);
  }, [userId, reachable]);

  useEffect(() => {
    if (!userId) return;
    const retry = () => void flushAccountLang(userId);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [userId]);

  return null;
}
