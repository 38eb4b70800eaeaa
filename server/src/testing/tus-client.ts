import type { TestClient } from './http-client';
import type { TestApp } from './test-app';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A raw tus request (tus-js-client's wire format) with the client's session cookie. */
export function tusRequest(
  app: TestApp,
  client: TestClient | null,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Uint8Array,
): Promise<Response> {
  const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  return fetch(app.url + path, {
    method,
    headers: { 'tus-resumable': '1.0.0', ...headers, ...(cookie ? { cookie } : {}) },
    body,
  });
}

/** Creates an upload and sends every byte in one PATCH; the id is the future attachment id. */
export async function tusUpload(app: TestApp, client: TestClient, name: string, bytes: Uint8Array) {
  const created = await tusRequest(app, client, 'POST', '/api/uploads', {
    'upload-length': String(bytes.length),
    'upload-metadata': `filename ${b64(name)}`,
  });
  if (created.status !== 201) return { id: '', status: created.status };
  const location = created.headers.get('location') ?? '';
  const sent = await tusRequest(
    app,
    client,
    'PATCH',
    location,
    { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    bytes,
  );
  return { id: location.split('/').pop()!, status: sent.status };
}

/** A small file that file-type recognises as a PDF. */
export function pdfBytes(n = 20_000): Uint8Array {
  const head = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  return new Uint8Array(Buffer.concat([head, Buffer.alloc(n - head.length, 0x20)]));
}
