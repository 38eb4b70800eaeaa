import { Observable } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { STREAM_RESYNC } from '@parley/shared';
import { backoffDelay, type BackoffOptions } from '../connectivity/backoff';

export interface StreamOptions {
  EventSource?: typeof EventSource;
  /** Reconnect delay after the server closed the stream for good; doubles, with jitter (backoff.ts). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The pull stream of one collection, fed by the server's SSE route. Cold: the EventSource opens when
 * the replication subscribes (only in the tab that leads replication) and closes when it unsubscribes.
 *
 * 1. On every open (the first one and each reconnect) it emits 'RESYNC', so RxDB pulls from its
 *    checkpoint whatever happened while the stream was down.
 * 2. Each message is `{ documents, checkpoint }` or "RESYNC".
 * 3. The browser reconnects by itself after a network error; when it gives up (the server answered
 *    with an error status), we reconnect with backoff, and at once when the device comes online.
 */
export function eventStream<T, C>(
  url: string,
  options: StreamOptions = {},
): Observable<RxReplicationPullStreamItem<T, C>> {
  const ES = options.EventSource ?? globalThis.EventSource;
  // Half jitter: the server refused this stream (a limit, a restart), so never straight back.
  const backoff: BackoffOptions = {
    baseMs: options.minDelayMs ?? 2_000,
    maxMs: options.maxDelayMs ?? 60_000,
    jitter: 0.5,
  };
  return new Observable((subscriber) => {
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;

    const connect = () => {
      clearTimeout(timer);
      source?.close();
      if (stopped) return;
      source = new ES(url, { withCredentials: true });
      source.onopen = () => {
        attempt = 0;
        subscriber.next('RESYNC');
      };
      source.onmessage = (event: MessageEvent<string>) => {
        if (event.data === STREAM_RESYNC) return subscriber.next('RESYNC');
        try {
          const data = JSON.parse(event.data) as RxReplicationPullStreamItem<T, C>;
          subscriber.next(data === STREAM_RESYNC ? 'RESYNC' : data);
        } catch {
          // A malformed event: pull from the checkpoint rather than trust it.
          subscriber.next('RESYNC');
        }
      };
      source.onerror = () => {
        if (source?.readyState !== ES.CLOSED) return; // the browser is retrying by itself
        timer = setTimeout(connect, backoffDelay(attempt++, backoff));
      };
    };
    const onOnline = () => {
      if (!source || source.readyState === ES.CLOSED) connect();
    };

    connect();
    globalThis.addEventListener?.('online', onOnline);
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      globalThis.removeEventListener?.('online', onOnline);
    };
  });
}
