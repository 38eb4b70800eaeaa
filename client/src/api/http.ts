import type { ErrorCode } from '@parley/shared';

/**
 * The one way the client talks HTTP to its server: same-origin, cookie session, JSON bodies
 * (the server refuses a POST without `Content-Type: application/json`, its CSRF defence).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network' | 'unknown',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface HttpOptions {
  /** Base URL, empty in the browser (same origin); tests give a full one. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Extra request headers (the replication's push asks for its stored rows back). */
  headers?: Record<string, string>;
  /** Give up after this long (default 60 s), so a connection that never answers can't stall sync. */
  timeoutMs?: number;
}

/**
 * Long enough for a 1,000-post pull page on 2G; a half-open connection (a phone that changed
 * cell, a proxy that died) otherwise keeps a replication waiting forever.
 */
export const REQUEST_TIMEOUT_MS = 60_000;

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: ErrorCode; message?: string } };
    if (body.error?.code) return new ApiError(response.status, body.error.code, body.error.message ?? '');
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, 'unknown', `HTTP ${response.status}`);
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: HttpOptions = {},
): Promise<T> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  // One deadline for the headers and the body: a response can also stall half-way.
  const signal = AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  try {
    const response = await doFetch(`${options.baseUrl ?? ''}${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal,
    });
    if (!response.ok) throw await errorFrom(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
  }
}
