import { useId, useRef } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/useT';
import { formatSize } from './AttachmentList';
import { canDownscale } from './downscale';
import { ALLOWED_ACCEPT } from './file-outbox';
import './attachments.css';

/** Matches the server's default (MAX_UPLOAD_BYTES); the server's own limit is the one that counts. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILES = 10;

/** The composer's files: choose, see, remove; and whether to shrink photos before sending. */
export function AttachPicker({
  files,
  onChange,
  shrink,
  onShrinkChange,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  shrink: boolean;
  onShrinkChange: (shrink: boolean) => void;
}) {
  const t = useT();
  const intl = useIntl();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const tooBig = files.filter((f) => f.size > MAX_FILE_BYTES);
  return (
    <div className="attach">
      <input
        ref={input}
        id={`${id}-files`}
        type="file"
        multiple
        accept={ALLOWED_ACCEPT}
        className="attach__input"
        onChange={(e) => {
          const chosen = [...(e.target.files ?? [])];
          onChange([...files, ...chosen].slice(0, MAX_FILES));
          e.target.value = '';
        }}
      />
      <label htmlFor={`${id}-files`} className="button button--quiet attach__button">
        {t('attachments.add')}
      </label>
      {files.length > 0 && (
        <ul className="attachments" aria-label={t('attachments.chosen')}>
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`} className="attachments__item">
              <span className="attachments__name">{f.name}</span>
              <span className="attachments__size muted">{formatSize(intl, f.size)}</span>
              <button
                type="button"
                className="button button--quiet"
                aria-label={t('attachments.remove', { name: f.name })}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {tooBig.length > 0 && (
        <p className="composer__problem" role="alert">
          {t('attachments.tooBig', { max: formatSize(intl, MAX_FILE_BYTES) })}
        </p>
      )}
      {files.some(canDownscale) && (
        <label className="checkbox">
          <input type="checkbox" checked={shrink} onChange={(e) => onShrinkChange(e.target.checked)} />
          <span>{t('attachments.shrink')}</span>
        </label>
      )}
    </div>
  );
}
