import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Parley</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Parley</h1><p>The server is running, but the client has not been built.</p>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it) from the repository root, then reload.</p>
</body></html>`;

/**
 * The built client. Vite puts content-hashed files under assets/: they never change, so they are
 * cached for a year. Everything else (index.html, sw.js, the manifest) must be revalidated, or a
 * device would keep an old app shell and an old service worker.
 */
export function clientRoutes(clientDist: string): Router {
  const router = express.Router();
  router.use(
    express.static(clientDist, {
      index: false,
      setHeaders(res, path) {
        const hashed = path.startsWith(join(clientDist, 'assets') + '/');
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get(/.*/, spaFallback(clientDist));
  return router;
}

/** Client-side routes (/spaces/x) all load index.html; the app's router takes it from there. */
function spaFallback(clientDist: string): RequestHandler {
  const index = join(clientDist, 'index.html');
  return (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path === '/api') return next();
    res.setHeader('Cache-Control', 'no-cache');
    // Checked per request so a client built after the server started is picked up.
    if (!existsSync(index)) {
      res.status(200).type('html').send(NOT_BUILT);
      return;
    }
    res.sendFile(index);
  };
}
