import { expect, test } from '../support/fixtures';
import { DEMO, signIn } from '../support/journeys';
import { startServer, type RunningServer } from '../support/server';
import { startSentryReceiver, type SentryReceiver } from '../support/sentry-receiver';

let receiver: SentryReceiver;
let server: RunningServer;
test.beforeAll(async () => {
  receiver = await startSentryReceiver();
  server = await startServer({ env: { SENTRY_DSN: receiver.dsn, SENTRY_ENVIRONMENT: 'e2e' } });
});
test.afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

const POST_BODY = 'The footbridge by the old mill should reopen before the school year starts again';

/** Error events among the envelopes (an envelope also carries sessions and client reports). */
function errorEvents(): string[] {
  return receiver.envelopes.filter((e) => e.includes('"type":"event"'));
}

test('an error thrown offline is kept on the phone, sent after reconnection, and carries no personal data', async ({
  newDevice,
}) => {
  const { context, page } = await newDevice(server.url);
  await signIn(page, DEMO.ben);

  // Reporting starts lazily after the first screen: throw until the first report arrives.
  await expect
    .poll(
      async () => {
        await page.evaluate(() =>
          setTimeout(() => {
            throw new Error(`warm-up ${Date.now()}`);
          }),
        );
        return errorEvents().length;
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toBeGreaterThan(0);
  // Warm-up errors still in flight may arrive later: watch for the offline error itself.
  const offlineEvents = () => errorEvents().filter((e) => e.includes('Could not save post'));

  await context.setOffline(true);
  await page.evaluate((body) => {
    // What careless code might log and throw: the post text, the author's address and name.
    console.info(`saving draft: ${body}`);
    setTimeout(() => {
      throw new Error(`Could not save post: ${body} for ben@parley.test (Ben Okafor)`);
    });
  }, POST_BODY);

  // Offline: the event waits in IndexedDB on the device.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('sentry-offline');
            open.onerror = () => resolve(0);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('queue')) return resolve(0);
              const count = db.transaction('queue').objectStore('queue').count();
              count.onsuccess = () => resolve(count.result);
            };
          }),
      ),
    )
    .toBeGreaterThan(0);
  expect(offlineEvents()).toHaveLength(0);

  await context.setOffline(false);
  await expect.poll(() => offlineEvents().length, { timeout: 15_000 }).toBeGreaterThan(0);

  const offlineEvent = offlineEvents()[0];
  expect(offlineEvent, 'the offline error was delivered').toBeDefined();
  await test.info().attach('scrubbed-event.ndjson', { body: offlineEvent ?? '', contentType: 'text/plain' });
  expect(offlineEvent).toContain('"environment":"e2e"');
  expect(offlineEvent).toMatch(/"release":"parley-client@/);
  for (const envelope of receiver.envelopes) {
    expect(envelope).not.toContain('footbridge');
    expect(envelope).not.toContain('old mill');
    expect(envelope).not.toMatch(/ben@parley\.test/i);
    expect(envelope).not.toContain('Ben Okafor');
  }
});
