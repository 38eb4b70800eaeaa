import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One e-mail (from an SMTP server on loopback, or an .eml file), decoded enough to read. */
export interface ReceivedMail {
  to: string[];
  raw: string;
  subject: string;
  contentLanguage: string | undefined;
  /** The text body, transfer encoding undone. */
  text: string;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`)
    .replace(/%(?![0-9A-F]{2})/gi, '%25');
  return decodeURIComponent(bytes);
}

export function readMail(to: string[], raw: string): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).trim();
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
  const encoding = header('Content-Transfer-Encoding')?.toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return {
    to,
    raw,
    subject: decodeWords(header('Subject') ?? ''),
    contentLanguage: header('Content-Language'),
    text: text.replace(/\r\n/g, '\n'),
  };
}

/**
 * The e-mails a server without SMTP_URL wrote for `address` (DATA_DIR/mail/*.eml, the mailer's
 * real path), oldest first, once there are at least `count` (they leave just after the answer).
 */
export async function mailsIn(dataDir: string, address: string, count = 1): Promise<ReceivedMail[]> {
  const folder = join(dataDir, 'mail');
  for (let i = 0; ; i++) {
    const names = (await readdir(folder).catch(() => [] as string[]))
      .filter((n) => n.endsWith('.eml'))
      .sort();
    const found: ReceivedMail[] = [];
    for (const name of names) {
      const raw = await readFile(join(folder, name), 'utf8').catch(() => '');
      const to = /^To: (.*)$/im.exec(raw)?.[1]?.trim();
      if (to === address) found.push(readMail([to], raw));
    }
    if (found.length >= count) return found;
    if (i >= 200) throw new Error(`${found.length} of ${count} e-mails to ${address} in ${folder}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The sign-up link's token in a mail, or null (the note to an address that has an account has none). */
export const signUpTokenIn = (mail: ReceivedMail): string | null =>
  /\/finish-sign-up#token=([\w-]+)/.exec(mail.text)?.[1] ?? null;
