import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, DEMO_PASSWORD, DEMO_SPACE, signIn } from '../support/journeys';

const server = serverForThisFile();

const QUESTION_1_RU =
  'Вопрос 1. Какие примеры сотрудничества внутри региона оказались успешными и благодаря чему?';

test('journey 3: a participant switches to Russian, then Arabic (RTL), reads the question and posts as Anonymous', async ({
  newDevice,
}) => {
  const text = `مرحبا — the help desk at the border works well (${Date.now()}).`;
  const ana = await newDevice(server.url);
  const catalogues: string[] = [];
  ana.page.on('request', (r) => {
    if (/\/assets\/(fr|es|ru|ar)-[\w-]+\.js$/.test(new URL(r.url()).pathname)) catalogues.push(r.url());
  });
  await signIn(ana.page, DEMO.ana);
  await expect(ana.page.locator('html')).toHaveAttribute('lang', 'en');
  // English is in the first download; no other catalogue is fetched until chosen.
  expect(catalogues).toEqual([]);

  // Two taps: the language menu in the header, then the language, named in itself.
  await ana.page.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'Русский' });
  await expect(ana.page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(ana.page.getByRole('button', { name: 'Выйти' })).toBeVisible();
  expect(catalogues.some((url) => url.includes('/ru-'))).toBe(true);

  await ana.page.getByRole('link', { name: 'Пространства' }).click();
  await ana.page.getByRole('main').locator(`a[href="/s/${DEMO_SPACE}"]`).click();
  await ana.page.getByRole('main').locator(`a[href^="/s/${DEMO_SPACE}/q/"]`).first().click();
  const title = ana.page.getByRole('heading', { level: 1, name: QUESTION_1_RU });
  await expect(title).toBeVisible();
  await expect(title.locator('[lang="ru"]')).toHaveCount(1);
  // Russian exists for this question: no "shown in" marker.
  await expect(ana.page.locator('.fallback-marker')).toHaveCount(0);

  await ana.page.getByRole('combobox', { name: 'Язык', exact: true }).selectOption({ label: 'العربية' });
  await expect(ana.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(ana.page.locator('html')).toHaveAttribute('lang', 'ar');
  // The space has no Arabic: its default (English) is shown, and said so in Arabic.
  await expect(ana.page.getByText('معروض باللغة: الإنجليزية').first()).toBeVisible();
  await expect(ana.page.getByRole('heading', { level: 1 }).locator('[lang="en"]')).toHaveCount(1);

  await ana.page.getByLabel('تعليقك').fill(text);
  await ana.page.getByLabel('انشر باسم مجهول').check();
  await ana.page.getByRole('button', { name: 'انشر', exact: true }).click();
  const mine = ana.page.getByRole('article').filter({ hasText: text });
  await expect(mine.getByText('في انتظار الإشراف')).toBeVisible();
  await expect(mine.getByText('نُشر باسم مجهول')).toBeVisible();
  await expect(mine.locator('p[dir="auto"]')).toHaveCount(1);

  // The account remembers the language: another phone, where nothing was chosen, follows it once Ana signs in.
  const other = await newDevice(server.url, { uiLang: null });
  await other.page.goto('/signin');
  await other.page.getByLabel('Email').fill(DEMO.ana);
  await other.page.getByLabel('Password').fill(DEMO_PASSWORD);
  await other.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(other.page.getByRole('button', { name: 'تسجيل الخروج' })).toBeVisible();

  // The moderator sees who wrote it, in the queue only.
  const moderator = await newDevice(server.url);
  await signIn(moderator.page, DEMO.regionalModerator);
  await moderator.page.goto('/moderate');
  const item = moderator.page
    .getByRole('article', { name: 'Pending post by Ana Lima' })
    .filter({ hasText: text });
  await expect(item.getByText('posted as Anonymous')).toBeVisible();
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(item).toHaveCount(0);

  // The public, signed out, sees "Anonymous" and never Ana's name.
  const reader = await newDevice(server.url);
  await reader.page.goto(`/s/${DEMO_SPACE}`); // a fresh device: English from its browser
  await reader.page.getByRole('main').locator(`a[href^="/s/${DEMO_SPACE}/q/"]`).first().click();
  const published = reader.page
    .getByRole('article', { name: 'Comment by Anonymous' })
    .filter({ hasText: text });
  await expect(published).toBeVisible();
  await expect(published.getByText('Ana Lima')).toHaveCount(0);
  // Mixed Arabic and English in one post: the browser picks the direction from the text itself.
  await expect(published.locator('p[dir="auto"]')).toHaveCount(1);

  // A first visit from a French browser opens in French, and reads the author as "Anonyme".
  const french = await newDevice(server.url, { uiLang: null, context: { locale: 'fr-FR' } });
  await french.page.goto(`/s/${DEMO_SPACE}`);
  await expect(french.page.locator('html')).toHaveAttribute('lang', 'fr');
  await french.page.getByRole('main').locator(`a[href^="/s/${DEMO_SPACE}/q/"]`).first().click();
  await expect(
    french.page.getByRole('article', { name: "Commentaire d'Anonyme" }).filter({ hasText: text }),
  ).toBeVisible();
});
