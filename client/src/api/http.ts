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
}

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
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: HttpOptions = {},
): Promise<T> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(`${options.baseUrl ?? ''}${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
