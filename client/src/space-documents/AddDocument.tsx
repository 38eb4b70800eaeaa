import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Space } from '@parley/shared';
import { MAX_FILE_BYTES } from '../attachments/AttachPicker';
import { formatSize } from '../attachments/AttachmentList';
import { ALLOWED_ACCEPT } from '../attachments/file-outbox';
import { sendFile, UploadRefused } from '../attachments/tus-upload';
import { useData } from '../db/context';
import { useT } from '../i18n/useT';
import type { MessageId } from '../i18n/I18nProvider';
import { useAnnounce } from '../ui/Announcer';
import { addSpaceDocument } from './documents-api';

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; percent: number }
  | { kind: 'problem'; message: MessageId };

/**
 * "Add a document" (administrators): the file goes through the resumable upload like a post's
 * (its type checked by content on the server), then is bound to the space; the space's next pull
 * brings the new list to every device.
 */
export function AddDocument({ space }: { space: Space }) {
  const t = useT();
  const intl = useIntl();
  const id = useId();
  const announce = useAnnounce();
  const { connection, sync } = useData();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const offline = connection === 'offline';

  const add = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) return setState({ kind: 'problem', message: 'documents.tooBig' });
    setState({ kind: 'uploading', name: file.name, percent: 0 });
    try {
      const uploadId = await sendFile(file, (f) =>
        setState({ kind: 'uploading', name: file.name, percent: Math.round(f * 100) }),
      );
      await addSpaceDocument(space.slug, uploadId);
      sync?.reSync();
      setState({ kind: 'idle' });
      announce(t('documents.added', { name: file.name }));
    } catch (error) {
      const refused = error instanceof UploadRefused && error.status !== 429;
      setState({
        kind: 'problem',
        message: refused
          ? error.status === 413
            ? 'documents.tooBig'
            : 'documents.refused'
          : 'documents.failed',
      });
    }
  };

  return (
    <div className="add-document">
      <input
        id={`${id}-file`}
        type="file"
        accept={ALLOWED_ACCEPT}
        className="attach__input"
        disabled={offline || state.kind === 'uploading'}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void add(file);
        }}
      />
      <label
        htmlFor={`${id}-file`}
        className="button button--quiet attach__button"
        aria-disabled={offline || state.kind === 'uploading'}
      >
        {t('documents.add')}
      </label>
      {state.kind === 'uploading' && (
        <progress
          max={100}
          value={state.percent}
          aria-label={t('documents.uploading', { name: state.name })}
        />
      )}
      {state.kind === 'problem' && (
        <p role="alert" className="add-document__problem">
          {t(state.message, { max: formatSize(intl, MAX_FILE_BYTES) })}
        </p>
      )}
      {offline && <p className="muted">{t('documents.addNeedsConnection')}</p>}
    </div>
  );
}
