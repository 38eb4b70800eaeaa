/**
 * Installs the bench's own packages (e2e/bench/package.json: the PouchDB peer and Lighthouse)
 * before run.ts loads them. They sit outside the npm workspaces so that `npm install` at the root
 * stays light; `npm ci` runs again only when the bench's lockfile changed since the last install.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const stamp = join(here, 'node_modules', '.parley-lock-sha256');
const lockHash = createHash('sha256')
  .update(readFileSync(join(here, 'package-lock.json')))
  .digest('hex');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.info('bench: installing its own packages into e2e/bench/node_modules');
  // No install scripts: leveldown loads the prebuilt binary it ships, and sqlite3 (a C build) only
  // serves pouchdb-server's optional SQLite adapter, which the bench does not use.
  const npm = spawnSync('npm', ['ci', '--prefix', here, '--ignore-scripts', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
  });
  if (npm.status !== 0) process.exit(npm.status ?? 1);
  writeFileSync(stamp, lockHash);
}
