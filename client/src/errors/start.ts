import { connectReporter, disableReporting } from './report';

const DSN_KEY = 'parley.sentryDsn';

interface ClientConfig {
  sentryDsn: string | null;
  sentryEnvironment?: string | null;
}

function remembered(): ClientConfig | null {
  try {
    const raw = globalThis.localStorage?.getItem(DSN_KEY);
    return raw ? (JSON.parse(raw) as ClientConfig) : null;
  } catch {
    return null;
  }
}

function remember(config: ClientConfig): void {
  try {
    if (config.sentryDsn) globalThis.localStorage?.setItem(DSN_KEY, JSON.stringify(config));
    else globalThis.localStorage?.removeItem(DSN_KEY);
  } catch {
    // storage refused: reporting starts again once the server answers
  }
}

/**
 * Turns error reporting on when the server has a DSN. Sentry is a separate chunk, fetched only
 * then and after the first screen. Offline, the DSN last given by the server is used, so errors
 * of an offline session are kept on the device and sent later.
 */
export async function startErrorReporting(): Promise<void> {
  let config: ClientConfig | null = null;
  try {
    const res = await fetch('/api/config', { credentials: 'same-origin' });
    if (res.ok) {
      config = (await res.json()) as ClientConfig;
      remember(config);
    }
  } catch {
    // offline: fall back to what the server said last time
  }
  config ??= remembered();
  if (!config?.sentryDsn) {
    disableReporting();
    return;
  }
  const { initSentry } = await import('./sentry-client');
  connectReporter(
    initSentry({ dsn: config.sentryDsn, environment: config.sentryEnvironment ?? 'production' }),
  );
}
