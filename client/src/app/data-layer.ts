/** What DataProvider loads after the first paint, as one chunk: RxDB, its storage and the replication. */
export { databaseNameFor, openDatabase, removeDatabase } from '../db/database';
export { startSync } from '../sync/replication';
