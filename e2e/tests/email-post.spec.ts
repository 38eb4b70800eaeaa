import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, DEMO_SPACE, signIn } from '../support/journeys';
import { demoQuestions, shot } from '../support/moderation-api';

const server = serverForThisFile();

// Journey 6 of PRODUCT.md: someone who prefers e-mail sends a comment; a moderator posts it on
// their behalf; it is published at once, marked so, and recorded in the log.
test('journey 6: a moderator posts a comment received by e-mail, published at once and marked', async ({
  newDevice,
}) => {
  const text = `Sent from the community centre by e-mail: we need interpreters at the clinic (${Date.now()}).`;
  const [question] = await demoQuestions(server.url);
  const questionTitle = question!.title.en!;

  const mod = await newDevice(server.url);
  await signIn(mod.page, DEMO.globalModerator);
  await mod.page.getByRole('link', { name: /^Moderation/ }).click();
  await mod.page.getByRole('link', { name: 'By e-mail' }).click();
  await expect(
    mod.page.getByRole('heading', { level: 1, name: 'Post a comment received by e-mail' }),
  ).toBeVisible();
  await mod.page.getByLabel("Sender's name, as it will be shown").fill('Maria Souza');
  await mod.page.getByLabel('Question').selectOption({ label: questionTitle });
  await mod.page.getByLabel('Text of the comment').fill(text);
  await shot(mod.page, 'email-form');
  await mod.page.getByRole('button', { name: 'Publish on their behalf' }).click();
  await mod.page.getByRole('link', { name: 'Open the thread' }).click();

  const marked = mod.page.getByRole('article', { name: 'Comment by Maria Souza' }).filter({ hasText: text });
  await expect(marked.getByText('Submitted by e-mail on behalf of Maria Souza')).toBeVisible();
  await expect(marked.getByText('Awaiting moderation')).toHaveCount(0);

  // Published at once: a visitor who is not signed in reads it, marked the same way.
  const visitor = await newDevice(server.url);
  await visitor.page.goto(`/s/${DEMO_SPACE}/q/${question!.id}`);
  const seen = visitor.page
    .getByRole('article', { name: 'Comment by Maria Souza' })
    .filter({ hasText: text });
  await expect(seen.getByText('Submitted by e-mail on behalf of Maria Souza')).toBeVisible();
  await shot(visitor.page, 'email-post-in-thread');

  // Logged under the moderator's name.
  await mod.page.goto('/moderate/log');
  await expect(
    mod.page
      .getByRole('listitem')
      .filter({ hasText: 'Submitted by e-mail on behalf of Maria Souza, published at once' })
      .first(),
  ).toBeVisible();
  await shot(mod.page, 'log');
});
