import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { findChromium } from '../../support/browser';
import { run } from '../processes';
import { kb, round, type CaseResult, type Figures } from './context';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dist = join(repoRoot, 'client', 'dist');

/** Builds the client when there is no build yet (a fresh clone). */
export async function ensureClientBuild(): Promise<void> {
  if (existsSync(join(dist, 'index.html'))) return;
  console.info('client/dist is missing: building the client…');
  await run('npm', ['run', 'build', '--workspace', 'client'], { cwd: repoRoot, timeoutMs: 300_000 });
}

/** JavaScript files whose loading we watch: the app's own bundles, not the service worker. */
const isAppScript = (url: URL) => url.pathname.endsWith('.js') && url.pathname.startsWith('/assets/');

/**
 * Every JavaScript file the first screen loads, observed in Chromium rather than read from
 * index.html: the entry, its modulepreloads and whatever it imports on the way (the service
 * worker's registration helper, the messages of a language other than English), until the list
 * of spaces is on screen and no script has arrived for a second. A fresh profile, as on a first visit; the
 * service worker's own precache fetches are not the page's and are not counted.
 */
async function firstScreenScripts(appUrl: string): Promise<string[]> {
  const chrome = await findChromium();
  const browser = await chromium.launch({ executablePath: chrome.executablePath, args: chrome.args });
  try {
    const page = await browser.newPage();
    const seen = new Set<string>();
    let lastScript = Date.now();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!isAppScript(url) || seen.has(url.pathname)) return;
      seen.add(url.pathname);
      lastScript = Date.now();
    });
    await page.goto(appUrl);
    // The spaces screen is done when its list (or its empty message) replaced the loading state.
    await page.locator('main .card-list, main .empty').first().waitFor({ timeout: 60_000 });
    while (Date.now() - lastScript < 1_000) await page.waitForTimeout(200);
    return [...seen];
  } finally {
    await browser.close();
  }
}

async function lighthouseScore(
  url: string,
): Promise<{ score: number | null; note: string | null; metrics: Figures }> {
  const cli = createRequire(import.meta.url).resolve('lighthouse/cli/index.js');
  const chrome = await findChromium();
  const out = mkdtempSync(join(tmpdir(), 'parley-bench-lh-'));
  try {
    const report = join(out, 'report.json');
    await run(
      process.execPath,
      [
        cli,
        url,
        '--only-categories=performance',
        '--form-factor=mobile',
        '--output=json',
        `--output-path=${report}`,
        '--quiet',
        `--chrome-flags=--headless=new ${chrome.args.join(' ')}`,
      ],
      { env: { ...process.env, CHROME_PATH: chrome.executablePath }, timeoutMs: 180_000 },
    );
    const lhr = JSON.parse(readFileSync(report, 'utf8')) as {
      categories: { performance: { score: number | null } };
      audits: Record<string, { numericValue?: number }>;
      runtimeError?: { message: string };
    };
    const ms = (id: string) => round(lhr.audits[id]?.numericValue ?? NaN);
    return {
      score:
        lhr.categories.performance.score === null ? null : Math.round(lhr.categories.performance.score * 100),
      note: lhr.runtimeError?.message ?? null,
      metrics: {
        fcpMs: ms('first-contentful-paint'),
        lcpMs: ms('largest-contentful-paint'),
        tbtMs: ms('total-blocking-time'),
      },
    };
  } catch (error) {
    return {
      score: null,
      note: error instanceof Error ? error.message.slice(0, 300) : String(error),
      metrics: {},
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const LIGHTHOUSE_RUNS = 3;

/**
 * The client's first screen: gzip size of the JavaScript it loads (observed in the browser), and
 * Lighthouse's mobile performance score (simulated slow 4G and a 4× slower CPU, Lighthouse's own
 * defaults; the median of LIGHTHOUSE_RUNS runs, with its FCP, LCP and TBT) against the built app
 * served by the real server, which holds the last case's posts by then.
 */
export async function clientFirstScreen(appUrl: string, lighthouse: boolean): Promise<CaseResult> {
  await ensureClientBuild();
  const scripts = await firstScreenScripts(appUrl);
  let raw = 0;
  let gzipped = 0;
  for (const src of scripts) {
    const bytes = readFileSync(join(dist, src.replace(/^\//, '')));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 6 }).length;
  }
  const parley: Figures = {
    firstScreenJsGzipKb: kb(gzipped),
    firstScreenJsRawKb: kb(raw),
    files: scripts.length,
  };
  if (lighthouse) {
    // Lighthouse's own advice: one run varies by several points, the median of a few does not.
    const runs: Awaited<ReturnType<typeof lighthouseScore>>[] = [];
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) runs.push(await lighthouseScore(appUrl));
    const scored = runs.filter((r) => r.score !== null).sort((a, b) => a.score! - b.score!);
    const median = scored[Math.floor(scored.length / 2)] ?? runs[0]!;
    parley.lighthouseMobilePerformance = median.score;
    parley.lighthouseRuns = runs.map((r) => r.score ?? '–').join(', ');
    const note = runs.find((r) => r.note)?.note;
    if (note) parley.lighthouseNote = note;
    Object.assign(parley, median.metrics);
  } else {
    parley.lighthouseMobilePerformance = null;
    parley.lighthouseNote = 'skipped in --quick mode';
  }
  return {
    name: 'client first screen',
    parley,
    peer: null,
    ratio: { ofBudget200Kb: round(gzipped / 1024 / 200, 2) },
  };
}
