import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Post } from '@parley/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVapidKeys } from '../config/config';
import {
  decision,
  makeSpace,
  makeUser,
  newPost,
  push,
  type TestSpace,
  type TestUser,
} from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';
import { createTransport } from 'nodemailer';
import { uploadStorageFor } from '../attachments/storage/storage-for-config';
import { startInboundSmtp } from '../inbound-mail/smtp-listener';
import { endpointAllowed } from './web-push';

interface Delivery {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  bytes: number;
}

/**
 * A push service on loopback: it takes every POST (201), except that paths starting /gone answer
 * 410 and /missing 404, as real services do for an expired or unsubscribed endpoint.
 */
async function startPushService() {
  const deliveries: Delivery[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({
        path: req.url ?? '',
        method: req.method ?? '',
        headers: req.headers,
        bytes: Buffer.concat(chunks).length,
      });
      for (const wake of waiters) wake();
      const status = req.url?.startsWith('/gone') ? 410 : req.url?.startsWith('/missing') ? 404 : 201;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const to = (path: string) => deliveries.filter((d) => d.path === path);
  return {
    url: `http://127.0.0.1:${port}`,
    to,
    async waitFor(path: string, count: number): Promise<Delivery[]> {
      while (to(path).length < count) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
        });
      }
      return to(path);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a browser's PushSubscription.toJSON() gives: a real P-256 key, so encryption works. */
function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

let service: Awaited<ReturnType<typeof startPushService>>;
let app: TestApp;
let space: TestSpace;
let otherSpace: TestSpace;
let moderator: TestUser;
const vapid = { ...generateVapidKeys(), subject: 'mailto:parley@example.org' };

beforeAll(async () => {
  service = await startPushService();
  app = await startTestApp({ vapid, pushEndpoints: 'any' });
  space = await makeSpace(app);
  otherSpace = await makeSpace(app);
  moderator = await makeUser(app, { name: 'Rita', moderates: [space.spaceId] });
});
afterAll(async () => {
  await app?.close();
  await service?.close();
});

const subscribe = (user: TestUser, endpoint: string) =>
  user.client.post('/api/push/subscriptions', browserSubscription(endpoint));

async function publishedPost(author: TestUser): Promise<Post> {
  const post = newPost(space);
  await push(author.client, 'posts', [post]);
  await push(moderator.client, 'moderation', [decision(post, 'approve', 'pending')]);
  return post;
}

async function storedEndpoints(userId: string): Promise<string[]> {
  const rows = await app.db.query<{ endpoint: string }>(
    'SELECT endpoint FROM push_subscriptions WHERE user_id = $1 ORDER BY endpoint',
    [userId],
  );
  return rows.map((r) => r.endpoint);
}

describe('Web Push subscriptions', () => {
  it('gives the public key to anyone, and saves or deletes a subscription only for the signed-in person', async () => {
    const key = await app.client().get<{ publicKey: string }>('/api/push/key');
    expect(key.status).toBe(200);
    expect(key.body.publicKey).toBe(vapid.publicKey);

    const ana = await makeUser(app);
    const ben = await makeUser(app);
    expect(
      (await app.client().post('/api/push/subscriptions', browserSubscription(`${service.url}/x`))).status,
    ).toBe(401);
    expect(
      (await ana.client.post('/api/push/subscriptions', { endpoint: 'not a url', keys: {} })).status,
    ).toBe(400);
    expect(
      (
        await ana.client.post('/api/push/subscriptions', {
          ...browserSubscription(`${service.url}/x`),
          keys: { p256dh: 'a b', auth: 'c' },
        })
      ).status,
    ).toBe(400);

    expect((await subscribe(ana, `${service.url}/ana-1`)).status).toBe(201);
    expect((await subscribe(ben, `${service.url}/ben-1`)).status).toBe(201);
    expect(await storedEndpoints(ana.id)).toEqual([`${service.url}/ana-1`]);

    // Ben cannot delete Ana's subscription; Ana can.
    const theirs = await ben.client.request('DELETE', '/api/push/subscriptions', {
      json: { endpoint: `${service.url}/ana-1` },
    });
    expect(theirs.body).toEqual({ unsubscribed: false });
    expect(await storedEndpoints(ana.id)).toEqual([`${service.url}/ana-1`]);
    const own = await ana.client.request('DELETE', '/api/push/subscriptions', {
      json: { endpoint: `${service.url}/ana-1` },
    });
    expect(own.body).toEqual({ unsubscribed: true });
    expect(await storedEndpoints(ana.id)).toEqual([]);

    // The same browser, another account signed in: the endpoint moves to that account.
    await subscribe(ana, `${service.url}/shared`);
    await subscribe(ben, `${service.url}/shared`);
    expect(await storedEndpoints(ana.id)).toEqual([]);
    expect(await storedEndpoints(ben.id)).toEqual([`${service.url}/ben-1`, `${service.url}/shared`]);
  });

  it('keeps at most ten browsers per person, the most recent', async () => {
    const many = await makeUser(app);
    for (let i = 0; i < 12; i++) await subscribe(many, `${service.url}/many-${String(i).padStart(2, '0')}`);
    const kept = await storedEndpoints(many.id);
    expect(kept).toHaveLength(10);
    expect(kept).toContain(`${service.url}/many-11`);
    expect(kept).not.toContain(`${service.url}/many-00`);
  });

  it('“log out everywhere” also stops every device’s notifications', async () => {
    const cy = await makeUser(app);
    await subscribe(cy, `${service.url}/cy-phone`);
    await subscribe(cy, `${service.url}/cy-laptop`);
    expect((await cy.client.post('/api/auth/logout-all', {})).status).toBe(200);
    expect(await storedEndpoints(cy.id)).toEqual([]);
  });

  it('posts only to public https push services in production', () => {
    const production = { pushEndpoints: undefined };
    expect(endpointAllowed(production, 'https://fcm.googleapis.com/fcm/send/abc')).toBe(true);
    expect(endpointAllowed(production, 'https://updates.push.services.mozilla.com/wpush/v2/x')).toBe(true);
    for (const refused of [
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://127.0.0.1/x',
      'https://[::1]/x',
      'https://10.1.2.3/x',
      'https://localhost/x',
      'https://metadata/x',
      'https://db.internal/x',
      'https://user:pw@fcm.googleapis.com/x',
    ]) {
      expect(endpointAllowed(production, refused), refused).toBe(false);
    }
  });
});

describe('pushes', () => {
  it('a published reply reaches the author’s browser: an encrypted POST signed with the server’s VAPID key', async () => {
    const author = await makeUser(app, { name: 'Ana' });
    await subscribe(author, `${service.url}/reply-ana`);
    const post = await publishedPost(author);
    // Their own reply: nothing.
    const own = newPost(space, { parentId: post.id });
    await push(author.client, 'posts', [own]);
    await push(moderator.client, 'moderation', [decision(own, 'approve', 'pending')]);

    const ben = await makeUser(app, { name: 'Ben' });
    const reply = newPost(space, { parentId: post.id });
    await push(ben.client, 'posts', [reply]);
    expect(service.to('/reply-ana')).toEqual([]); // pending: not yet
    await push(moderator.client, 'moderation', [decision(reply, 'approve', 'pending')]);

    const [delivery, ...more] = await service.waitFor('/reply-ana', 1);
    expect(more).toEqual([]);
    expect(delivery?.method).toBe('POST');
    expect(delivery?.headers['content-encoding']).toBe('aes128gcm');
    expect(delivery?.headers['content-type']).toBe('application/octet-stream');
    expect(delivery?.headers.ttl).toBe(String(24 * 60 * 60));
    expect(delivery?.headers.authorization).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`),
    );
    // The payload is encrypted for the browser: nothing of it can be read on the way.
    expect(delivery?.bytes).toBeGreaterThan(100);
  });

  it('a 404 or 410 from the push service deletes the subscription', async () => {
    const author = await makeUser(app);
    await subscribe(author, `${service.url}/gone-1`);
    await subscribe(author, `${service.url}/missing-1`);
    await subscribe(author, `${service.url}/fine-1`);
    const post = await publishedPost(author);
    const reply = newPost(space, { parentId: post.id });
    await push(moderator.client, 'posts', [reply]); // a moderator's reply is published at once
    await service.waitFor('/gone-1', 1);
    await service.waitFor('/missing-1', 1);
    await service.waitFor('/fine-1', 1);
    await expect.poll(() => storedEndpoints(author.id)).toEqual([`${service.url}/fine-1`]);
  });

  it('moderators hear of posts waiting in their space, at most once in a few minutes; others do not', async () => {
    const elsewhere = await makeUser(app, { moderates: [otherSpace.spaceId] });
    const global = await makeUser(app, { moderates: 'global' });
    await subscribe(moderator, `${service.url}/queue-rita`);
    await subscribe(elsewhere, `${service.url}/queue-elsewhere`);
    await subscribe(global, `${service.url}/queue-global`);
    const writer = await makeUser(app);
    await subscribe(writer, `${service.url}/queue-writer`);

    await push(writer.client, 'posts', [newPost(space)]);
    const [first] = await service.waitFor('/queue-rita', 1);
    await service.waitFor('/queue-global', 1);
    expect(first?.headers.topic).toBe('parley-queue');
    // Three more posts at once: no second push inside the window.
    await push(writer.client, 'posts', [newPost(space), newPost(space), newPost(space)]);
    // A reply published meanwhile is told at once: the pushes above had their chance to arrive.
    const post = await publishedPost(writer);
    await push(moderator.client, 'posts', [newPost(space, { parentId: post.id })]);
    await service.waitFor('/queue-writer', 1);

    expect(service.to('/queue-rita')).toHaveLength(1);
    expect(service.to('/queue-global')).toHaveLength(1);
    expect(service.to('/queue-elsewhere')).toEqual([]);
  });

  it('a comment received by e-mail tells the moderators too, as a post from a phone does', async () => {
    const mailed = await makeSpace(app);
    const address = `consult-${mailed.slug}@example.org`;
    await app.db.query('UPDATE spaces SET contact_email = $2 WHERE id = $1', [mailed.spaceId, address]);
    const theirs = await makeUser(app, { moderates: [mailed.spaceId] });
    await subscribe(theirs, `${service.url}/queue-mailed`);
    const smtp = await startInboundSmtp(app.ctx, uploadStorageFor(app.ctx.config), {
      port: 0,
      host: '127.0.0.1',
    });
    const mailer = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    try {
      await mailer.sendMail({
        from: 'Amal <amal@example.net>',
        to: address,
        subject: 'My comment',
        text: 'The night bus should stop at the shelter.',
      });
      const [delivery] = await service.waitFor('/queue-mailed', 1);
      expect(delivery?.headers.topic).toBe('parley-queue');
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});
