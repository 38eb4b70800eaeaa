import {
  captureException,
  init,
  makeBrowserOfflineTransport,
  makeFetchTransport,
  withScope,
  type BrowserOptions,
} from '@sentry/browser';
import { loadStoredMe } from '../session/session';
import type { FailureKind } from './report';
import { scrubBreadcrumb, scrubEvent, type ScrubContext } from './scrub';

/** Set by the build (vite `define`); a dev server reports as "dev". */
declare const __PARLEY_RELEASE__: string | undefined;

function scrubContext(): ScrubContext {
  const me = loadStoredMe();
  return { personal: me ? [me.displayName, me.email] : [] };
}

/**
 * Sentry with the offline transport: an event that cannot be sent (no network, endpoint down) is
 * kept in IndexedDB on the device and sent when the browser says it is back online, or at the
 * next start. Only this module imports @sentry/browser, so it is a chunk of its own.
 */
export function initSentry(options: { dsn: string; environment: string }) {
  init({
    dsn: options.dsn,
    environment: options.environment,
    release: typeof __PARLEY_RELEASE__ === 'string' ? __PARLEY_RELEASE__ : 'parley-client@dev',
    transport: makeBrowserOfflineTransport(makeFetchTransport),
    // Sent at the next start, too: a device that was closed while offline still delivers.
    transportOptions: { flushAtStartup: true } as BrowserOptions['transportOptions'],
    // Errors only: no performance traces, no session replays.
    tracesSampleRate: 0,
    beforeSend: (event) => scrubEvent(event, scrubContext()),
    beforeBreadcrumb: (crumb) => scrubBreadcrumb(crumb, scrubContext()),
  });
  return (error: unknown, kind: FailureKind) =>
    withScope((scope) => {
      scope.setTag('failure', kind);
      captureException(error);
    });
}
