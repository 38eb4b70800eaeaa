import { Id } from '@parley/shared';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { viewerOf } from '../auth/request-session';
import { parseOr400 } from '../http/errors';
import { reportCsv, reportMarkdown } from './render-report';
import { spaceReport } from './report-service';

const Slug = z.string().min(1).max(80);
const ReportQuery = z.object({ phase: Id.optional() });

async function load(ctx: AppContext, req: Request) {
  const slug = parseOr400(Slug, req.params.slug, 'bad_request');
  const query = parseOr400(ReportQuery, req.query, 'invalid_query');
  const report = await spaceReport(ctx, await viewerOf(ctx, req), slug, query.phase ?? null);
  const day = new Date().toISOString().slice(0, 10);
  return { report, filename: `${slug}-report-${day}` };
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
    const { report, filename } = await load(ctx, req);
    res
      .set(download('text/markdown', `${filename}.md`))
      .send(reportMarkdown(report, new Date().toISOString()));
  });
  router.get('/spaces/:slug/report.csv', async (req, res) => {
    const { report, filename } = await load(ctx, req);
    res.set(download('text/csv', `${filename}.csv`)).send(reportCsv(report));
  });
  return router;
}
