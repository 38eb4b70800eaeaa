import { expect, test } from '@playwright/test';
import { VIEWER_HEADER } from '@parley/shared';
import { DEMO } from '../support/journeys';
import { demoQuestions } from '../support/moderation-api';
import { heldPost, newComment, openSse } from '../support/raw-http';
import { apiSession, countOnServer } from '../support/server-api';
import { startServer } from '../support/server';

test('SIGTERM: the in-flight push completes, streams get a retry hint and end, the process exits 0', async () => {
  const server = await startServer();
  try {
    const { cookie, id } = await apiSession(server.url, DEMO.ben);
    const [question] = await demoQuestions(server.url);
    const stream = await openSse(`${server.url}/api/sync/posts/stream`, cookie);
    await expect.poll(() => stream.text()).toContain(': connected');

    // A push is in flight (the server has its headers, the body is still arriving) at SIGTERM.
    const body = `In flight at shutdown ${Date.now()}`;
    const push = heldPost(`${server.url}/api/sync/posts/push`, { cookie, [VIEWER_HEADER]: id }, [
      { assumedMasterState: null, newDocumentState: newComment(question!, body) },
    ]);
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((r) => server.process.once('exit', (code) => r(code)));
    server.process.kill('SIGTERM');

    // Stops accepting: a new connection is refused while the push is still being answered.
    await expect
      .poll(() =>
        fetch(`${server.url}/api/health`).then(
          () => 'accepted',
          () => 'refused',
        ),
      )
      .toBe('refused');
    expect(server.process.exitCode).toBeNull();

    push.finish();
    const answer = await push.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual([]); // no conflict: accepted

    await stream.ended;
    expect(stream.text()).toMatch(/\nretry: \d{4}\n\n$/);
    expect(await exited).toBe(0);
    expect(server.output()).not.toMatch(/Error/);

    // Nothing lost: the post is there after a restart on the same data.
    await server.stop({ keepData: true });
    const again = await startServer({ dataDir: server.dataDir });
    try {
      expect(await countOnServer(again.url, body)).toBe(1);
    } finally {
      await again.stop();
    }
  } finally {
    await server.stop();
  }
});
