import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../http/app';
import { startTestApp, testConfig, type TestApp } from '../testing/test-app';
import { apiDocument } from './api-document';

/**
 * The document must describe every route the app really registers, and nothing it does not: a
 * route added without its entry in api-document.ts fails here. Routes are read from Express 5's
 * router stack (router 2.x keeps each layer's mount path as `rawPath`).
 */

interface Layer {
  rawPath?: string | RegExp;
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}
interface Registered {
  method: string;
  path: string | RegExp;
}

const ANY_METHOD = 'all';

function registeredRoutes(stack: Layer[], prefix = ''): Registered[] {
  return stack.flatMap((layer): Registered[] => {
    if (layer.route) {
      const { path, methods } = layer.route;
      const full = typeof path === 'string' ? (path === '/' && prefix ? prefix : prefix + path) : path;
      const verbs = Object.keys(methods);
      // app.all() registers every verb Node knows: one route for any method.
      return verbs.length > 10
        ? [{ method: ANY_METHOD, path: full }]
        : verbs.map((method) => ({ method, path: full }));
    }
    if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      return registeredRoutes(layer.handle.stack, prefix + mount);
    }
    return [];
  });
}

/** Express's `/:id` is OpenAPI's `/{id}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
/** A concrete address for an OpenAPI path, to test it against a RegExp route. */
const sampleOf = (path: string) => path.replace(/\{\w+\}/g, '0190f5a2-7c3e-7000-8000-000000000000');

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

let app: TestApp;
let express: Express;
beforeAll(async () => {
  app = await startTestApp();
  express = createApp({ db: app.db, config: testConfig() }).app;
});
afterAll(() => app.close());

describe('the OpenAPI document', () => {
  const documented = Object.entries(apiDocument().paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item?.[m]).map((method) => ({ method, path })),
  );

  it('is served at GET /api/openapi.json as OpenAPI 3.1', async () => {
    const res = await app.client().get<{ openapi: string; paths: object }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(Object.keys(apiDocument().paths ?? {}));
  });

  it('describes every API route the app registers, and only those', () => {
    const routes = registeredRoutes((express as unknown as { router: { stack: Layer[] } }).router.stack);
    // The client's SPA fallback answers every other GET (a RegExp that matches non-API paths too).
    const api = routes.filter((r) =>
      typeof r.path === 'string' ? r.path.startsWith('/api/') : !r.path.test('/spaces/x'),
    );
    expect(api.length).toBeGreaterThan(30);

    const undocumented = api
      .filter((r) =>
        typeof r.path === 'string'
          ? !documented.some((d) => d.method === r.method && d.path === openApiPath(r.path as string))
          : !documented.some((d) => (r.path as RegExp).test(sampleOf(d.path))),
      )
      .map((r) => `${r.method.toUpperCase()} ${String(r.path)}`);
    expect(undocumented, 'routes without an entry in api-document.ts').toEqual([]);

    const unserved = documented
      .filter(
        (d) =>
          !api.some((r) =>
            typeof r.path === 'string'
              ? r.method === d.method && openApiPath(r.path) === d.path
              : r.method === ANY_METHOD && r.path.test(sampleOf(d.path)),
          ),
      )
      .map((d) => `${d.method.toUpperCase()} ${d.path}`);
    expect(unserved, 'operations in the document that no route serves').toEqual([]);
  });
});
