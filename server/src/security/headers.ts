import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers for everything the server sends (API and app shell). The Content-Security-Policy
 * allows exactly what the built client uses: its own scripts, styles, fonts, service worker and
 * manifest; images from itself, data: (inline SVG icons) and blob: (attachment previews and
 * downloads made in the page); requests to itself only (plus the error reporter, when one is
 * configured). No inline script and no eval anywhere: the Vite build puts every script in a file.
 */
export function securityHeaders(opts: { sentryDsn: string | null }): RequestHandler {
  const connect = ["'self'"];
  if (opts.sentryDsn) connect.push(new URL(opts.sentryDsn).origin);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: connect,
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        scriptSrcAttr: ["'none'"],
      },
    },
    // Same-origin app: nothing else may read our responses or open us in a window it controls.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    // Only honoured over https; harmless on a loopback http test server.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
}
