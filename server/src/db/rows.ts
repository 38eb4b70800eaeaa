/** Column value conversions shared by the repositories (node-postgres and PGlite differ a bit). */

/** bigint columns arrive as string (node-postgres) or number/bigint (PGlite). */
export const toNumber = (v: unknown): number => Number(v);

/** timestamptz arrives as a Date from both drivers; documents carry ISO strings. */
export function toIso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return new Date(String(v)).toISOString();
}

export const toIsoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : toIso(v));
