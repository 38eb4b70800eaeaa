import type { Me } from '@parley/shared';

const ROLES: readonly string[] = ['participant', 'moderator', 'admin'];

/**
 * A shape check of a stored or received viewer. Deliberately not the shared zod schema: zod would
 * add ~25 KB gzip to the first screen, and the server already validates what it sends.
 */
export function asMe(value: unknown): Me | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const ok =
    typeof v.id === 'string' &&
    typeof v.email === 'string' &&
    typeof v.displayName === 'string' &&
    typeof v.role === 'string' &&
    ROLES.includes(v.role) &&
    typeof v.lang === 'string' &&
    typeof v.globalModerator === 'boolean' &&
    Array.isArray(v.moderatorOf) &&
    v.moderatorOf.every((id) => typeof id === 'string');
  return ok ? (value as Me) : null;
}
