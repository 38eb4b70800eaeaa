import { config } from 'zod/v4/core';

// The server's Content-Security-Policy forbids eval. Zod would otherwise probe for it with
// `Function('')` when it builds its first object schema (a CSP violation report), then fall back to
// the interpreter anyway. Imported first by main.tsx, before any chunk holding the shared schemas
// can load; only zod's tiny core config module comes with it, not zod itself.
config({ jitless: true });
