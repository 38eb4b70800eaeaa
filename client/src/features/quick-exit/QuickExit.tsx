import { useT } from '../../i18n/useT';
import './quick-exit.css';

/** A neutral page to land on: nothing about it says where the person was. */
export const NEUTRAL_SITE = 'https://www.wikipedia.org/';

/**
 * Leaves the app at once for someone who may be watched: replace() swaps the current history
 * entry, so Back does not return to Parley, and nothing is asked first. Always on screen.
 */
export function QuickExit() {
  const t = useT();
  return (
    <button
      type="button"
      className="quick-exit"
      onClick={() => {
        try {
          sessionStorage.clear();
        } catch {
          // storage may be unavailable: leaving matters more
        }
        window.location.replace(NEUTRAL_SITE);
      }}
    >
      {t('quickExit.label')}
    </button>
  );
}
