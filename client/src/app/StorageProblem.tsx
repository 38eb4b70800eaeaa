import { useData } from '../db/context';
import { useT } from '../i18n/useT';

/**
 * Said at the top of every screen when the device's database cannot open (storage full, disabled
 * or broken): without it every list would say "Loading" for ever. Try again opens it anew.
 */
export function StorageProblem() {
  const t = useT();
  const { failed, reopen } = useData();
  if (!failed) return null;
  return (
    <div className="storage-problem" role="alert">
      <p>{t('storage.failed')}</p>
      <button type="button" className="button" onClick={reopen}>
        {t('storage.retry')}
      </button>
    </div>
  );
}
