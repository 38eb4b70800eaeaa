import type { Config } from './config/config';
import type { ChangeNotifier } from './db/changes';
import type { Db } from './db/db';

/** What every service gets: the database, the change notifier for streams, and the config. */
export interface AppContext {
  db: Db;
  changes: ChangeNotifier;
  config: Config;
}
