import type { Queryable } from '../db/db';

export interface SignUpRequest {
  email: string;
  displayName: string;
  organisation: string | null;
  passwordHash: string;
  lang: string;
}

export async function insertSignUp(
  q: Queryable,
  r: SignUpRequest & { tokenHash: string; maxAgeSeconds: number },
): Promise<void> {
  await q.query(
    `INSERT INTO signup_requests (token_hash, email, display_name, organisation, password_hash, lang, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
    [r.tokenHash, r.email, r.displayName, r.organisation, r.passwordHash, r.lang, r.maxAgeSeconds],
  );
}

/** The live request behind a token, removed as it is read (a link works once). */
export async function takeSignUp(q: Queryable, tokenHash: string): Promise<SignUpRequest | null> {
  const [row] = await q.query<{
    email: string;
    display_name: string;
    organisation: string | null;
    password_hash: string;
    lang: string;
  }>(
    `DELETE FROM signup_requests WHERE token_hash = $1 AND expires_at > now()
     RETURNING email, display_name, organisation, password_hash, lang`,
    [tokenHash],
  );
  return row
    ? {
        email: row.email,
        displayName: row.display_name,
        organisation: row.organisation,
        passwordHash: row.password_hash,
        lang: row.lang,
      }
    : null;
}

export async function deleteExpiredSignUps(q: Queryable): Promise<void> {
  await q.query('DELETE FROM signup_requests WHERE expires_at <= now()');
}
