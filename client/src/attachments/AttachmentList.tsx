import { useEffect, useState, useSyncExternalStore } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { Post } from '@parley/shared';
import { useT } from '../i18n/useT';
import { useDataSaver } from '../settings/data-saver';
import { fileOutbox, uploadProgress, type QueuedFile } from './file-outbox';
import './attachments.css';

export function formatSize(intl: IntlShape, bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return intl.formatNumber(bytes / (1024 * 1024), {
      style: 'unit',
      unit: 'megabyte',
      maximumFractionDigits: 1,
    });
  }
  return intl.formatNumber(Math.max(1, Math.round(bytes / 1024)), { style: 'unit', unit: 'kilobyte' });
}

/**
 * A post's files, with name and size. With data saver on, nothing is listed for download until
 * the reader taps (a link costs nothing, but a tap on it does: the tap is the consent).
 */
export function AttachmentList({ attachments }: { attachments: Post['attachments'] }) {
  const t = useT();
  const intl = useIntl();
  const [dataSaver] = useDataSaver();
  const [shown, setShown] = useState(false);
  if (attachments.length === 0) return null;
  if (dataSaver && !shown) {
    const total = attachments.reduce((sum, a) => sum + a.size, 0);
    return (
      <button
        type="button"
        className="button button--quiet attachments__reveal"
        onClick={() => setShown(true)}
      >
        {t('attachments.show', { count: attachments.length, size: formatSize(intl, total) })}
      </button>
    );
  }
  return (
    <ul className="attachments" aria-label={t('attachments.label')}>
      {attachments.map((a) => (
        <li key={a.id} className="attachments__item">
          <a href={`/api/attachments/${a.id}`} download={a.name} className="attachments__link">
            <span className="attachments__name">{a.name}</span>
          </a>
          <span className="attachments__size muted">{formatSize(intl, a.size)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A file the server would not take because the account's storage is full: it stays queued (the
 * post keeps waiting for it, nothing is lost), is tried again later, and can be removed here.
 */
function HeldByQuota({ queued }: { queued: QueuedFile }) {
  const t = useT();
  const intl = useIntl();
  const remaining = queued.held?.remainingBytes ?? 0;
  const left =
    remaining > 0 ? formatSize(intl, remaining) : intl.formatNumber(0, { style: 'unit', unit: 'kilobyte' });
  return (
    <li className="attachments__item">
      <span className="attachments__name">{queued.file.name}</span>
      <button
        type="button"
        className="button button--quiet"
        aria-label={t('attachments.remove', { name: queued.file.name })}
        onClick={() => void fileOutbox.remove(queued.key)}
      >
        ×
      </button>
      <p className="attachments__held" role="alert">
        {t('attachments.quotaFull', { left })}
      </p>
    </li>
  );
}

function Progress({ queued }: { queued: QueuedFile }) {
  const t = useT();
  const fraction = useSyncExternalStore(uploadProgress.subscribe, () => uploadProgress.get(queued.key));
  const percent = Math.round(fraction * 100);
  return (
    <li className="attachments__item attachments__item--uploading">
      <span className="attachments__name">{queued.file.name}</span>
      <progress
        max={100}
        value={percent}
        aria-label={t('attachments.uploading', { name: queued.file.name })}
      />
      <span className="muted">{percent > 0 ? `${percent}%` : t('attachments.waiting')}</span>
    </li>
  );
}

/** The author's own files still on their way (waiting for a connection, or uploading). */
export function QueuedAttachments({ postId }: { postId: string }) {
  const t = useT();
  const [queued, setQueued] = useState<QueuedFile[]>([]);
  useEffect(() => {
    const sub = fileOutbox.forPost(postId).subscribe({ next: setQueued, error: () => setQueued([]) });
    return () => sub.unsubscribe();
  }, [postId]);
  if (queued.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('attachments.queuedLabel')}>
      {queued.map((q) =>
        q.held ? <HeldByQuota key={q.key} queued={q} /> : <Progress key={q.key} queued={q} />,
      )}
    </ul>
  );
}
