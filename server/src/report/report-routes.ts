import { Id, LangCode } from '@parley/shared';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { parseOr400 } from '../http/errors';
import { serverLang } from '../i18n/messages';
import { reportCsv, reportMarkdown } from './render-report';
import { spaceReport } from './report-service';

const Slug = z.string().min(1).max(80);
/** `lang`: the language the app shows the report page in, which its download links pass on. */
const ReportQuery = z.object({ phase: Id.optional(), lang: LangCode.optional() });

async function load(ctx: AppContext, req: Request) {
  const slug = parseOr400(Slug, req.params.slug, 'bad_request');
  const query = parseOr400(ReportQuery, req.query, 'invalid_query');
  const viewer = await viewerOf(ctx, req);
  const report = await spaceReport(ctx, viewer, slug, query.phase ?? null);
  const day = new Date().toISOString().slice(0, 10);
  // Written for the person downloading it: the page's language, their account's, else the space's.
  const lang = serverLang(query.lang, viewer.user?.lang, ...report.space.languages);
  return { report, filename: `${slug}-report-${day}`, lang };
}

const download = (type: string, filename: string) => ({
  'Content-Type': `${type}; charset=utf-8`,
  'Content-Disposition': `attachment; filename="${filename}"`,
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
});

/** The summary report: JSON for the app's screen, Markdown and CSV to download. `?phase=<id>`. */
export function reportRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/spaces/:slug/report.json', async (req, res) => {
    const { report } = await load(ctx, req);
    res.set('Cache-Control', 'no-store').json(report);
  });
  router.get('/spaces/:slug/report.md', async (req, res) => {
    const { report, filename, lang } = await load(ctx, req);
    res
      .set({ ...download('text/markdown', `${filename}.md`), 'Content-Language': lang })
      .send(reportMarkdown(report, new Date().toISOString(), lang));
  });
  router.get('/spaces/:slug/report.csv', async (req, res) => {
    const { report, filename, lang } = await load(ctx, req);
    res.set(download('text/csv', `${filename}.csv`)).send(reportCsv(report, lang));
  });
  return router;
}
