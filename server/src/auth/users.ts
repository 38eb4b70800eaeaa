import type { Role } from '@parley/shared';
import type { Queryable } from '../db/db';
import { uuidv7 } from '../db/uuid';
import { findUserByEmail, insertUser, type UserRecord } from './auth-repository';
import { normalizeEmail } from './auth-service';
import { hashPassword } from './password';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  lang?: string;
}

/** Creates an account; null when the e-mail is already taken. */
export async function createUser(q: Queryable, user: NewUser): Promise<UserRecord | null> {
  return insertUser(q, {
    id: uuidv7(),
    email: normalizeEmail(user.email),
    displayName: user.displayName.trim(),
    passwordHash: await hashPassword(user.password),
    role: user.role,
    lang: user.lang ?? 'en',
  });
}

export const findUser = (q: Queryable, email: string) => findUserByEmail(q, normalizeEmail(email));
