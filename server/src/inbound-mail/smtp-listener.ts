import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../app-context';
import type { UploadStorage } from '../attachments/storage/upload-storage';
import { maxUploadBytesOf } from '../attachments/upload-config';
import { MailRefusal, routeRecipient, type MailRoute } from './addresses';
import { ensureMailAccount } from './mail-account';
import { takeMail } from './intake';

/** Room for one attachment of the largest size, base64-encoded (4/3), plus the text and headers. */
export const maxMessageBytes = (ctx: AppContext) =>
  Math.ceil((maxUploadBytesOf(ctx.config) * 4) / 3) + 1024 * 1024;

export interface InboundSmtp {
  url: string;
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/** Reads the message, stopping at `limit` bytes (smtp-server keeps counting and flags the excess). */
function readMessage(stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded || size > limit ? null : Buffer.concat(chunks)));
  });
}

/**
 * The SMTP endpoint for comments by e-mail (INBOUND_SMTP_PORT). Plain SMTP without AUTH or TLS:
 * it is meant for loopback or a private network behind the organisation's MX relay (Postfix,
 * a provider's inbound route), which does TLS, spam filtering and retries (docs/DEPLOYMENT.md).
 *
 * - RCPT TO: each recipient is routed (addresses.ts); an address that routes nowhere gets 550
 *   there, before any data is sent.
 * - SIZE is advertised, and a larger message is refused (552) without being parsed.
 * - DATA: one pending post per routed recipient (intake.ts), or a 5xx naming why, with nothing
 *   stored. A failure of our own (the database away) answers 451: the sender's server retries,
 *   and the Message-ID keeps the retry from landing twice.
 */
export async function startInboundSmtp(
  ctx: AppContext,
  storage: UploadStorage,
  options: { port: number; host: string },
): Promise<InboundSmtp> {
  const account = await ensureMailAccount(ctx.db);
  const limit = maxMessageBytes(ctx);
  const routes = new WeakMap<SMTPServerSession, MailRoute[]>();

  const smtp = new SMTPServer({
    name: ctx.config.inboundMailDomain ?? 'parley.localhost',
    banner: 'Parley: comments by e-mail',
    size: limit,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    maxClients: 50,
    logger: false,
    onRcptTo(address, session, callback) {
      routeRecipient(ctx.db, ctx.config, address.address).then(
        (route) => {
          const list = routes.get(session) ?? [];
          if (list.length >= 10) return callback(smtpError(452, '4.5.3 Too many recipients in one message'));
          // A new transaction on the same connection starts a new list (smtp-server reuses the session).
          if (session.envelope.rcptTo.length === 0) list.length = 0;
          list.push(route);
          routes.set(session, list);
          callback();
        },
        (err: unknown) => {
          if (err instanceof MailRefusal) return callback(smtpError(err.responseCode, err.message));
          ctx.logger?.error({ err }, 'inbound mail: routing failed');
          callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const list = routes.get(session) ?? [];
      routes.delete(session);
      readMessage(stream, limit)
        .then(async (raw) => {
          if (raw === null) {
            throw new MailRefusal(
              552,
              `5.3.4 The message is larger than ${limit} bytes; nothing was stored.`,
            );
          }
          for (const route of list) await takeMail(ctx, storage, account, route, raw);
          callback(null, 'Received: your comment waits for a moderator');
        })
        .catch((err: unknown) => {
          if (err instanceof MailRefusal) return callback(smtpError(err.responseCode, err.message));
          ctx.logger?.error({ err }, 'inbound mail: could not store a message');
          callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
        });
    },
  });
  smtp.on('error', (err) => ctx.logger?.warn({ err }, 'inbound SMTP connection error'));

  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.port, options.host, () => resolve());
  });
  const { port, address } = smtp.server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `smtp://${host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
