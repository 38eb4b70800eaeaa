import { useId, useState } from 'react';
import { useDataSaver } from '../../settings/data-saver';
import { AccountSection } from '../../account/AccountSection';
import { StorageSection } from './StorageSection';
import { install, usePwa } from '../../pwa/pwa';
import { useT } from '../../i18n/useT';
import { useAnnounce } from '../../ui/Announcer';
import { PageTitle } from '../../ui/Page';
import './settings.css';

export function SettingsPage() {
  const t = useT();
  const announce = useAnnounce();
  const [dataSaver, setDataSaver] = useDataSaver();
  const { canInstall, installed } = usePwa();
  const [declined, setDeclined] = useState(false);
  const id = useId();
  return (
    <section className="stack">
      <PageTitle title={t('settings.title')}>{t('settings.title')}</PageTitle>

      <section className="card setting" aria-labelledby={`${id}-saver`}>
        <h2 id={`${id}-saver`}>{t('settings.dataSaver')}</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={dataSaver}
            aria-describedby={`${id}-saver-help`}
            onChange={(e) => {
              setDataSaver(e.target.checked);
              announce(t(e.target.checked ? 'settings.dataSaverOn' : 'settings.dataSaverOff'));
            }}
          />
          <span>{t('settings.dataSaverLabel')}</span>
        </label>
        <p id={`${id}-saver-help`} className="muted setting__help">
          {t('settings.dataSaverHelp')}
        </p>
      </section>

      <StorageSection />

      <section className="card setting" aria-labelledby={`${id}-install`}>
        <h2 id={`${id}-install`}>{t('settings.install')}</h2>
        {installed ? (
          <p className="muted">{t('settings.installed')}</p>
        ) : canInstall ? (
          <>
            <p className="muted setting__help">{t('settings.installHelp')}</p>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void install().then((ok) => setDeclined(!ok))}
            >
              {t('settings.installButton')}
            </button>
          </>
        ) : (
          <p className="muted setting__help">
            {t(declined ? 'settings.installDeclined' : 'settings.installManual')}
          </p>
        )}
      </section>

      <AccountSection />
    </section>
  );
}
