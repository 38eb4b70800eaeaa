import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useData } from '../db/context';
import { useT } from '../i18n/useT';
import { useAnnounce } from '../ui/Announcer';
import type { MessageId } from '../i18n/I18nProvider';

const LABEL: Record<'offline' | 'syncing' | 'synced', MessageId> = {
  offline: 'sync.offline',
  syncing: 'sync.syncing',
  synced: 'sync.synced',
};

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday", "now" (Intl.RelativeTimeFormat, numeric: auto). */
export function relativeParts(ms: number): { value: number; unit: Intl.RelativeTimeFormatUnit } {
  const ago = Math.max(0, ms);
  for (const [unit, size] of UNITS) if (ago >= size) return { value: -Math.floor(ago / size), unit };
  return { value: 0, unit: 'second' };
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Always visible in the sticky header: the connection state (dot + word) and when the device
 * last heard from the server. Going offline and coming back are announced.
 */
export function SyncIndicator() {
  const t = useT();
  const intl = useIntl();
  const announce = useAnnounce();
  const { connection, lastSyncedAt } = useData();
  const now = useNow(30_000);
  const wasOffline = useRef(connection === 'offline');
  useEffect(() => {
    const offline = connection === 'offline';
    if (offline !== wasOffline.current) announce(t(offline ? 'sync.announceOffline' : 'sync.announceOnline'));
    wasOffline.current = offline;
  }, [connection, announce, t]);
  const rel = lastSyncedAt === null ? null : relativeParts(Math.max(now, Date.now()) - lastSyncedAt);
  const when =
    rel === null ? null : intl.formatRelativeTime(rel.value, rel.unit, { numeric: 'auto', style: 'short' });
  return (
    <p className={`sync sync--${connection}`} data-testid="sync-indicator">
      <span className="sync__dot" aria-hidden="true" />
      <span className="sync__text">
        <span className="sync__state">{t(LABEL[connection])}</span>
        {when !== null && connection !== 'syncing' && (
          <span className="sync__when">{t('sync.lastSynced', { when })}</span>
        )}
      </span>
    </p>
  );
}
