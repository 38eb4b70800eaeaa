import { useEffect, useRef } from 'react';
import { useData } from '../db/context';
import { useT } from '../i18n/useT';
import { useAnnounce } from '../ui/Announcer';
import type { MessageId } from '../i18n/I18nProvider';

const LABEL: Record<'offline' | 'syncing' | 'synced', MessageId> = {
  offline: 'sync.offline',
  syncing: 'sync.syncing',
  synced: 'sync.synced',
};

/** A small dot and word in the header; going offline and coming back are announced. */
export function SyncIndicator() {
  const t = useT();
  const announce = useAnnounce();
  const { connection } = useData();
  const wasOffline = useRef(connection === 'offline');
  useEffect(() => {
    const offline = connection === 'offline';
    if (offline !== wasOffline.current) announce(t(offline ? 'sync.announceOffline' : 'sync.announceOnline'));
    wasOffline.current = offline;
  }, [connection, announce, t]);
  return (
    <p className={`sync sync--${connection}`}>
      <span className="sync__dot" aria-hidden="true" />
      {t(LABEL[connection])}
    </p>
  );
}
