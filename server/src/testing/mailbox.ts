import type { Me } from '@parley/shared';
import type { TestClient, TestResponse } from './http-client';
import { mailsIn, signUpTokenIn, type ReceivedMail } from './read-mail';
import type { TestApp } from './test-app';

export { signUpTokenIn };

/** The e-mails the test app wrote for `address` (no SMTP_URL: .eml files in DATA_DIR/mail). */
export const mailsTo = (app: TestApp, address: string, count = 1): Promise<ReceivedMail[]> =>
  mailsIn(app.ctx.config.dataDir, address, count);

/**
 * Signs up as a person would: the form, then the e-mailed link (SIGNUP_CONFIRMATION email), or the
 * form alone (instant). Resolves to the answer that signed in.
 */
export async function signUp(
  app: TestApp,
  client: TestClient,
  fields: { email: string; password: string; displayName: string; lang?: string; organisation?: string },
): Promise<TestResponse<Me>> {
  const before = (await mailsTo(app, fields.email, 0)).length;
  const asked = await client.post<Me>('/api/auth/register', fields);
  if (asked.status === 201) return asked;
  if (asked.status !== 202) throw new Error(`sign-up: ${asked.status} ${asked.text}`);
  const mail = (await mailsTo(app, fields.email, before + 1))[before]!;
  const token = signUpTokenIn(mail);
  if (!token) throw new Error(`no sign-up link in:\n${mail.text}`);
  return client.post<Me>('/api/auth/register/confirm', { token });
}
