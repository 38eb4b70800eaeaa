import { ConfigError, loadConfig } from './config/config';
import { claimDataDir, DataDirBusyError } from './db/data-dir-lock';
import { inProcessChanges } from './db/changes';
import { openPgChanges } from './db/pg-changes';
import { openDatabase } from './db/open';
import { createApp } from './http/app';
import { listen } from './http/listen';
import { DEMO_PASSWORD } from './seed/demo-content';
import { existingDemoAccounts, seedDemo } from './seed/seed-demo';

async function main() {
  const config = loadConfig();
  const release = config.databaseUrl ? () => undefined : claimDataDir(config.dataDir, 'the Parley server');
  const db = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, poolMax: config.databasePoolMax }
      : { kind: 'pglite', dataDir: config.dataDir },
  );
  // Several instances share one PostgreSQL: LISTEN/NOTIFY carries change notices between them.
  const changes = config.databaseUrl ? await openPgChanges(config.databaseUrl) : inProcessChanges();

  // By default the demo only on the embedded database: a real deployment starts empty.
  const seed = config.demoSeed ? await seedDemo({ db, changes }) : { seeded: false };
  const parley = createApp({ db, config, changes });
  const server = await listen(parley, config.host, config.port);
  // Abandoned and never-attached uploads: shortly after start, then hourly.
  parley.uploadSweeper.start();

  console.info(`Parley listening on ${server.url}`);
  console.info(
    config.databaseUrl ? 'Database: PostgreSQL (DATABASE_URL)' : `Database: PGlite in ${config.dataDir}`,
  );
  if (config.databaseUrl && !config.sessionSecretFromEnv) {
    console.warn(
      `SESSION_SECRET is unset: using the one generated in ${config.dataDir}; instances must share one.`,
    );
  }
  if (!config.publicUrl && !/^(127\.|localhost$|::1$)/.test(config.host)) {
    console.error(
      'PUBLIC_URL is unset: e-mails with links (password reset, decisions) go out only for requests to localhost. Set PUBLIC_URL to the address people use.',
    );
  }
  const demo = await existingDemoAccounts({ db, changes });
  if (seed.seeded || demo.length > 0) {
    console.info(
      `${seed.seeded ? 'Seeded the demo space "regional-review". ' : ''}Demo accounts (password "${DEMO_PASSWORD}"):`,
    );
    for (const account of demo)
      console.info(`  ${account.email.padEnd(24)} ${account.role.padEnd(12)} ${account.displayName}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`${signal}: shutting down`);
    // A stuck request must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    // Stops accepting, lets in-flight pushes finish, ends streams with an SSE retry hint.
    await server.close();
    // Lets a running sweep round finish before the database closes under it.
    await parley.uploadSweeper.stop();
    await changes.close?.();
    await db.close();
    release();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirBusyError) {
    console.error(err.message);
  } else {
    console.error('Parley failed to start:', err);
  }
  process.exit(1);
});
