import { VIEWER_HEADER } from '@parley/shared';

/** A small HTTP client for tests: real requests over loopback, with a cookie jar like a browser's. */
export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  json?: unknown;
  /** A raw body, sent as is (with the content type given in headers). */
  body?: string;
  headers?: Record<string, string>;
}

const SIGN_IN = /^\/api\/auth\/(login|register)$/;
const PUSH = /^\/api\/sync\/[a-z]+\/push$/;

export class TestClient {
  readonly cookies = new Map<string, string>();
  /**
   * Whom this "device" believes is signed in. Like the app, it names them (VIEWER_HEADER) on every
   * push, where the server requires it; set by makeUser and by a successful sign-in or sign-up.
   */
  viewerId: string | undefined;

  constructor(readonly baseUrl: string) {}

  /** The same session against another server instance (sessions live in the database). */
  at(baseUrl: string): TestClient {
    const other = new TestClient(baseUrl);
    for (const [k, v] of this.cookies) other.cookies.set(k, v);
    other.viewerId = this.viewerId;
    return other;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.viewerId !== undefined && PUSH.test(path)) headers[VIEWER_HEADER] ??= this.viewerId;
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    if (body === undefined && method !== 'GET' && method !== 'HEAD')
      headers['content-type'] ??= 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    this.keepCookies(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    if (res.ok && SIGN_IN.test(path)) this.viewerId = (parsed as { id?: string }).id ?? this.viewerId;
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(path: string, json?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, json });
  }

  /** Applies Set-Cookie like a browser: Max-Age=0 or an expired date deletes. */
  private keepCookies(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k = '', v = ''] = a.trim().split('=');
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Opens an event stream; events are collected as they arrive. */
  async openStream(path: string): Promise<EventStream> {
    const controller = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.baseUrl + path, { headers, signal: controller.signal });
    return new EventStream(res, controller);
  }
}

/** Reads `data:` events of a text/event-stream response. */
export class EventStream {
  readonly events: unknown[] = [];
  readonly comments: string[] = [];
  private waiters: (() => void)[] = [];
  /** Settles when the server ends the stream (or close() aborts it). */
  readonly ended: Promise<void>;

  constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    this.ended = this.read();
  }

  private async read() {
    const reader = this.response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of block.split('\n')) {
            if (line.startsWith('data: ')) this.events.push(JSON.parse(line.slice(6)));
            else if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
          }
          for (const wake of this.waiters.splice(0)) wake();
        }
      }
    } catch {
      // Aborted by close().
    }
  }

  /** Waits until an event matches, or fails after timeoutMs. */
  async waitFor<T>(match: (event: unknown) => T | undefined, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const event of this.events) {
        const found = match(event);
        if (found !== undefined) return found;
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close() {
    this.controller.abort();
    await this.ended;
  }
}
