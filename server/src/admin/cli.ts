import { inspect, parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { inProcessChanges } from '../db/changes';
import { claimDataDir, DataDirBusyError } from '../db/data-dir-lock';
import { openDatabase } from '../db/open';
import { AdminError, addUser, assignModeratorToSpace, removeModeratorFromSpace } from './commands';

const USAGE = `Usage: npm run admin -- <command> [options]

  user add --email E --password P --name N --role participant|moderator|admin [--space SLUG [--question Q]]
      A moderator without --space moderates every space (global); with --space, one space;
      with --question too, only that question (its id, or its number in the space: 1, 2, ...).
  moderator assign --email E --space SLUG [--question Q]
  moderator remove --email E --space SLUG [--question Q]

Uses DATABASE_URL when set, else the embedded database in DATA_DIR (default ./data).`;

// Answers to the person at the terminal, not log lines: plain text, no pino JSON.
const say = (text: string) => process.stdout.write(`${text}\n`);
const complain = (text: string) => process.stderr.write(`${text}\n`);

async function run(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        space: { type: 'string' },
        question: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    complain(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals.join(' ');
  const known = ['user add', 'moderator assign', 'moderator remove'];
  if (values.help || !known.includes(command)) {
    if (!values.help) complain(command ? `Unknown command "${command}".\n` : 'No command given.\n');
    complain(USAGE);
    return values.help ? 0 : 2;
  }

  const config = loadConfig();
  const release = config.databaseUrl
    ? () => undefined
    : claimDataDir(config.dataDir, 'another Parley process');
  try {
    const db = await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl, poolMax: config.databasePoolMax }
        : { kind: 'pglite', dataDir: config.dataDir },
    );
    try {
      // A separate process: the server's open streams learn of these changes on their next pull.
      const deps = { db, changes: inProcessChanges() };
      const message =
        command === 'user add'
          ? await addUser(deps, values)
          : command === 'moderator assign'
            ? await assignModeratorToSpace(deps, values)
            : await removeModeratorFromSpace(deps, values);
      say(message);
      return 0;
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof AdminError || err instanceof ConfigError || err instanceof DataDirBusyError;
    complain(known ? err.message : inspect(err));
    process.exit(1);
  },
);
