import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvSchema, parseEnv, REPO_DIR, SERVER_DIR } from './config';

describe('parseEnv', () => {
  it('has defaults that run the demo', () => {
    const config = parseEnv({}, '/somewhere');
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: null,
      dataDir: '/somewhere/data',
      sessionSecret: null,
      sentryDsn: null,
      sentryEnvironment: 'production',
      demoSeed: true,
      clientDist: join(REPO_DIR, 'client', 'dist'),
      cookieSecure: 'auto',
    });
  });

  it('resolves a relative DATA_DIR where npm was started, or the repo root when started inside server/', () => {
    expect(parseEnv({ DATA_DIR: 'd', INIT_CWD: '/repo' }, SERVER_DIR).dataDir).toBe('/repo/d');
    expect(parseEnv({}, SERVER_DIR).dataDir).toBe(join(REPO_DIR, 'data'));
    expect(parseEnv({ DATA_DIR: '/abs' }, SERVER_DIR).dataDir).toBe('/abs');
  });

  it('accepts PORT=0 and refuses to start on a bad value, naming it', () => {
    expect(parseEnv({ PORT: '0' }).port).toBe(0);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(() => parseEnv({ COOKIE_SECURE: 'maybe' })).toThrow(/COOKIE_SECURE/);
    expect(() => parseEnv({ SENTRY_ENVIRONMENT: 'prod uction' })).toThrow(/SENTRY_ENVIRONMENT/);
  });

  it('keeps attachments in UPLOADS_DIR unless S3_BUCKET names a bucket', () => {
    expect(parseEnv({}).s3).toBeUndefined();
    expect(
      parseEnv({
        S3_BUCKET: 'parley',
        S3_ENDPOINT: 'https://s3.example.org',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
      }).s3,
    ).toEqual({
      bucket: 'parley',
      endpoint: 'https://s3.example.org',
      region: 'us-east-1',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    expect(() => parseEnv({ S3_BUCKET: 'parley', S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
  });

  it('seeds the demo on the embedded database only, unless DEMO_SEED says otherwise', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://db/x' }).demoSeed).toBe(false);
    expect(parseEnv({ DATABASE_URL: 'postgres://db/x', DEMO_SEED: 'true' }).demoSeed).toBe(true);
    expect(parseEnv({ DEMO_SEED: 'false' }).demoSeed).toBe(false);
  });

  it('sizes the PostgreSQL pool from DATABASE_POOL_MAX, 10 by default, refusing nonsense', () => {
    expect(parseEnv({}).databasePoolMax).toBe(10);
    expect(parseEnv({ DATABASE_POOL_MAX: '25' }).databasePoolMax).toBe(25);
    expect(() => parseEnv({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: '2.5' })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: 'many' })).toThrow(/DATABASE_POOL_MAX/);
  });

  it('runs the inbound SMTP listener only when INBOUND_SMTP_PORT is set, on loopback by default', () => {
    expect(parseEnv({}).inboundSmtp).toBeUndefined();
    expect(parseEnv({ INBOUND_SMTP_PORT: '2525' }).inboundSmtp).toEqual({ port: 2525, host: '127.0.0.1' });
    expect(parseEnv({ INBOUND_MAIL_DOMAIN: 'Consult.Example.org' }).inboundMailDomain).toBe(
      'consult.example.org',
    );
    expect(() => parseEnv({ INBOUND_SMTP_PORT: '99999' })).toThrow(/INBOUND_SMTP_PORT/);
    expect(() => parseEnv({ INBOUND_MAIL_DOMAIN: 'not a domain' })).toThrow(/INBOUND_MAIL_DOMAIN/);
  });

  it('treats empty variables as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', SENTRY_DSN: ' ' })).toMatchObject({
      databaseUrl: null,
      sentryDsn: null,
    });
  });
});

describe('the README configuration table', () => {
  it('lists exactly the variables the server reads', () => {
    const readme = readFileSync(join(REPO_DIR, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
    );
    const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]).sort();
    // INIT_CWD is npm's, not the operator's.
    const read = Object.keys(EnvSchema.shape)
      .filter((k) => k !== 'INIT_CWD')
      .sort();
    expect(documented).toEqual(read);
  });
});
