import { VIEWER_HEADER, type Post } from '@parley/shared';
import { DEMO, DEMO_PASSWORD } from './journeys';

/** Signs in through the API (no browser) and returns the session cookie. */
export async function apiSignIn(baseURL: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  return (await apiSession(baseURL, email, password)).cookie;
}

/** A signed-in session: its cookie, and the headers of a push (which must name its account). */
export async function apiSession(
  baseURL: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<{ cookie: string; id: string; pushHeaders: Record<string, string> }> {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { id } = (await res.json()) as { id: string };
  return { cookie, id, pushHeaders: { cookie, 'content-type': 'application/json', [VIEWER_HEADER]: id } };
}

/**
 * Every post the server holds, as a global moderator sees them (all statuses, every space), read
 * through the pull route page by page: the check "on the server" of the exactly-once tests.
 */
export async function serverPosts(baseURL: string): Promise<Post[]> {
  const cookie = await apiSignIn(baseURL, DEMO.globalModerator);
  const all: Post[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '500' });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    const res = await fetch(`${baseURL}/api/sync/posts/pull?${query.toString()}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`pull failed: ${res.status}`);
    const page = (await res.json()) as { documents: (Post & { _deleted: boolean })[]; checkpoint: unknown };
    all.push(...page.documents.filter((d) => !d._deleted));
    if (page.documents.length < 500 || !page.checkpoint) return all;
    checkpoint = page.checkpoint;
  }
}

/** How many posts on the server have exactly this body. */
export async function countOnServer(baseURL: string, body: string): Promise<number> {
  return (await serverPosts(baseURL)).filter((p) => p.body === body).length;
}
