import { reportText, type ReportPost, type SpaceReport } from '@parley/shared';
import { toCsv } from '../moderation/csv';

/**
 * Text a participant wrote, made inert for Markdown: every character Markdown could read as
 * syntax is escaped, so a post cannot inject links, images or HTML into the report.
 */
export const mdEscape = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ') || '–';

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** The report as Markdown, in the space's first language (where a text exists in it). */
export function reportMarkdown(report: SpaceReport, generatedAt: string): string {
  const lang = report.space.languages[0] ?? 'en';
  const t = (field: Record<string, string>) => reportText(field, lang, report.space.languages);
  const phaseName = new Map(report.phases.map((p) => [p.id, t(p.name)]));
  const out: string[] = [];
  out.push(`# ${mdEscape(t(report.space.title))}: summary report`, '');
  if (report.phaseId) out.push(`Phase: ${mdEscape(phaseName.get(report.phaseId) ?? report.phaseId)}`, '');
  out.push(`Generated ${generatedAt}. Approved contributions only.`, '');
  out.push(
    `- Contributions: ${report.contributions}`,
    `- Contributors: ${report.contributors} (of whom ${report.anonymousContributors} posted anonymously)`,
    `- By language: ${counts(report.byLanguage)}`,
    `- By phase: ${
      Object.entries(report.byPhase)
        .map(([id, n]) => `${mdEscape(phaseName.get(id) ?? id)}: ${n}`)
        .join(', ') || '–'
    }`,
    '',
  );
  const thread = (post: ReportPost, depth: number) => {
    const indent = '  '.repeat(depth);
    const body = mdEscape(post.body).replace(/\r?\n/g, `\n${indent}  `);
    out.push(
      `${indent}- **${mdEscape(post.author)}** (${post.lang}, ${post.createdAt.slice(0, 10)}): ${body}`,
    );
    for (const a of post.attachments)
      out.push(`${indent}  - attached: ${mdEscape(a.name)} (${sizeText(a.size)})`);
    for (const reply of post.replies) thread(reply, depth + 1);
  };
  for (const q of report.questions) {
    out.push(`## ${mdEscape(t(q.title))}`, '');
    out.push(`${q.contributions} contributions (${counts(q.byLanguage)})`, '');
    for (const post of q.threads) thread(post, 0);
    out.push('');
  }
  out.push('## Attached files', '');
  if (report.attachments.length === 0) out.push('None.');
  for (const a of report.attachments) out.push(`- ${mdEscape(a.name)} (${a.mime}, ${sizeText(a.size)})`);
  return `${out.join('\n')}\n`;
}

const CSV_HEADER = [
  'question',
  'phase',
  'post_id',
  'reply_to',
  'author',
  'language',
  'created_at',
  'text',
  'attachments',
] as const;

/** One row per approved contribution, replies right after what they answer. */
export function reportCsv(report: SpaceReport): string {
  const lang = report.space.languages[0] ?? 'en';
  const t = (field: Record<string, string>) => reportText(field, lang, report.space.languages);
  const phaseName = new Map(report.phases.map((p) => [p.id, t(p.name)]));
  const rows: unknown[][] = [];
  for (const q of report.questions) {
    const walk = (post: ReportPost, parent: string | null) => {
      rows.push([
        t(q.title),
        phaseName.get(q.phaseId) ?? '',
        post.id,
        parent ?? '',
        post.author,
        post.lang,
        post.createdAt,
        post.body,
        post.attachments.map((a) => a.name).join('; '),
      ]);
      for (const reply of post.replies) walk(reply, post.id);
    };
    for (const post of q.threads) walk(post, null);
  }
  return toCsv(CSV_HEADER, rows);
}
