import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** server/ and the repository root, from this file's place (cwd varies with how npm runs us). */
export const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_DIR = resolve(SERVER_DIR, '..');

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Every variable the server reads, described; the process refuses to start on a bad value. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port; 0 = any free port'),
  HOST: z.string().min(1).default('127.0.0.1').describe('interface to listen on'),
  DATABASE_URL: optional
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL')
    .describe('real PostgreSQL; absent = embedded PGlite in DATA_DIR'),
  DATABASE_POOL_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(10)
    .describe('most PostgreSQL connections one instance opens; mind max_connections across instances'),
  DATA_DIR: optional.describe('PGlite data and the generated session secret; default ./data'),
  SESSION_SECRET: optional
    .refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters')
    .describe('keys the HMACs of throttling keys; generated into DATA_DIR when absent'),
  SENTRY_DSN: optional
    .refine((v) => v === undefined || URL.canParse(v), 'must be a URL')
    .describe('client error reports; off when unset'),
  SENTRY_ENVIRONMENT: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'letters, digits, ".", "_" or "-"')
    .default('production')
    .describe('the environment tag of client error reports'),
  DEMO_SEED: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .describe('seed the demo space into an empty database; auto = on the embedded database only'),
  SMTP_URL: optional
    .refine((v) => v === undefined || /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL')
    .describe('where e-mail goes; unset = written as .eml files to DATA_DIR/mail'),
  MAIL_FROM: z.string().min(3).default('Parley <parley@localhost>').describe('sender of e-mails'),
  PUBLIC_URL: optional
    .refine((v) => v === undefined || /^https?:\/\/[^/]+$/.test(v), 'must be https://host (no path)')
    .describe(
      'origin used in e-mailed links; unset = links only for requests to localhost (a Host header is not trusted)',
    ),
  CLIENT_DIST: optional.describe('the built client; default <repo>/client/dist'),
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .describe('Secure cookie flag; auto = when the request came over https'),
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .describe('Express "trust proxy": whose X-Forwarded-* headers to believe (req.ip, https)'),
  METRICS_TOKEN: optional
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters')
    .describe('bearer token for GET /api/metrics; without it only direct loopback requests get metrics'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('request and server log level (pino)'),
  RATE_LIMIT_SCALE: z.coerce
    .number()
    .min(0)
    .default(1)
    .describe('multiplies the per-IP/per-account request limits; 0 turns them off (load tests only)'),
  SIGNUP_CONFIRMATION: z
    .enum(['auto', 'email', 'instant'])
    .default('auto')
    .describe(
      'email: sign-up finishes through an e-mailed link and never says whether an address has an account; instant: signed in at once (409 when taken); auto = email when SMTP_URL is set',
    ),
  STREAM_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 3600)
    .default(1800)
    .describe('a live stream ends after this long and the device reconnects, signing in afresh'),
  STREAM_FANOUT: z
    .enum(['on', 'off'])
    .default('on')
    .describe(
      'on: open streams of the same visibility scope share one pull per write; off: each stream pulls for itself (benchmark comparison only)',
    ),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 40)
    .optional()
    .describe('largest attachment accepted, in bytes; default 20 MB'),
  UPLOAD_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 50)
    .optional()
    .describe(
      'most bytes of attachments one account may keep (finished and unfinished uploads); default 500 MB',
    ),
  UPLOAD_UNFINISHED_MAX_AGE_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 365)
    .optional()
    .describe('an unfinished upload idle this long is deleted (rows and bytes); default 24'),
  UPLOAD_UNATTACHED_MAX_AGE_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 365)
    .optional()
    .describe(
      'a finished upload no post carries is deleted this long after it completed; default 168 (7 days)',
    ),
  UPLOADS_DIR: optional.describe('where uploaded attachments are kept; default DATA_DIR/uploads'),
  S3_BUCKET: optional.describe('keep attachments in this S3-compatible bucket instead of UPLOADS_DIR'),
  S3_ENDPOINT: optional
    .refine((v) => v === undefined || URL.canParse(v), 'must be a URL')
    .describe('S3 service URL for a non-AWS store (MinIO, Garage, R2, …); default AWS'),
  S3_REGION: z.string().min(1).default('us-east-1').describe('S3 region'),
  S3_ACCESS_KEY_ID: optional.describe('S3 access key; default the AWS SDK credential chain'),
  S3_SECRET_ACCESS_KEY: optional.describe('S3 secret key, with S3_ACCESS_KEY_ID'),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .describe('address the bucket as ENDPOINT/bucket (MinIO and most self-hosted stores)'),
  INBOUND_SMTP_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .optional()
    .describe(
      'port of the SMTP listener that takes comments by e-mail; unset = no listener; 0 = any free port',
    ),
  INBOUND_SMTP_HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('interface the inbound SMTP listener binds'),
  INBOUND_MAIL_DOMAIN: optional
    .refine(
      (v) => v === undefined || /^(?=.{1,253}$)([a-z0-9-]+\.)*[a-z0-9-]+$/i.test(v),
      'must be a domain name',
    )
    .describe("also route <slug>@<domain> (and its +tags) to a space, beside each space's contact address"),
  VAPID_PUBLIC_KEY: optional
    .refine(
      (v) => v === undefined || /^[A-Za-z0-9_-]{80,100}$/.test(v),
      'must be a base64url P-256 public key',
    )
    .describe(
      'Web Push: the VAPID public key (with VAPID_PRIVATE_KEY); both unset = a pair generated into DATA_DIR',
    ),
  VAPID_PRIVATE_KEY: optional
    .refine(
      (v) => v === undefined || /^[A-Za-z0-9_-]{40,50}$/.test(v),
      'must be a base64url P-256 private key',
    )
    .describe('Web Push: the VAPID private key; the same pair on every instance'),
  VAPID_SUBJECT: optional
    .refine((v) => v === undefined || /^(mailto:|https:\/\/)/.test(v), 'must be a mailto: or https:// URL')
    .describe('Web Push: how push services reach the operator; default PUBLIC_URL (https) or MAIL_FROM'),
  INIT_CWD: optional.describe('set by npm: the directory npm was started in'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  /** Most connections in this instance's PostgreSQL pool; absent = 10. */
  databasePoolMax?: number;
  dataDir: string;
  sessionSecret: string;
  /** False when the secret was generated into DATA_DIR (fine for one instance only). */
  sessionSecretFromEnv: boolean;
  sentryDsn: string | null;
  sentryEnvironment: string;
  /** SMTP server URL, or null: e-mails are written to DATA_DIR/mail as .eml files. */
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string | null;
  /** Seed the demo space into an empty database at start. */
  demoSeed: boolean;
  clientDist: string;
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: string;
  metricsToken: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Multiplies the request rate limits (server/src/security/rate-limits.ts); 0 = off. Absent = 1. */
  rateLimitScale?: number;
  /** How sign-up is confirmed (auth-service signUpByEmail); absent = auto. */
  signupConfirmation?: 'auto' | 'email' | 'instant';
  /** Longest life of one live stream (server/src/sync/stream.ts); absent = 30 minutes. */
  streamMaxAgeSeconds?: number;
  /** Streams of one scope share one pull per write (server/src/sync/stream.ts); absent = true. */
  streamFanOut?: boolean;
  /** Largest attachment in bytes (server/src/attachments); absent = 20 MB. */
  maxUploadBytes?: number;
  /** Most bytes of uploads one account may keep (server/src/attachments); absent = 500 MB. */
  uploadQuotaBytes?: number;
  /** Hours an unfinished upload may sit idle before the sweep deletes it; absent = 24. */
  uploadUnfinishedMaxAgeHours?: number;
  /** Hours a finished upload no post carries is kept; absent = 168 (7 days). */
  uploadUnattachedMaxAgeHours?: number;
  /** Where tus uploads are kept; absent = DATA_DIR/uploads. */
  uploadsDir?: string;
  /** An S3-compatible bucket for uploads instead of uploadsDir (S3_BUCKET set). */
  s3?: S3Config;
  /** The SMTP listener for comments by e-mail (server/src/inbound-mail); absent = none. */
  inboundSmtp?: { port: number; host: string };
  /** `<slug>@<domain>` routes to the space (lower case); absent = contact addresses only. */
  inboundMailDomain?: string;
  /**
   * Web Push (server/src/notifications/web-push.ts): the VAPID key pair and subject. loadConfig
   * fills it (from the environment, else a pair generated into DATA_DIR); absent = no Web Push.
   */
  vapid?: VapidConfig;
  /** Push endpoints the server will post to; absent = public https hosts only ('any': tests). */
  pushEndpoints?: 'public' | 'any';
}

