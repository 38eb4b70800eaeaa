import { randomBytes, scryptSync } from 'node:crypto';
import pg from 'pg';
import { authorOf, BENCH_PASSWORD, type Corpus } from '../corpus';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of another database on the same PostgreSQL server. */
export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, empty database (the server migrates it when it starts). */
export async function createDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The server's own format (server/src/auth/password.ts): scrypt$N$r$p$salt$hash. */
function passwordHash(password: string): string {
  const N = 2 ** 15;
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFKC'), salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
  return ['scrypt', N, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * Empties the synced tables and loads the corpus with a few bulk statements (arrays unnested
 * server-side), drawing each row's seq from the collection's sequence as the server does.
 */
export async function seedParley(client: pg.ClientBase, corpus: Corpus): Promise<void> {
  await client.query('TRUNCATE moderation, posts, questions, moderators, sessions, spaces, users CASCADE');
  for (const seq of ['posts_seq', 'moderation_seq', 'questions_seq', 'spaces_seq'])
    await client.query(`ALTER SEQUENCE ${seq} RESTART`);
  const hash = passwordHash(BENCH_PASSWORD);
  await client.query(
    `INSERT INTO users (id, email, display_name, password_hash, role, lang)
     SELECT id, email, name, $4, role, 'en' FROM unnest($1::uuid[], $2::text[], $3::text[], $5::text[]) AS u(id, email, name, role)`,
    [
      corpus.users.map((u) => u.id),
      corpus.users.map((u) => u.email),
      corpus.users.map((u) => u.displayName),
      hash,
      corpus.users.map((u) => u.role),
    ],
  );
  const { space } = corpus;
  await client.query(
    `INSERT INTO spaces (id, slug, title, intro, audience, languages, phases, contact_email, updated_at, seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, nextval('spaces_seq'))`,
    [
      space.id,
      space.slug,
      space.title,
      space.intro,
      space.audience,
      JSON.stringify(space.languages),
      JSON.stringify(space.phases),
      space.updatedAt,
    ],
  );
  const moderator = corpus.users.find((u) => u.role === 'moderator')!;
  await client.query('INSERT INTO moderators (user_id, space_id) VALUES ($1, NULL)', [moderator.id]);
  for (const q of corpus.questions)
    await client.query(
      `INSERT INTO questions (id, space_id, phase_id, position, title, body, updated_at, seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, nextval('questions_seq'))`,
      [q.id, q.spaceId, q.phaseId, q.position, q.title, q.body, q.updatedAt],
    );
  const CHUNK = 20_000;
  for (let start = 0; start < corpus.posts.length; start += CHUNK) {
    const slice = corpus.posts.slice(start, start + CHUNK);
    const col = <T>(f: (p: (typeof slice)[number], i: number) => T) => slice.map((p, i) => f(p, start + i));
    await client.query(
      `INSERT INTO posts (id, space_id, question_id, parent_id, author_id, author_name, anonymous, lang, body,
                          attachments, status, created_at, received_at, updated_at, was_public, seq)
       SELECT id, space_id, question_id, parent_id, author_id, author_name, anonymous, lang, body,
              '[]'::jsonb, 'approved', created_at, received_at, updated_at, true, nextval('posts_seq')
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::boolean[],
                     $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[])
              WITH ORDINALITY AS p(id, space_id, question_id, parent_id, author_id, author_name, anonymous,
                                   lang, body, created_at, received_at, updated_at, n)
        ORDER BY n`,
      [
        col((p) => p.id),
        col((p) => p.spaceId),
        col((p) => p.questionId),
        col((p) => p.parentId),
        col((_, i) => authorOf(corpus, i)),
        col((p) => p.authorName),
        col((p) => p.anonymous),
        col((p) => p.lang),
        col((p) => p.body),
        col((p) => p.createdAt),
        col((p) => p.receivedAt),
        col((p) => p.updatedAt),
      ],
    );
  }
  await client.query('ANALYZE posts');
}

/**
 * Grows the posts table to `total` rows by copying existing rows under new ids and seqs (a
 * server-side INSERT … SELECT, so 1M rows take seconds, not minutes of client round trips).
 */
export async function growPosts(client: pg.ClientBase, total: number): Promise<number> {
  for (let round = 0; round < 20; round++) {
    const [row] = (await client.query<{ n: string }>('SELECT count(*) AS n FROM posts')).rows;
    const have = Number(row?.n ?? 0);
    if (have >= total || have === 0) break;
    await client.query(
      `INSERT INTO posts (id, space_id, question_id, parent_id, author_id, author_name, anonymous, lang, body,
                          attachments, status, created_at, received_at, updated_at, was_public, seq)
       SELECT gen_random_uuid(), space_id, question_id, NULL, author_id, author_name, anonymous, lang, body,
              attachments, status, created_at, received_at, updated_at, was_public, nextval('posts_seq')
         FROM (SELECT * FROM posts ORDER BY seq LIMIT $1) AS source ORDER BY seq`,
      [Math.min(have, total - have)],
    );
  }
  await settle(client);
  const [row] = (await client.query<{ n: string }>('SELECT count(*) AS n FROM posts')).rows;
  return Number(row?.n ?? 0);
}

/**
 * Brings a freshly bulk-loaded table to the state autovacuum keeps a live one in (hint bits
 * set, visibility map and statistics current, dirty pages written), so that a latency
 * measurement does not time the first reader's clean-up of a million new rows.
 */
async function settle(client: pg.ClientBase): Promise<void> {
  await client.query('VACUUM (ANALYZE) posts');
  await client.query('CHECKPOINT');
}
