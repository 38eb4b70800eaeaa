import { z } from 'zod';

// The server's Content-Security-Policy forbids eval. Zod would otherwise probe for it with
// `Function('')` on first parse (a CSP violation report on every page load) before falling back
// to the interpreter it then uses anyway. Imported first by main.tsx, before any schema runs.
z.config({ jitless: true });
