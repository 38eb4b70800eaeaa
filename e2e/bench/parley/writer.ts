import { VIEWER_HEADER } from '@parley/shared';
import { BENCH_PASSWORD, type BenchPost } from '../corpus';

/**
 * Another participant writing through the server's own push route, straight to the server (not
 * through the link): the write path that wakes the streams of idle devices.
 */
export class ParleyWriter {
  private constructor(
    private readonly serverUrl: string,
    private readonly cookie: string,
    readonly userId: string,
  ) {}

  static async signIn(serverUrl: string, email: string): Promise<ParleyWriter> {
    const res = await fetch(`${serverUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    });
    if (!res.ok) throw new Error(`sign-in of ${email} failed: HTTP ${res.status}`);
    const me = (await res.json()) as { id: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return new ParleyWriter(serverUrl, cookie, me.id);
  }

  /** Pushes one new post as RxDB would; throws unless the server took it. */
  async push(post: BenchPost): Promise<void> {
    const doc = {
      ...post,
      authorId: this.userId,
      status: 'pending',
      receivedAt: null,
      updatedAt: null,
      _deleted: false,
    };
    const res = await fetch(`${this.serverUrl}/api/sync/posts/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, [VIEWER_HEADER]: this.userId },
      body: JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }]),
    });
    const conflicts = (await res.json()) as unknown[];
    if (!res.ok || conflicts.length > 0) throw new Error(`push refused: ${JSON.stringify(conflicts)}`);
  }
}
