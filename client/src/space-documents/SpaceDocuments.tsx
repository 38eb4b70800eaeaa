import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Space } from '@parley/shared';
import { formatSize } from '../attachments/AttachmentList';
import { useOnline } from '../db/context';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionProvider';
import { useDataSaver } from '../settings/data-saver';
import { AddDocument } from './AddDocument';
import {
  cachedDocumentIds,
  canKeepOffline,
  documentUrl,
  keepOffline,
  onDocumentsCached,
  saveCachedDocument,
} from './document-cache';
import './space-documents.css';

/** Which of the space's documents are on the device; re-read when one is saved. */
function useCached(documents: Space['documents']): Set<string> | undefined {
  const [cached, setCached] = useState<Set<string>>();
  const ids = documents.map((d) => d.id).join(',');
  useEffect(() => {
    let live = true;
    const refresh = () => void cachedDocumentIds(ids ? ids.split(',') : []).then((s) => live && setCached(s));
    refresh();
    const off = onDocumentsCached(refresh);
    return () => {
      live = false;
      off();
    };
  }, [ids]);
  return cached;
}

/**
 * The space's documents (concept note, guidance), kept offline with the space: opened online,
 * the page saves each one on the device, so the link still works with no network. With data
 * saver on, nothing is downloaded until the reader asks.
 */
export function SpaceDocuments({ space }: { space: Space }) {
  const t = useT();
  const intl = useIntl();
  const { me } = useSession();
  const online = useOnline();
  const [dataSaver] = useDataSaver();
  const cached = useCached(space.documents);
  const [saving, setSaving] = useState(false);
  const isAdmin = me?.role === 'admin';
  const missing = space.documents.filter((d) => cached && !cached.has(d.id));

  const saveAll = async () => {
    setSaving(true);
    await Promise.all(missing.map((d) => keepOffline(d.id)));
    setSaving(false);
  };
  const autoSave = online && !dataSaver && missing.length > 0;
  useEffect(() => {
    if (autoSave) void saveAll();
    // saveAll reads `missing`, which changes exactly when `autoSave`'s inputs do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoSave, missing.map((d) => d.id).join(',')]);

  if (space.documents.length === 0 && !isAdmin) return null;
  const status = (id: string) => {
    if (!canKeepOffline()) return null;
    if (cached?.has(id)) return <span className="space-documents__status--ok">{t('documents.offline')}</span>;
    if (!online) return <span className="muted">{t('documents.needsConnection')}</span>;
    if (saving) return <span className="muted">{t('documents.saving')}</span>;
    return <span className="muted">{t('documents.notOffline')}</span>;
  };
  return (
    <section className="space-documents card stack" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('documents.heading')}</h2>
      {space.documents.length === 0 ? (
        <p className="muted">{t('documents.none')}</p>
      ) : (
        <ul className="space-documents__list">
          {space.documents.map((d) => (
            <li key={d.id} className="space-documents__item" data-testid="space-document">
              <a
                href={documentUrl(d.id)}
                download={d.name}
                className="space-documents__link"
                onClick={(e) => {
                  if (!cached?.has(d.id)) return;
                  // The copy on the device: the same bytes, and it works with no network.
                  e.preventDefault();
                  void saveCachedDocument(d.id, d.name).then((ok) => {
                    if (!ok) window.location.assign(documentUrl(d.id));
                  });
                }}
              >
                {d.name}
              </a>
              <span className="space-documents__meta">
                <span className="muted">{formatSize(intl, d.size)}</span> {status(d.id)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {dataSaver && online && missing.length > 0 && canKeepOffline() && (
        <button
          type="button"
          className="button button--quiet"
          disabled={saving}
          onClick={() => void saveAll()}
        >
          {t('documents.keepOffline', {
            size: formatSize(
              intl,
              missing.reduce((sum, d) => sum + d.size, 0),
            ),
          })}
        </button>
      )}
      {isAdmin && <AddDocument space={space} />}
    </section>
  );
}
