import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { fileTypeFromStream } from 'file-type';
import type { UploadStorage } from './storage/upload-storage';

/**
 * The types a post may carry, decided from the bytes (magic numbers), never from the name or the
 * type the browser declared: an executable renamed `.pdf` is refused. Office documents are zip
 * files; file-type looks inside the zip ([Content_Types].xml, the ODF mimetype entry) to tell a
 * .docx from any other zip, and a plain zip is not on the list.
 */
export const ALLOWED_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/plain',
]);

/** How much of a file without magic bytes is read to decide whether it is plain text. */
const TEXT_PROBE_BYTES = 64 * 1024;

/** UTF-8 without NUL or other control bytes (tab, CR, LF and form feed allowed) reads as text. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
    if (b === 0x7f) return false;
  }
  try {
    // A multi-byte character cut at the probe's end is not an error: stream mode keeps it pending.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The stored file's type from its content, or null when it is not one Parley accepts. Read as a
 * stream from the start (file-type stops as soon as it knows), so it works on a bucket as well as
 * a directory.
 */
export async function sniffAllowedType(storage: UploadStorage, id: string): Promise<string | null> {
  const stream = await storage.stream(id);
  let detected;
  try {
    detected = await fileTypeFromStream(Readable.toWeb(stream) as ReadableStream<Uint8Array>);
  } finally {
    stream.destroy();
  }
  if (detected) return ALLOWED_TYPES.has(detected.mime) ? detected.mime : null;
  const head = await storage.readHead(id, TEXT_PROBE_BYTES);
  return head.length > 0 && looksLikeText(head) ? 'text/plain' : null;
}
