// The few PouchDB 9 calls the peer device makes (PouchDB ships no types; @types/pouchdb is for 7).
declare module 'pouchdb' {
  interface Replication extends Promise<{ ok: boolean; docs_written: number }> {
    on(event: 'paused', listener: (error?: unknown) => void): this;
    on(event: 'error', listener: (error: unknown) => void): this;
    cancel(): void;
  }
  interface Changes {
    on(event: 'change', listener: (change: { id: string }) => void): this;
    cancel(): void;
  }
  interface ReplicateOptions {
    live?: boolean;
    retry?: boolean;
  }
  class PouchDB {
    constructor(
      name: string,
      options?: { adapter?: string; fetch?: (url: string, init: unknown) => Promise<unknown> },
    );
    static plugin(plugin: unknown): typeof PouchDB;
    static fetch(url: string, init: unknown): Promise<unknown>;
    static replicate(source: PouchDB, target: PouchDB, options?: ReplicateOptions): Replication;
    replicate: {
      from(source: PouchDB, options?: ReplicateOptions): Replication;
      to(target: PouchDB, options?: ReplicateOptions): Replication;
    };
    info(): Promise<{ doc_count: number }>;
    bulkDocs(docs: object[]): Promise<unknown[]>;
    changes(options: { since: 'now'; live: true }): Changes;
    close(): Promise<void>;
  }
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
