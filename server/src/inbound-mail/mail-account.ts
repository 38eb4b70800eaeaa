import type { Queryable } from '../db/db';
import { uuidv7 } from '../db/uuid';
import { findUserByEmail, insertUser } from '../auth/auth-repository';

/**
 * Comments received by e-mail are authored by one system account: the sender's From header is a
 * label (`onBehalfOf`), never an identity. Its address is on a reserved TLD (RFC 2606), and its
 * password hash is no scrypt hash, so nobody can sign in as it (verifyPassword refuses it).
 */
export const MAIL_ACCOUNT_EMAIL = 'inbound-mail@parley.invalid';
const NO_SIGN_IN = '!inbound-mail';

export interface MailAccount {
  id: string;
  displayName: string;
}

/**
 * The system account, created on first use. An account that someone registered with the reserved
 * address (possible only with instant sign-up) is not taken over: start-up fails loudly instead,
 * since its owner would otherwise read and edit every pending comment received by e-mail.
 */
export async function ensureMailAccount(q: Queryable): Promise<MailAccount> {
  const existing =
    (await findUserByEmail(q, MAIL_ACCOUNT_EMAIL)) ??
    (await insertUser(q, {
      id: uuidv7(),
      email: MAIL_ACCOUNT_EMAIL,
      displayName: 'E-mail',
      passwordHash: NO_SIGN_IN,
      role: 'participant',
      lang: 'en',
      notifyByEmail: false,
      notifyRepliesByEmail: false,
      organisation: null,
    })) ??
    (await findUserByEmail(q, MAIL_ACCOUNT_EMAIL));
  if (!existing || existing.passwordHash !== NO_SIGN_IN) {
    throw new Error(
      `${MAIL_ACCOUNT_EMAIL} belongs to a person's account: comments by e-mail cannot be taken`,
    );
  }
  return { id: existing.id, displayName: existing.displayName };
}