export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export interface S3Config {
  bucket: string;
  /** Absent: AWS itself. */
  endpoint?: string;
  region: string;
  /** Both or neither; neither = the AWS SDK's own credential chain (environment, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

export class ConfigError extends Error {}

/**
 * Relative DATA_DIR is resolved where the user started npm (INIT_CWD), because `npm run serve`
 * runs us with cwd = server/. Started directly inside server/ without npm, the repo root is meant.
 */
function baseDir(initCwd: string | undefined, cwd: string): string {
  if (initCwd) return initCwd;
  return resolve(cwd) === SERVER_DIR ? REPO_DIR : cwd;
}

/** Pure: parses an environment into a Config, without touching the disk. */
export function parseEnv(
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Omit<Config, 'sessionSecret' | 'sessionSecretFromEnv'> & {
  sessionSecret: string | null;
  /** Web Push settings from the environment; the keys are null when they are to be generated. */
  vapidFromEnv: { publicKey: string; privateKey: string } | null;
  vapidSubject: string;
} {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined)) {
    throw new ConfigError(
      'Invalid environment:\n  VAPID_PRIVATE_KEY: set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither',
    );
  }
  const base = baseDir(e.INIT_CWD, cwd);
  const dataDir = e.DATA_DIR
    ? isAbsolute(e.DATA_DIR)
      ? e.DATA_DIR
      : resolve(base, e.DATA_DIR)
    : join(base, 'data');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    databasePoolMax: e.DATABASE_POOL_MAX,
    dataDir,
    sessionSecret: e.SESSION_SECRET ?? null,
    sentryDsn: e.SENTRY_DSN ?? null,
    sentryEnvironment: e.SENTRY_ENVIRONMENT,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL ?? null,
    demoSeed: e.DEMO_SEED === 'auto' ? !e.DATABASE_URL : e.DEMO_SEED === 'true',
    clientDist: e.CLIENT_DIST ? resolve(base, e.CLIENT_DIST) : join(REPO_DIR, 'client', 'dist'),
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true' ? 'always' : 'never',
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    streamMaxAgeSeconds: e.STREAM_MAX_AGE_SECONDS,
    streamFanOut: e.STREAM_FANOUT === 'on',
    signupConfirmation: e.SIGNUP_CONFIRMATION,
    ...(e.MAX_UPLOAD_BYTES !== undefined ? { maxUploadBytes: e.MAX_UPLOAD_BYTES } : {}),
    ...(e.UPLOAD_QUOTA_BYTES !== undefined ? { uploadQuotaBytes: e.UPLOAD_QUOTA_BYTES } : {}),
    ...(e.UPLOAD_UNFINISHED_MAX_AGE_HOURS !== undefined
      ? { uploadUnfinishedMaxAgeHours: e.UPLOAD_UNFINISHED_MAX_AGE_HOURS }
      : {}),
    ...(e.UPLOAD_UNATTACHED_MAX_AGE_HOURS !== undefined
      ? { uploadUnattachedMaxAgeHours: e.UPLOAD_UNATTACHED_MAX_AGE_HOURS }
      : {}),
    ...(e.UPLOADS_DIR ? { uploadsDir: resolve(base, e.UPLOADS_DIR) } : {}),
    ...(e.INBOUND_SMTP_PORT !== undefined
      ? { inboundSmtp: { port: e.INBOUND_SMTP_PORT, host: e.INBOUND_SMTP_HOST } }
      : {}),
    ...(e.INBOUND_MAIL_DOMAIN ? { inboundMailDomain: e.INBOUND_MAIL_DOMAIN.toLowerCase() } : {}),
    vapidFromEnv:
      e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
        ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
        : null,
    vapidSubject: e.VAPID_SUBJECT ?? vapidSubjectFrom(e.PUBLIC_URL, e.MAIL_FROM),
    ...(e.S3_BUCKET
      ? {
          s3: {
            bucket: e.S3_BUCKET,
            ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
            region: e.S3_REGION,
            ...(e.S3_ACCESS_KEY_ID ? { accessKeyId: e.S3_ACCESS_KEY_ID } : {}),
            ...(e.S3_SECRET_ACCESS_KEY ? { secretAccessKey: e.S3_SECRET_ACCESS_KEY } : {}),
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
          },
        }
      : {}),
  };
}

