import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, DEMO_PASSWORD, openFirstQuestion, signIn } from '../support/journeys';

const server = serverForThisFile();

test('a question missing the reader’s language says so, and its other versions open on request', async ({
  newDevice,
}) => {
  const { page } = await newDevice(server.url, { uiLang: 'ar' });
  await openFirstQuestion(page);
  const question = page.locator('.thread__question');
  // No Arabic in the demo space: its default, English, and a marker saying so, in Arabic.
  await expect(question.getByText('معروض باللغة: الإنجليزية')).toBeVisible();
  await expect(question.locator('.plain-text[lang="en"]').first()).toBeVisible();

  // The other versions are folded away until asked for.
  const russian = question.locator('.other-versions [lang="ru"]').first();
  await expect(russian).toBeHidden();
  await question.getByText('لغات أخرى').click();
  await expect(russian).toBeVisible();
  await expect(question.locator('.other-versions [lang="fr"]').first()).toBeVisible();
});

test('the composer records the language chosen, and the thread filters by language', async ({
  newDevice,
}) => {
  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.ben);
  await openFirstQuestion(page);
  const english = `The border desk helps (${Date.now()}).`;
  const french = `Le guichet à la frontière aide (${Date.now()}).`;

  // Guessed from the UI language…
  await expect(page.getByLabel('Written in')).toHaveValue('en');
  await page.getByLabel('Your comment').fill(english);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('article').filter({ hasText: english })).toBeVisible();
  // …and changeable before posting.
  await page.getByLabel('Written in').selectOption({ label: 'Français' });
  await page.getByLabel('Your comment').fill(french);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  const frenchPost = page.getByRole('article').filter({ hasText: french });
  await expect(frenchPost).toBeVisible();
  await expect(frenchPost.locator('.post__body[lang="fr"]')).toHaveCount(1);

  const filter = page.getByRole('combobox', { name: 'Show comments in' });
  await filter.selectOption({ label: 'Français' });
  await expect(frenchPost).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: english })).toHaveCount(0);
  // Every comment left is in French.
  const langs = await page
    .locator('.thread__list > li > article .post__body')
    .evaluateAll((els) => els.map((e) => e.getAttribute('lang')));
  expect(new Set(langs)).toEqual(new Set(['fr']));

  await filter.selectOption({ label: 'All languages' });
  await expect(page.getByRole('article').filter({ hasText: english })).toBeVisible();

  // The server stored the language: another device of Ben's sees the French post as French.
  const other = await newDevice(server.url);
  await signIn(other.page, DEMO.ben, DEMO_PASSWORD);
  await openFirstQuestion(other.page);
  await expect(
    other.page.getByRole('article').filter({ hasText: french }).locator('.post__body[lang="fr"]'),
  ).toHaveCount(1);
});

test('a language chosen offline reaches the account once the connection returns', async ({ newDevice }) => {
  const phone = await newDevice(server.url);
  await signIn(phone.page, DEMO.ben);
  await phone.context.setOffline(true);
  await expect(phone.page.getByTestId('sync-indicator')).toContainText('Offline');
  await phone.page
    .getByRole('combobox', { name: 'Language', exact: true })
    .selectOption({ label: 'Русский' });
  await expect(phone.page.locator('html')).toHaveAttribute('lang', 'ru');

  await phone.context.setOffline(false);
  await expect(phone.page.getByTestId('sync-indicator')).not.toContainText('Нет сети');
  // The account has it: a device where nothing was chosen follows it once Ben signs in.
  await expect
    .poll(async () => {
      const res = await phone.context.request.get('/api/auth/me');
      return ((await res.json()) as { lang: string }).lang;
    })
    .toBe('ru');
  const fresh = await newDevice(server.url, { uiLang: null });
  await fresh.page.goto('/signin');
  await fresh.page.getByLabel('Email').fill(DEMO.ben);
  await fresh.page.getByLabel('Password').fill(DEMO_PASSWORD);
  await fresh.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(fresh.page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(fresh.page.getByRole('button', { name: 'Выйти' })).toBeVisible();
});
