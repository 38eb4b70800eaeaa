import { ConfigError, loadConfig } from './config/config';
import { claimDataDir, DataDirBusyError } from './db/data-dir-lock';
import { inProcessChanges } from './db/changes';
import { openPgChanges } from './db/pg-changes';
import { openDatabase } from './db/open';
import { createApp } from './http/app';
import { startInboundSmtp } from './inbound-mail/smtp-listener';
import { uploadStorageFor } from './attachments/storage/storage-for-config';
import { listen } from './http/listen';
import { createLogger } from './observability/request-log';
import { DEMO_PASSWORD } from './seed/demo-content';
import { existingDemoAccounts, seedDemo } from './seed/seed-demo';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const release = config.databaseUrl ? () => undefined : claimDataDir(config.dataDir, 'the Parley server');
  const db = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, poolMax: config.databasePoolMax, logger }
      : { kind: 'pglite', dataDir: config.dataDir },
  );
  // Several instances share one PostgreSQL: LISTEN/NOTIFY carries change notices between them.
  const changes = config.databaseUrl
    ? await openPgChanges(config.databaseUrl, logger)
    : inProcessChanges(logger);

  // By default the demo only on the embedded database: a real deployment starts empty.
  const seed = config.demoSeed ? await seedDemo({ db, changes }) : { seeded: false };
  const parley = createApp({ db, config, changes, logger });
  const server = await listen(parley, config.host, config.port);
  // Comments by e-mail (INBOUND_SMTP_PORT): the SMTP listener writes through the same store.
  const inbound = config.inboundSmtp
    ? await startInboundSmtp(parley.ctx, uploadStorageFor(config), config.inboundSmtp)
    : null;
  if (inbound) logger.child({}, { level: 'info' }).info(`Inbound mail: SMTP listening on ${inbound.url}`);
  // Abandoned and never-attached uploads: shortly after start, then hourly.
  parley.uploadSweeper.start();

  // Whatever LOG_LEVEL says, the start line is written: operators and e2e/support/server.ts
  // (which waits for "listening on <url>", PORT=0) need to know where the server listens.
  logger.child({}, { level: 'info' }).info({ url: server.url }, `Parley listening on ${server.url}`);
  logger.info(
    config.databaseUrl ? 'Database: PostgreSQL (DATABASE_URL)' : `Database: PGlite in ${config.dataDir}`,
  );
  if (config.databaseUrl && !config.sessionSecretFromEnv) {
    logger.warn(
      `SESSION_SECRET is unset: using the one generated in ${config.dataDir}; instances must share one.`,
    );
  }
  if (!config.publicUrl && !/^(127\.|localhost$|::1$)/.test(config.host)) {
    logger.error(
      'PUBLIC_URL is unset: e-mails with links (password reset, decisions) go out only for requests to localhost. Set PUBLIC_URL to the address people use.',
    );
  }
  const demo = await existingDemoAccounts({ db, changes });
  if (seed.seeded || demo.length > 0) {
    logger.info(
      { accounts: demo.map((a) => ({ email: a.email, role: a.role, name: a.displayName })) },
      `${seed.seeded ? 'Seeded the demo space "regional-review". ' : ''}Demo accounts (password "${DEMO_PASSWORD}")`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    // A stuck request must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    // Stops accepting, lets in-flight pushes finish, ends streams with an SSE retry hint.
    await server.close();
    await inbound?.close();
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
  // The configuration may be what failed, so this logger cannot take its level from it.
  const logger = createLogger({ logLevel: 'info' });
  if (err instanceof ConfigError || err instanceof DataDirBusyError) {
    logger.fatal(err.message);
  } else {
    logger.fatal({ err }, 'Parley failed to start');
  }
  process.exit(1);
});