/** Reads the secret kept in DATA_DIR, or makes one the first time, so restarts keep it. */
function sessionSecretFile(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * Push services contact the operator through the VAPID subject: the public https origin, else
 * the sender address of e-mails.
 */
function vapidSubjectFrom(publicUrl: string | undefined, mailFrom: string): string {
  if (publicUrl?.startsWith('https://')) return publicUrl;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `mailto:${address}`;
}

/**
 * Reads the Web Push (VAPID) key pair kept in DATA_DIR, or makes one the first time, so restarts
 * keep it and browsers' subscriptions stay valid. Several instances need VAPID_* instead.
 */
function vapidKeysFile(dataDir: string): { publicKey: string; privateKey: string } {
  const file = join(dataDir, 'vapid-keys.json');
  if (existsSync(file)) {
    const keys = JSON.parse(readFileSync(file, 'utf8')) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof keys.publicKey === 'string' && typeof keys.privateKey === 'string') {
      return { publicKey: keys.publicKey, privateKey: keys.privateKey };
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const keys = generateVapidKeys();
  writeFileSync(file, JSON.stringify(keys) + '\n', { mode: 0o600 });
  return keys;
}

/** A P-256 key pair as Web Push wants it: the raw public point and private scalar, base64url. */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-65);
  return { publicKey: raw.toString('base64url'), privateKey: String(jwk.d) };
}

/** The only place that reads process.env: called once by each entry point. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const { vapidFromEnv, vapidSubject, ...config } = parseEnv(env, cwd);
  return {
    ...config,
    sessionSecret: config.sessionSecret ?? sessionSecretFile(config.dataDir),
    sessionSecretFromEnv: config.sessionSecret !== null,
    vapid: { ...(vapidFromEnv ?? vapidKeysFile(config.dataDir)), subject: vapidSubject },
  };
}
