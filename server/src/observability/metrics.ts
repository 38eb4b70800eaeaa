import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppContext } from '../app-context';
import { AppError } from '../http/errors';

export interface Metrics {
  registry: Registry;
  /** Express middleware timing every /api request by its route pattern (never its raw path). */
  timeRequests: (req: Request, res: Response, next: NextFunction) => void;
  /** GET /api/metrics: the token, or a direct loopback request with no proxy in between. */
  serve: (req: Request, res: Response) => Promise<void>;
}

/** Prometheus metrics, one registry per app so tests and several apps in one process don't mix. */
export function createMetrics(ctx: AppContext, streamCount: () => number): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const latency = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'API request latency by route pattern',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const syncRequests = new Counter({
    name: 'parley_sync_requests_total',
    help: 'Replication pulls and pushes by collection',
    labelNames: ['kind', 'collection', 'status'],
    registers: [registry],
  });
  new Gauge({
    name: 'parley_stream_connections',
    help: 'Open replication streams on this instance',
    registers: [registry],
    collect() {
      this.set(streamCount());
    },
  });
  new Gauge({
    name: 'parley_moderation_queue_length',
    help: 'Pending posts by space (read from the database at scrape time)',
    labelNames: ['space'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await ctx.db.query<{ slug: string; n: number }>(
        `SELECT s.slug, count(p.id)::int AS n FROM spaces s
           LEFT JOIN posts p ON p.space_id = s.id AND p.status = 'pending'
          GROUP BY s.slug`,
      );
      for (const row of rows) this.set({ space: row.slug }, row.n);
    },
  });

  return {
    registry,
    timeRequests: (req, res, next) => {
      const end = latency.startTimer();
      res.on('finish', () => {
        // The matched pattern (`/api/sync/:collection/pull`) keeps label cardinality bounded.
        const pattern = (req.route as { path?: unknown } | undefined)?.path;
        const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
        const labels = { method: req.method, route, status: String(res.statusCode) };
        end(labels);
        const kind = /\/(pull|push)$/.exec(route)?.[1];
        const collection = (req.params as { collection?: string }).collection;
        if (kind && collection) syncRequests.inc({ kind, collection, status: labels.status });
      });
      next();
    },
    serve: async (req, res) => {
      const token = ctx.config.metricsToken;
      const bearer = req.get('authorization') === `Bearer ${token}`;
      const directLoopback =
        !req.get('x-forwarded-for') && /^(::1|127\.|::ffff:127\.)/.test(req.socket.remoteAddress ?? '');
      if (!(token ? bearer : directLoopback)) throw new AppError(403, 'forbidden', 'Metrics are not public.');
      res.set('Content-Type', registry.contentType).send(await registry.metrics());
    },
  };
}
