import { useState } from 'react';
import { useIntl } from 'react-intl';
import { map } from 'rxjs';
import type { Space } from '@parley/shared';
import { useData, useLive } from '../../db/context';
import type { FullSyncProgress } from '../../sync/sync-types';
import { useT } from '../../i18n/useT';
import type { MessageId } from '../../i18n/I18nProvider';
import { useAnnounce } from '../../ui/Announcer';
import { canKeepOffline, keepOffline } from '../../space-documents/document-cache';

const KEY = 'parley.offlineSpaces';

/** Spaces the user made available offline, with when: kept in localStorage, for this device. */
function savedSpaces(): Record<string, number> {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Record<string, number>;
  } catch {
    return {};
  }
}
function remember(spaceId: string, at: number): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify({ ...savedSpaces(), [spaceId]: at }));
  } catch {
    // shown for this visit only
  }
}

const COLLECTIONS: Record<string, MessageId> = {
  spaces: 'space.offline.collection.spaces',
  questions: 'space.offline.collection.questions',
  posts: 'space.offline.collection.posts',
  moderation: 'space.offline.collection.moderation',
};

type Run = { kind: 'idle' } | { kind: 'running'; progress: FullSyncProgress | null } | { kind: 'failed' };

/**
 * "Make this space available offline": pulls every collection again from the start (a full
 * re-sync through the replication), with progress, then says what is on the device. Every
 * post the user may see replicates anyway; this makes sure of it now, before the bus leaves.
 * The space's documents are saved on the device too (even with data saver: this is the ask).
 */
export function OfflineAction({ space }: { space: Space }) {
  const t = useT();
  const intl = useIntl();
  const announce = useAnnounce();
  const { sync, connection } = useData();
  const [savedAt, setSavedAt] = useState<number | null>(() => savedSpaces()[space.id] ?? null);
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  const counts = useLive(
    (db) =>
      db.questions.count({ selector: { spaceId: space.id } }).$.pipe(map((questions) => ({ questions }))),
    [space.id],
  );
  const posts = useLive((db) => db.posts.count({ selector: { spaceId: space.id } }).$, [space.id]);
  const offline = connection === 'offline';

  const start = async () => {
    if (!sync) return;
    setRun({ kind: 'running', progress: null });
    try {
      await sync.fullSync((progress) => setRun({ kind: 'running', progress }));
      const documents = canKeepOffline() ? space.documents : [];
      const saved = await Promise.all(documents.map((d) => keepOffline(d.id)));
      if (saved.includes(false)) throw new Error('a document did not arrive');
      const at = Date.now();
      remember(space.id, at);
      setSavedAt(at);
      setRun({ kind: 'idle' });
      announce(t('space.offline.announceDone'));
    } catch {
      setRun({ kind: 'failed' });
    }
  };

  const progress = run.kind === 'running' ? run.progress : null;
  const received = progress ? Object.values(progress.received).reduce((a, b) => a + b, 0) : 0;
  return (
    <section className="offline-action card" aria-label={t('space.offline.button')}>
      <button
        type="button"
        className="button button--quiet button--wide"
        disabled={!sync || offline || run.kind === 'running'}
        onClick={() => void start()}
      >
        {t(savedAt ? 'space.offline.again' : 'space.offline.button')}
      </button>
      {run.kind === 'running' && (
        <>
          <progress
            className="offline-action__bar"
            max={progress?.total ?? 1}
            value={progress?.done ?? 0}
            aria-label={t('space.offline.button')}
          />
          <p className="offline-action__status" role="status">
            {progress &&
              t('space.offline.progress', {
                collection: t(COLLECTIONS[progress.collection] ?? 'space.offline.collection.posts'),
                done: progress.done,
                total: progress.total,
                count: received,
              })}
          </p>
        </>
      )}
      {run.kind === 'failed' && (
        <p className="offline-action__status offline-action__status--problem" role="alert">
          {t('space.offline.failed')}
        </p>
      )}
      {offline && run.kind !== 'running' && (
        <p className="offline-action__status muted">{t('space.offline.needsConnection')}</p>
      )}
      {savedAt !== null && run.kind === 'idle' && counts && posts !== undefined && (
        <p className="offline-action__status offline-action__status--ok" data-testid="offline-status">
          {t('space.offline.done', {
            questions: counts.questions,
            posts,
            when: intl.formatDate(savedAt, { dateStyle: 'medium', timeStyle: 'short' }),
          })}
        </p>
      )}
    </section>
  );
}
