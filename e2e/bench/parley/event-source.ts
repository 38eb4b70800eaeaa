/**
 * A minimal EventSource for Node (its own is behind --experimental-eventsource), built on a given
 * fetch so that the stream's request is counted with the others and carries the session cookie.
 * It behaves like the browser's where client/src/sync/stream.ts relies on it: `open` on a 200
 * event-stream, `message` per event, and on a dropped connection `error` with readyState
 * CONNECTING, then a reconnect; an HTTP error fails it for good (readyState CLOSED), so the app's
 * own backoff takes over.
 */
export function eventSourceOver(doFetch: typeof fetch, reconnectMs = 1_000): typeof EventSource {
  class FetchEventSource {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    readyState = FetchEventSource.CONNECTING;
    onopen: (() => void) | null = null;
    onmessage: ((event: MessageEvent<string>) => void) | null = null;
    onerror: (() => void) | null = null;
    private readonly abort = new AbortController();
    private timer: NodeJS.Timeout | undefined;

    constructor(readonly url: string) {
      void this.connect();
    }

    close(): void {
      this.readyState = FetchEventSource.CLOSED;
      clearTimeout(this.timer);
      this.abort.abort();
    }

    private async connect(): Promise<void> {
      let response: Response;
      try {
        response = await doFetch(this.url, {
          headers: { accept: 'text/event-stream' },
          cache: 'no-store',
          signal: this.abort.signal,
        });
      } catch {
        return this.dropped();
      }
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
        this.readyState = FetchEventSource.CLOSED;
        this.onerror?.();
        return;
      }
      this.readyState = FetchEventSource.OPEN;
      this.onopen?.();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          // Events end with a blank line; keep an incomplete one for the next chunk.
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
            if (data.length > 0 && this.readyState === FetchEventSource.OPEN)
              this.onmessage?.({ data: data.join('\n') } as MessageEvent<string>);
          }
        }
      } catch {
        // dropped mid-stream
      }
      this.dropped();
    }

    private dropped(): void {
      if (this.readyState === FetchEventSource.CLOSED) return;
      this.readyState = FetchEventSource.CONNECTING;
      this.onerror?.();
      this.timer = setTimeout(() => void this.connect(), reconnectMs);
    }
  }
  return FetchEventSource as unknown as typeof EventSource;
}
