import type { Config } from './config/config';
import type { ChangeNotifier } from './db/changes';
import type { Db } from './db/db';
import type { Logger } from 'pino';
import type { Mailer } from './mail/mailer';

/** What every service gets: the database, the change notifier for streams, and the config. */
export interface AppContext {
  db: Db;
  changes: ChangeNotifier;
  config: Config;
  /** Outgoing e-mail; absent (scripts, some tests) = none is sent. */
  mailer?: Mailer;
  /** The server's structured log; absent = nothing logged. */
  logger?: Logger;
}
