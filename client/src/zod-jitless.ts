import { z } from 'zod';

// The server's Content-Security-Policy forbids eval. Zod would otherwise probe for it with
// `Function('')` on first parse (a CSP violation report) before falling back to the interpreter
// it then uses anyway. Imported by every module that parses (db/writes.ts), not by main.tsx:
// zod stays out of the first screen's JavaScript.
z.config({ jitless: true });
