import { ANONYMOUS_NAME, reportText, type ReportPost, type SpaceReport } from '@parley/shared';
import { say, type ServerLang } from '../i18n/messages';
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

/** A file size with the unit as the language writes it (CLDR: "1,5 Mo", "12 кБ"). */
const sizeText = (bytes: number, lang: ServerLang) =>
  bytes >= 1024 * 1024
    ? new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
        bytes / (1024 * 1024),
      )
    : new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte' }).format(
        Math.max(1, Math.round(bytes / 1024)),
      );

/**
 * The report as Markdown in `lang` (server/src/i18n), the space's texts in it where they exist,
 * else in the space's first language.
 */
export function reportMarkdown(report: SpaceReport, generatedAt: string, lang: ServerLang): string {
  const t = (field: Record<string, string>) => reportText(field, lang, report.space.languages);
  const phaseName = new Map(report.phases.map((p) => [p.id, t(p.name)]));
  const out: string[] = [];
  out.push(`# ${say(lang, 'report.heading', { title: mdEscape(t(report.space.title)) })}`, '');
  if (report.phaseId)
    out.push(
      say(lang, 'report.phase', { name: mdEscape(phaseName.get(report.phaseId) ?? report.phaseId) }),
      '',
    );
  out.push(say(lang, 'report.generated', { at: generatedAt }), '');
  const byPhase =
    Object.entries(report.byPhase)
      .map(([id, n]) => `${mdEscape(phaseName.get(id) ?? id)}: ${n}`)
      .join(', ') || '–';
  out.push(
    `- ${say(lang, 'report.contributions', { count: report.contributions })}`,
    `- ${say(lang, 'report.contributors', { count: report.contributors, anonymous: report.anonymousContributors })}`,
    `- ${say(lang, 'report.byLanguage', { counts: counts(report.byLanguage) })}`,
    `- ${say(lang, 'report.byPhase', { counts: byPhase })}`,
    '',
  );
  // buildReport names every anonymous post ANONYMOUS_NAME; the reader gets the word in their language.
  const author = (post: ReportPost) =>
    post.author === ANONYMOUS_NAME ? say(lang, 'report.anonymous') : post.author;
  const thread = (post: ReportPost, depth: number) => {
    const indent = '  '.repeat(depth);
    const body = mdEscape(post.body).replace(/\r?\n/g, `\n${indent}  `);
    out.push(
      `${indent}- **${mdEscape(author(post))}** (${post.lang}, ${post.createdAt.slice(0, 10)}): ${body}`,
    );
    for (const a of post.attachments)
      out.push(
        `${indent}  - ${say(lang, 'report.attached', { name: mdEscape(a.name), size: sizeText(a.size, lang) })}`,
      );
    for (const reply of post.replies) thread(reply, depth + 1);
  };
  for (const q of report.questions) {
    out.push(`## ${mdEscape(t(q.title))}`, '');
    out.push(say(lang, 'report.questionCount', { count: q.contributions, counts: counts(q.byLanguage) }), '');
    for (const post of q.threads) thread(post, 0);
    out.push('');
  }
  out.push(`## ${say(lang, 'report.files')}`, '');
  if (report.attachments.length === 0) out.push(say(lang, 'report.noFiles'));
  for (const a of report.attachments)
    out.push(`- ${mdEscape(a.name)} (${a.mime}, ${sizeText(a.size, lang)})`);
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

/**
 * One row per approved contribution, replies right after what they answer; titles in `lang` as
 * the Markdown has them. The header stays as it is in every language: scripts read it.
 */
export function reportCsv(report: SpaceReport, lang: ServerLang): string {
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
