import { mailsIn, signUpTokenIn } from '../../server/src/testing/read-mail';

export { mailsIn, signUpTokenIn };

/** Signs up through the API as the form (and the e-mailed link, if asked) would; returns the session cookie. */
export async function signUpByMail(
  serverUrl: string,
  dataDir: string,
  fields: { email: string; password: string; displayName: string; lang?: string },
): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${serverUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const before = (await mailsIn(dataDir, fields.email, 0)).length;
  const asked = await post('/api/auth/register', fields);
  // 201: a server that signs up at once (SIGNUP_CONFIRMATION instant, the default without SMTP).
  let done = asked;
  if (asked.status === 202) {
    const token = signUpTokenIn((await mailsIn(dataDir, fields.email, before + 1))[before]!);
    if (!token) throw new Error(`no sign-up link in the e-mail to ${fields.email}`);
    done = await post('/api/auth/register/confirm', { token });
  } else if (asked.status !== 201) throw new Error(`sign-up: HTTP ${asked.status} ${await asked.text()}`);
  if (done.status !== 201) throw new Error(`sign-up link: HTTP ${done.status} ${await done.text()}`);
  return done.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
