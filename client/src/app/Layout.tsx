import { useRef, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useT } from '../i18n/useT';
import { Nav } from './Nav';
import { SyncIndicator } from './SyncIndicator';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { AttachmentUploads } from '../attachments/AttachmentUploads';
import { QuickExit } from '../features/quick-exit/QuickExit';
import { useTallHeader } from './use-tall-header';
import { StorageProblem } from './StorageProblem';

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const header = useRef<HTMLElement>(null);
  const tall = useTallHeader(header);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header ref={header} className={tall ? 'header header--scrolls' : 'header'}>
        <Nav
          brand={
            <Link href="/" className="brand">
              <img src="/icon.svg" alt="" width="28" height="28" />
              <span>{t('app.name')}</span>
            </Link>
          }
          status={<SyncIndicator />}
        />
      </header>
      <UpdatePrompt />
      <AttachmentUploads />
      <main id="main" className="main" tabIndex={-1}>
        <StorageProblem />
        {children}
      </main>
      <QuickExit />
    </>
  );
}
