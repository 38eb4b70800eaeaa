import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateVapidKeys, loadConfig } from '../config/config';

const dirs: string[] = [];
const newDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-vapid-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Web Push keys (VAPID)', () => {
  it('are generated into DATA_DIR at first start and kept across restarts', () => {
    const dataDir = newDataDir();
    const first = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(32) });
    const again = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(32) });
    expect(first.vapid?.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(again.vapid).toEqual(first.vapid);
    expect(first.vapid?.subject).toBe('mailto:parley@localhost');
    const file = join(dataDir, 'vapid-keys.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ publicKey: first.vapid?.publicKey });
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('come from the environment for several instances, both or neither, with the subject', () => {
    const keys = generateVapidKeys();
    const env = {
      DATA_DIR: newDataDir(),
      SESSION_SECRET: 'x'.repeat(32),
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      PUBLIC_URL: 'https://parley.example.org',
    };
    expect(loadConfig(env).vapid).toEqual({ ...keys, subject: 'https://parley.example.org' });
    expect(loadConfig({ ...env, VAPID_SUBJECT: 'mailto:ops@example.org' }).vapid?.subject).toBe(
      'mailto:ops@example.org',
    );
    expect(() => loadConfig({ ...env, VAPID_PRIVATE_KEY: '' })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => loadConfig({ ...env, VAPID_PUBLIC_KEY: 'short' })).toThrow(/VAPID_PUBLIC_KEY/);
    expect(() => loadConfig({ ...env, VAPID_SUBJECT: 'http://x' })).toThrow(/VAPID_SUBJECT/);
  });
});
