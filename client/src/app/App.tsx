import { StrictMode } from 'react';
import { SessionProvider, useSession, isModerator } from '../session/SessionProvider';
import { I18nProvider } from '../i18n/I18nProvider';
import { AnnouncerProvider } from '../ui/Announcer';
import { AccountLanguageSync } from '../i18n/AccountLanguageSync';
import { DataProvider } from './DataProvider';
import { Layout } from './Layout';
import { PostStateAnnouncer } from './PostStateAnnouncer';
import { KeepPostFiles } from '../attachments/KeepPostFiles';
import { Routes } from './routes';

function WithViewer() {
  const { me, signedOutId, recheck } = useSession();
  return (
    <I18nProvider accountLang={me?.lang ?? null}>
      <DataProvider
        viewerId={me?.id ?? null}
        moderator={isModerator(me)}
        admin={me?.role === 'admin'}
        signedOutId={signedOutId}
        onViewerChanged={recheck}
      >
        <AnnouncerProvider>
          <PostStateAnnouncer />
          <KeepPostFiles />
          <AccountLanguageSync />
          <Layout>
            <Routes />
          </Layout>
        </AnnouncerProvider>
      </DataProvider>
    </I18nProvider>
  );
}

export function App() {
  return (
    <StrictMode>
      <SessionProvider>
        <WithViewer />
      </SessionProvider>
    </StrictMode>
  );
}
