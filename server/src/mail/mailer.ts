import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config/config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  lang: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * E-mail through the SMTP server of SMTP_URL; without one, each message is written as an .eml
 * file to DATA_DIR/mail, so a demo loses nothing and a person can open the reset link from there.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>): Mailer {
  const transport = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const folder = join(config.dataDir, 'mail');
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'Content-Language': mail.lang },
      });
      if (config.smtpUrl) return;
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      await writeFile(join(folder, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}
