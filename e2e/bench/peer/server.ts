import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess, waitForHttp } from '../processes';

export interface PeerServer {
  url: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * pouchdb-server 4.2 (express-pouchdb, the CouchDB protocol) in its own process, on LevelDB in a
 * temporary folder as a CouchDB keeps its data on disk; its responses are gzipped.
 */
export async function startPeerServer(): Promise<PeerServer> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-pouch-'));
  const port = await freePort();
  const cli = createRequire(import.meta.url).resolve('pouchdb-server/bin/pouchdb-server');
  const child = spawn(
    process.execPath,
    [
      cli,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--dir',
      dir,
      '--config',
      join(dir, 'config.json'),
      '--no-stdout-logs',
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`);
  return {
    url,
    port,
    pid: child.pid!,
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
