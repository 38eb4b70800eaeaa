/**
 * The one database interface the rest of the server sees. Two implementations: node-postgres
 * (real PostgreSQL, several instances) and PGlite (embedded, one process).
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs fn in one READ COMMITTED transaction and retries it on serialization failure or
   * deadlock (40001/40P01), so fn must only touch the database.
   */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
