import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { readMail, type ReceivedMail } from './read-mail';

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
