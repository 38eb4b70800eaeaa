import { useState } from 'react';
import { useT } from '../i18n/useT';
import { applyUpdate, usePwa } from './pwa';

/**
 * "A new version of Parley is ready": shown, never acted upon, until the user presses Reload (a
 * page may hold a draft). Drafts are saved before the reload and restored after it.
 */
export function UpdatePrompt() {
  const t = useT();
  const { updateReady } = usePwa();
  const [busy, setBusy] = useState(false);
  if (!updateReady) return null;
  return (
    <div className="update-prompt" role="status" aria-live="polite">
      <p className="update-prompt__text">{t('update.ready')}</p>
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void applyUpdate().catch(() => setBusy(false));
        }}
      >
        {t('update.reload')}
      </button>
    </div>
  );
}
