import { createServer } from 'node:net';
import { createTransport } from 'nodemailer';
import { axeViolations } from '../support/axe';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, DEMO_SPACE, signIn } from '../support/journeys';
import { demoQuestions, publicBodies, shot } from '../support/moderation-api';

// Issue 19, item 2: comment by e-mail, for real. A participant finds the space's address; a mail
// with a photo goes to the server's own SMTP listener (INBOUND_SMTP_PORT); a moderator finds it
// in the queue on a phone, approves it, and a reader sees it published, without the address.

/** The server's inbound port, picked free before the server starts (its env is read then). */
const env: Record<string, string> = {};
test.beforeAll(async () => {
  env.INBOUND_SMTP_PORT = String(await freePort());
});
const server = serverForThisFile(env);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('issue 19.2: a comment sent by e-mail waits in the queue, is approved on a phone and read by all', async ({
  newDevice,
}) => {
  const text = `By e-mail from the clinic: we need interpreters on market days (${Date.now()}).`;
  const [question] = await demoQuestions(server.url);

  // 1. A participant sees where to write, on the space and on the question.
  const ana = await newDevice(server.url);
  await signIn(ana.page, DEMO.ana);
  await ana.page.goto(`/s/${DEMO_SPACE}`);
  await expect(ana.page.getByText('Prefer e-mail? Send your comment to this address.')).toBeVisible();
  const spaceAddress = ana.page.getByRole('link', { name: 'moderator@parley.test' });
  await expect(spaceAddress).toHaveAttribute('href', 'mailto:moderator@parley.test');
  expect((await spaceAddress.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await axeViolations(ana.page)).toEqual([]);
  await shot(ana.page, 'email-space', spaceAddress);

  await ana.page.goto(`/s/${DEMO_SPACE}/q/${question!.id}`);
  await expect(ana.page.getByText('Prefer e-mail? Send your comment on this question to:')).toBeVisible();
  const questionAddress = ana.page.getByRole('link', {
    name: `moderator+q${question!.position + 1}@parley.test`,
  });
  const href = await questionAddress.getAttribute('href');
  expect(href).toBe(`mailto:moderator+q${question!.position + 1}@parley.test`);
  expect(await axeViolations(ana.page)).toEqual([]);
  await shot(ana.page, 'email-thread', questionAddress);

  // 2. The mail, with a photo, as the organisation's relay would hand it to Parley.
  const mailer = createTransport({ host: '127.0.0.1', port: Number(env.INBOUND_SMTP_PORT), ignoreTLS: true });
  const sent = await mailer.sendMail({
    from: '"Maria Souza" <maria.souza@example.net>',
    to: href!.slice('mailto:'.length),
    subject: 'Interpreters',
    text,
    attachments: [{ filename: 'market-day.png', content: PNG }],
  });
  mailer.close();
  expect(sent.response).toMatch(/^250 /);
  // Pending: nobody but the moderators reads it yet.
  expect(await publicBodies(server.url)).not.toContain(text);

  // 3. The moderator, on a phone, finds it in the queue with who sent it, and approves it.
  const mod = await newDevice(server.url);
  await signIn(mod.page, DEMO.globalModerator);
  await mod.page.goto('/moderate');
  const item = mod.page
    .getByRole('article', { name: 'Pending post by Maria Souza' })
    .filter({ hasText: text });
  await expect(item).toBeVisible();
  await expect(item.getByText('Submitted by e-mail on behalf of Maria Souza')).toBeVisible();
  await expect(item.getByText('Received by e-mail from maria.souza@example.net')).toBeVisible();
  await expect(item.getByText('Subject: Interpreters')).toBeVisible();
  await expect(item.getByText('market-day.png')).toBeVisible();
  expect(await axeViolations(mod.page)).toEqual([]);
  await shot(mod.page, 'email-queue', item);
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect.poll(() => publicBodies(server.url)).toContain(text);

  // 4. A reader who is not signed in reads it, marked as sent by e-mail, without the address.
  const reader = await newDevice(server.url);
  await reader.page.goto(`/s/${DEMO_SPACE}/q/${question!.id}`);
  const published = reader.page
    .getByRole('article', { name: 'Comment by Maria Souza' })
    .filter({ hasText: text });
  await expect(published.getByText('Submitted by e-mail on behalf of Maria Souza')).toBeVisible();
  await expect(published.getByRole('link', { name: /market-day\.png/ })).toBeVisible();
  await expect(reader.page.getByText('maria.souza@example.net')).toHaveCount(0);
  expect(await axeViolations(reader.page)).toEqual([]);
  await shot(reader.page, 'email-published', published);

  // 5. The same pages in Arabic (right to left), for a person to look at.
  if (process.env.SHOTS_DIR) {
    await ana.page.evaluate(() => localStorage.setItem('parley.lang', 'ar'));
    await ana.page.goto(`/s/${DEMO_SPACE}`);
    await expect(ana.page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(ana.page.getByRole('link', { name: 'moderator@parley.test' })).toBeVisible();
    expect(await axeViolations(ana.page)).toEqual([]);
    await shot(ana.page, 'email-space-ar', ana.page.getByRole('link', { name: 'moderator@parley.test' }));
    await ana.page.goto(`/s/${DEMO_SPACE}/q/${question!.id}`);
    const arAddress = ana.page.getByRole('link', { name: /^moderator\+q/ });
    await expect(arAddress).toBeVisible();
    await shot(ana.page, 'email-thread-ar', arAddress);
  }
});
