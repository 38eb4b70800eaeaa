import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message a real SMTP server on loopback accepted, decoded enough to read. */
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

/** A real SMTP server on a free loopback port that keeps every message it accepts. */
export async function startSmtpInbox() {
  const inbox: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        inbox.push(
          readMail(
            session.envelope.rcptTo.map((r) => r.address),
            raw,
          ),
        );
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const mailsTo = (address: string) => inbox.filter((m) => m.to.includes(address));
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    mailsTo,
    /** Resolves once `address` has received `count` messages (the test's own timeout bounds it). */
    async waitFor(address: string, count: number): Promise<ReceivedMail[]> {
      while (mailsTo(address).length < count) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
        });
      }
      return mailsTo(address);
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
