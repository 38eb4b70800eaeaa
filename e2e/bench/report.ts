import type { CaseResult, Figures } from './cases/context';
import type { LinkProfile } from './link/profiles';

export interface LinkedCase extends CaseResult {
  /** The link profile the case ran through, or null for cases on loopback. */
  link: string | null;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

export interface BenchResults {
  link: LinkProfile & { emulation: string };
  quick: boolean;
  startedAt: string;
  durationSeconds: number;
  machine: string;
  cases: LinkedCase[];
  targets: Target[];
}

const show = (v: Figures[string] | undefined): string => {
  if (v === undefined || v === null) return '–';
  if (typeof v === 'object')
    return Object.entries(v)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  return typeof v === 'number' ? v.toLocaleString('en') : v;
};

const find = (cases: LinkedCase[], prefix: string, link: string | null) =>
  cases.find((c) => c.name.startsWith(prefix) && (link === undefined || c.link === link));

/** The issue's targets, each checked against what this run measured (null: not measured). */
export function checkTargets(cases: LinkedCase[], main: LinkProfile): Target[] {
  const targets: Target[] = [];
  const check = (target: string, value: number | null | undefined, ok: (v: number) => boolean, unit = '') =>
    targets.push({
      target,
      measured: value === null || value === undefined ? 'not measured' : `${value}${unit}`,
      met: value === null || value === undefined ? null : ok(value),
    });
  const cold = find(cases, 'cold sync', main.name);
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  check(
    `cold sync on ${main.name} ≥ 10× faster than the peer as shipped`,
    num(cold?.ratio.fasterThanShipped),
    (v) => v >= 10,
    '×',
  );
  check(
    `cold sync on ${main.name} ≥ 5× faster than the tuned peer`,
    num(cold?.ratio.fasterThanTuned),
    (v) => v >= 5,
    '×',
  );
  check(
    'cold sync: ≥ 20× fewer requests than the peer',
    num(cold?.ratio.fewerRequestsThanTuned),
    (v) => v >= 20,
    '×',
  );
  check(
    'cold sync within 1.3× of the physical limit',
    num(cold?.ratio.ofPhysicalLimit),
    (v) => v <= 1.3,
    '×',
  );
  const inc = find(cases, 'one new post', main.name);
  const budget = 2 * main.delayMs + 100;
  check(
    `one new post on an idle device ≤ 1 RTT + 100 ms (${budget} ms), median`,
    num(inc?.parley.medianMs),
    (v) => v <= budget,
    ' ms',
  );
  const out = find(cases, 'outbox', main.name);
  const pushes = (out?.parley.byKind as Record<string, number> | undefined)?.push;
  check('10 queued posts delivered in ≤ 2 push requests', num(pushes), (v) => v <= 2);
  const pull = find(cases, 'server pull latency', null);
  const pullRatio = pull ? Object.values(pull.ratio)[0] : null;
  check('p99 pull at the largest table ≤ 1.5× that at 10k', num(pullRatio), (v) => v <= 1.5, '×');
  const fan = find(cases, 'stream fan-out', null);
  check(
    'p99 delivery to the last of 10,000 streams ≤ 1 s',
    num(fan?.parley['lastP99Ms@10k']),
    (v) => v <= 1_000,
    ' ms',
  );
  check(
    'CPU per post at 10,000 streams ≤ 3× that at 100',
    num(fan?.ratio['cpu per post 10k ÷ 100']),
    (v) => v <= 3,
    '×',
  );
  const client = find(cases, 'client first screen', null);
  check(
    'first screen ≤ 200 KB of gzipped JavaScript',
    num(client?.parley.firstScreenJsGzipKb),
    (v) => v <= 200,
    ' KB',
  );
  check(
    'Lighthouse mobile performance ≥ 90',
    num(client?.parley.lighthouseMobilePerformance),
    (v) => v >= 90,
  );
  const big = find(cases, 'big thread', null);
  check(
    'big thread (4× CPU): first comments ≤ 1 s',
    num(big?.parley.firstCommentsMs),
    (v) => v <= 1_000,
    ' ms',
  );
  const bigTask = (key: string) => num(big?.parley[key]);
  const worstTask = big
    ? Math.max(bigTask('openLongestTaskMs') ?? 0, bigTask('scrollLongestTaskMs') ?? 0)
    : null;
  check('big thread (4× CPU): no task over 200 ms opening or scrolling', worstTask, (v) => v <= 200, ' ms');
  return targets;
}

/** One table for every case (a row per figure), then the targets. */
export function toMarkdown(results: BenchResults): string {
  const lines: string[] = [];
  const { link } = results;
  lines.push(
    `Link: ${link.name} = ${link.delayMs} ms one-way, ${link.downBps / 1e6} Mbit/s down, ${link.upBps / 1e6} Mbit/s up (${link.emulation}). ` +
      `${results.quick ? 'Quick run' : 'Full run'} of ${results.startedAt}, ${results.durationSeconds} s, ${results.machine}.`,
    '',
    '| case | figure | Parley | peer as shipped | peer tuned (keep-alive) |',
    '| --- | --- | ---: | ---: | ---: |',
  );
  for (const c of results.cases) {
    const keys = [
      ...new Set([...Object.keys(c.parley), ...Object.keys(c.peer?.shipped ?? c.peer?.tuned ?? {})]),
    ];
    const title = c.link ? `${c.name} (${c.link})` : c.name;
    keys.forEach((key, i) => {
      lines.push(
        `| ${i === 0 ? title : ''} | ${key} | ${show(c.parley[key])} | ${show(c.peer?.shipped?.[key])} | ${show(c.peer?.tuned?.[key])} |`,
      );
    });
    const ratios = Object.entries(c.ratio).filter(([, v]) => v !== null);
    if (ratios.length > 0) lines.push(`| | ratio | ${ratios.map(([k, v]) => `${k} ${v}`).join(', ')} | | |`);
  }
  lines.push('', '| target | measured | met |', '| --- | ---: | :---: |');
  for (const t of results.targets)
    lines.push(`| ${t.target} | ${t.measured} | ${t.met === null ? '–' : t.met ? 'yes' : 'no'} |`);
  return lines.join('\n');
}
