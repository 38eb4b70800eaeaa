import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { VIEWER_HEADER, type Question, type Space } from '@parley/shared';
import { expect, serverForThisFile, test } from '../support/fixtures';
import { DEMO, signIn } from '../support/journeys';
import { apiGet, approvePosts, pushPosts, shot } from '../support/moderation-api';

const server = serverForThisFile();

const DAY = 86_400_000;
const LANGS = [
  { code: 'en', autonym: 'English', name: 'English' },
  { code: 'fr', autonym: 'Français', name: 'French' },
  { code: 'es', autonym: 'Español', name: 'Spanish' },
  { code: 'ru', autonym: 'Русский', name: 'Russian' },
] as const;

/** The wall clock in a zone as `<input type="datetime-local">` takes it, to the minute. */
function wallClock(ms: number, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
  return text.replace(' ', 'T');
}
const toMinute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

async function pullAll<T>(path: string): Promise<T[]> {
  return (await apiGet<{ documents: T[] }>(server.url, `/api/sync/${path}/pull?limit=1000`)).documents;
}

async function chooseLanguage(page: Page, autonym: string) {
  await page.getByRole('radio', { name: autonym }).check();
}

async function savedFile(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

// Journey 5 of PRODUCT.md: an organiser sets up a consultation from the app alone, then the
// summary report counts what the moderators approved.
test('journey 5: an organiser creates a space in four languages, assigns a moderator; the report counts the approved posts', async ({
  newDevice,
}) => {
  test.setTimeout(180_000);
  const slug = `water-${Date.now()}`;
  const now = Date.now();
  const phases = [
    { zone: 'America/Sao_Paulo', opens: now - DAY, closes: now + 10 * DAY },
    { zone: 'Europe/Paris', opens: now + 10 * DAY, closes: now + 30 * DAY },
  ];
  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.admin);

  // 1. The space: languages, texts in each, contact, two phases in two time zones.
  await page.getByRole('link', { name: 'New space' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New space' })).toBeVisible();
  for (const lang of LANGS.slice(1)) await page.getByRole('checkbox', { name: lang.autonym }).check();
  await expect(page.getByRole('checkbox', { name: 'English' })).toBeChecked();

  // Saving too early shows what is wrong, in words, beside each field.
  await page.getByRole('button', { name: 'Save space' }).click();
  await expect(page.getByRole('alert')).toContainText('need attention');
  await expect(page.getByLabel('Title (English)')).toHaveAccessibleDescription(
    'Required in the default language.',
  );

  await page.getByRole('button', { name: 'Add a phase' }).click();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang.autonym);
    await page.getByLabel(`Title (${lang.name})`).fill(`Water ${lang.code}`);
    await page.getByLabel(`Introduction (${lang.name})`).fill(`Intro ${lang.code}`);
    await page.getByLabel(`Who it is for (${lang.name})`).fill(`Audience ${lang.code}`);
    for (const n of [1, 2])
      await page
        .getByRole('group', { name: `Phase ${n}` })
        .getByLabel(`Name (${lang.name})`)
        .fill(`Phase ${n} ${lang.code}`);
  }
  await page.getByLabel('Web address').fill(slug);
  await page.getByLabel('Contact e-mail').fill('organiser@example.org');
  for (const [i, phase] of phases.entries()) {
    const group = page.getByRole('group', { name: `Phase ${i + 1}` });
    await group.getByLabel('Time zone').fill(phase.zone);
    await group.getByLabel('Opens').fill(wallClock(phase.opens, phase.zone));
    await group.getByLabel('Closes').fill(wallClock(phase.closes, phase.zone));
  }
  await shot(page, 'organiser-space');
  await page.getByRole('button', { name: 'Save space' }).click();

  // 2. Five questions, each in four languages: three in the open phase, two in the next.
  await expect(page.getByRole('heading', { level: 1, name: 'Questions' })).toBeVisible();
  const titles = ['Access', 'Quality', 'Price', 'Future', 'Priorities'];
  for (const [i, title] of titles.entries()) {
    await page.getByLabel('Phase', { exact: true }).selectOption({ label: `Phase ${i < 3 ? 1 : 2} en` });
    for (const lang of LANGS) {
      await chooseLanguage(page, lang.autonym);
      await page.getByLabel(`Question (${lang.name})`).fill(`${title} ${lang.code}`);
      await page.getByLabel(`Explanation (${lang.name})`).fill(`Why ${title} ${lang.code}`);
    }
    await page.getByRole('button', { name: 'Save question' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: `${title} en` })).toBeVisible();
  }
  // Reorder with the keyboard: "Price" moves above "Quality".
  await page.getByRole('button', { name: 'Move up: Price en' }).focus();
  await page.keyboard.press('Enter');
  const phase1 = page.getByRole('region', { name: 'Phase 1 en' }).getByRole('listitem');
  await expect(phase1).toHaveText([/Access en/, /Price en/, /Quality en/]);
  await expect(page.getByRole('button', { name: 'Move up: Price en' })).toBeFocused();
  await shot(page, 'organiser-questions');

  // A new space is a draft, seen by organisers only: published before anyone else can read it.
  const status = page.getByRole('region', { name: /^Status/ });
  await expect(status).toContainText('Draft');
  await status.getByRole('button', { name: 'Publish', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Publish this space?' })
    .getByRole('button', { name: 'Publish', exact: true })
    .click();
  await expect(status).toContainText('Published');

  // Everything reached the server through the replication, time zones and instants included.
  let space: Space | undefined;
  await expect
    .poll(async () => {
      space = (await pullAll<Space>('spaces')).find((s) => s.slug === slug);
      return space?.phases.map((p) => [p.timeZone, p.opensAt, p.closesAt]);
    })
    .toEqual(phases.map((p) => [p.zone, toMinute(p.opens), toMinute(p.closes)]));
  expect(space!.languages).toEqual(['en', 'fr', 'es', 'ru']);
  expect(space!.title).toEqual({ en: 'Water en', fr: 'Water fr', es: 'Water es', ru: 'Water ru' });
  expect(space!.contactEmail).toBe('organiser@example.org');
  let questions: Question[] = [];
  await expect
    .poll(async () => {
      questions = (await pullAll<Question>('questions'))
        .filter((q) => q.spaceId === space!.id)
        .sort((a, b) => a.position - b.position);
      return questions.map((q) => q.title.en);
    })
    .toEqual(['Access en', 'Price en', 'Quality en', 'Future en', 'Priorities en']);
  expect(questions[4]!.title).toEqual({
    en: 'Priorities en',
    fr: 'Priorities fr',
    es: 'Priorities es',
    ru: 'Priorities ru',
  });
  expect(new Set(questions.slice(0, 3).map((q) => q.phaseId))).toEqual(new Set([space!.phases[0]!.id]));

  // 3. A regional moderator, through the Team screen.
  await page.goto('/moderate/team');
  await page.getByLabel('Space', { exact: true }).selectOption({ label: 'Water en' });
  await page.getByLabel('Account e-mail').fill(DEMO.regionalModerator);
  await page.getByRole('button', { name: 'Make moderator' }).click();
  await expect(
    page.getByRole('main').getByRole('status').filter({ hasText: 'now moderates this space' }),
  ).toBeVisible();

  // 4. Participants post (by HTTP); the regional moderator approves all but one.
  const [access, price, quality] = questions as [Question, Question, Question];
  const approved = [
    ...(await pushPosts(server.url, DEMO.ana, access, ['Wells first.', 'Pipes leak.'], 'en')),
    ...(await pushPosts(server.url, DEMO.ben, access, ['Les puits d’abord.'], 'fr')),
    ...(await pushPosts(server.url, DEMO.ana, price, ['El precio sube.'], 'es')),
    ...(await pushPosts(server.url, DEMO.ben, price, ['Цены растут.'], 'ru')),
    ...(await pushPosts(server.url, DEMO.ana, quality, ['Eau trouble.'], 'fr')),
  ];
  await pushPosts(server.url, DEMO.ben, quality, ['Still waiting for a moderator.'], 'en');
  await approvePosts(server.url, DEMO.regionalModerator, approved);

  // 5. The report, as the regional moderator sees it on their phone, and its downloads.
  const mod = await newDevice(server.url);
  await signIn(mod.page, DEMO.regionalModerator);
  await mod.page.goto(`/s/${slug}`);
  await mod.page.getByRole('link', { name: 'Summary report' }).click();
  await expect(mod.page.getByRole('heading', { level: 1, name: /Summary report/ })).toBeVisible();
  await expect(mod.page.getByTestId('report-contributions')).toHaveText('6');
  await expect(mod.page.getByTestId('report-languages')).toHaveText('EN: 2 · ES: 1 · FR: 2 · RU: 1');
  await expect(mod.page.getByTestId('report-contributors')).toContainText('2');

  const [md] = await Promise.all([
    mod.page.waitForEvent('download'),
    mod.page.getByRole('link', { name: 'Download Markdown' }).click(),
  ]);
  const markdown = await savedFile(md);
  expect(markdown).toContain('- Contributions: 6');
  expect(markdown).toContain('- By language: en: 2, es: 1, fr: 2, ru: 1');
  expect(markdown).not.toContain('Still waiting');

  const [csv] = await Promise.all([
    mod.page.waitForEvent('download'),
    mod.page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  // Every cell quoted (RFC 4180); none of these posts has a line break.
  const rows = (await savedFile(csv))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"')));
  const language = rows[0]!.indexOf('language');
  expect(language).toBeGreaterThan(-1);
  const perLanguage: Record<string, number> = {};
  for (const row of rows.slice(1)) perLanguage[row[language]!] = (perLanguage[row[language]!] ?? 0) + 1;
  expect(perLanguage).toEqual({ en: 2, es: 1, fr: 2, ru: 1 });
});

test('a participant has no organiser screens, and the server refuses their space', async ({ newDevice }) => {
  const { page } = await newDevice(server.url);
  await signIn(page, DEMO.ana);
  await expect(page.getByRole('link', { name: 'New space' })).toHaveCount(0);
  await page.goto('/organise/new');
  await expect(page.getByText('Only an administrator can create and edit spaces.')).toBeVisible();
  const me = (await (await page.request.get('/api/auth/me')).json()) as { id: string };
  const res = await page.request.post('/api/sync/spaces/push', {
    data: [],
    headers: { [VIEWER_HEADER]: me.id },
  });
  expect(res.status()).toBe(403);
});
