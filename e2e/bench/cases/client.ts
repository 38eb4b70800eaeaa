import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
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

/** The JavaScript the first screen loads: index.html's module script and its modulepreloads. */
function firstScreenScripts(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set(urls)];
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

/**
 * The client's first screen: gzip size of the JavaScript it loads, and Lighthouse's mobile
 * performance score (simulated slow 4G and a 4× slower CPU, Lighthouse's own defaults) against
 * the built app served by the real server.
 */
export async function clientFirstScreen(appUrl: string | null): Promise<CaseResult> {
  await ensureClientBuild();
  const scripts = firstScreenScripts();
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
  if (appUrl) {
    const lh = await lighthouseScore(appUrl);
    parley.lighthouseMobilePerformance = lh.score;
    if (lh.note) parley.lighthouseNote = lh.note;
    Object.assign(parley, lh.metrics);
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
