// The server's Content-Security-Policy forbids eval. Zod would otherwise probe for it with
// `Function('')` when it builds its first object schema (a CSP violation report), then fall back to
// the interpreter anyway. Zod keeps its configuration on this global (shared by every copy of zod,
// read when zod's core loads), so setting it here, before any chunk holding the shared schemas can
// load, needs none of zod's code on the first screen. Checked by e2e/tests/security-xss.spec.ts,
// which fails on any CSP violation report.
declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
export {};
