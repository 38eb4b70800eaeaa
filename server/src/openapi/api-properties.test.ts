import { ANONYMOUS_VIEWER, VIEWER_HEADER } from '@parley/shared';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { generateSync } from 'json-schema-faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSession } from '../auth/auth-repository';
import { hashSessionToken, newSessionToken, SESSION_COOKIE } from '../auth/session-token';
import { makeSpace, makeUser, newPost, push, type TestSpace, type TestUser } from '../testing/fixtures';
import { startTestApp, type TestApp } from '../testing/test-app';
import { pdfBytes, tusUpload } from '../testing/tus-client';
import { apiDocument } from './api-document';

/**
 * Property-based API testing against the OpenAPI document, in the manner of Schemathesis: for
 * every operation, requests derived from its JSON Schemas (json-schema-faker, seeded by
 * fast-check) — mostly valid, some not — go to a real server on loopback, anonymously and as a
 * participant, a moderator and an administrator. Every answer must be below 500, have a status
 * the document lists for that operation, and a body its schema accepts (ajv, JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1).
 *
 * The seed changes every day, so the inputs vary from run to run while a failure stays
 * reproducible: fast-check prints the seed; API_PROPERTY_SEED=<seed> replays it.
 */

const RUNS_PER_OPERATION = 12;
const SEED = Number(process.env.API_PROPERTY_SEED ?? Math.floor(Date.now() / 86_400_000));
const REQUEST_TIMEOUT_MS = 5_000;

type Schema = Record<string, unknown>;
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface MediaTypes {
  [type: string]: { schema?: Schema };
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: MediaTypes };
  responses: Record<string, { content?: MediaTypes }>;
}

const doc = apiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: Schema;
};
const components = doc.components;
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
);

/** Values from a schema; the document's components go along so that `$ref`s resolve. */
const fromSchema = (schema: Schema): fc.Arbitrary<unknown> =>
  fc
    .integer()
    .map((seed) =>
      generateSync({ ...schema, components }, { seed, maxItems: 3, optionalsProbability: 0.5, maxDepth: 4 }),
    );

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<Schema, ReturnType<typeof ajv.compile>>();
function validatorOf(schema: Schema) {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile({ ...schema, components })));
  return validate;
}

let app: TestApp;
let users: Record<'participant' | 'moderator' | 'admin', TestUser>;
let space: TestSpace;
/** Real values for parameters of these names, so generated requests also reach the success paths. */
const known: Record<string, string[]> = {};
type Identity = 'anonymous' | keyof typeof users;
/** Stands for the requesting identity's own viewer claim (its id, or "anon"). */
const SELF = '<self>';
const IDENTITIES: Identity[] = ['anonymous', 'participant', 'moderator', 'admin'];

beforeAll(async () => {
  // Limits off: requests must reach the handlers (the limits have their own tests).
  app = await startTestApp({ rateLimitScale: 0 });
  space = await makeSpace(app);
  users = {
    participant: await makeUser(app),
    moderator: await makeUser(app, { moderates: 'global' }),
    admin: await makeUser(app, { role: 'admin' }),
  };
  // A published post (a moderator's own posts publish at once) and a finished upload.
  const post = newPost(space);
  await push(users.moderator.client, 'posts', [post]);
  const file = await tusUpload(app, users.admin.client, 'guide.pdf', pdfBytes());
  // Attached to the space, the file is public: downloads can succeed.
  await users.admin.client.post(`/api/spaces/${space.slug}/documents`, { uploadId: file.id });
  known.slug = [space.slug];
  known.id = [post.id, file.id, space.spaceId];
  known.spaces = [space.spaceId, ''];
  known.checkpoint = [JSON.stringify({ seq: 0, scope: 'anon' })];
  known['upload-length'] = ['0', '1000'];
  known[VIEWER_HEADER] = [SELF, ANONYMOUS_VIEWER];
  known.viewer = known[VIEWER_HEADER];
  known.email = Object.values(users).map((u) => u.email);
}, 60_000);
afterAll(() => app.close());

/** A session of its own for every request: a generated log-out must not sign the next one out. */
async function cookieFor(as: Identity): Promise<string | undefined> {
  if (as === 'anonymous') return undefined;
  const token = newSessionToken();
  await insertSession(app.db, hashSessionToken(token), users[as].id, 3600);
  return `${SESSION_COOKIE}=${token}`;
}

function parameterValue(p: Parameter): fc.Arbitrary<unknown> {
  const generated = fromSchema(p.schema);
  const real = known[p.name];
  const value = real?.length ? fc.oneof(generated, fc.constantFrom(...real)) : generated;
  return p.required ? value : fc.option(value, { nil: undefined, freq: 2 });
}

/** Mostly what the schema describes, sometimes any JSON at all (the 400 paths). */
function bodyValue(path: string, schema: Schema): fc.Arbitrary<unknown> {
  const valid = fromSchema(schema);
  const any = fc.jsonValue({ maxDepth: 2 });
  if (!path.endsWith('/push'))
    return fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: any, weight: 1 });
  // A push row's document is an open record in the document; real documents reach the handlers.
  const documents = ['SpaceDocument', 'QuestionDocument', 'PostDocument', 'ModerationDocument'].map((id) =>
    fromSchema({ $ref: `#/components/schemas/${id}` }),
  );
  const rows = fc.array(
    fc.record({ assumedMasterState: fc.constant(null), newDocumentState: fc.oneof(...documents) }),
    { maxLength: 3 },
  );
  return fc.oneof(
    { arbitrary: rows, weight: 3 },
    { arbitrary: valid, weight: 1 },
    { arbitrary: any, weight: 1 },
  );
}

const baseType = (type: string | null) => (type ?? '').split(';')[0]!.trim().toLowerCase();
function documentedType(documented: MediaTypes, actual: string): string | undefined {
  return Object.keys(documented).find(
    (t) => t === actual || t === '*/*' || (t.endsWith('/*') && actual.startsWith(t.slice(0, -1))),
  );
}

describe('every operation, against its OpenAPI description', () => {
  it.each(operations.map((o, i) => [`${o.method} ${o.path}`, o, i] as const))(
    '%s',
    async (_name, { method, path, operation }, index) => {
      const params = operation.parameters ?? [];
      const bodyTypes = operation.requestBody?.content ?? {};
      const [bodyType] = Object.keys(bodyTypes);
      const bodySchema = bodyType ? bodyTypes[bodyType]!.schema : undefined;
      const request = fc.record({
        as: fc.constantFrom(...IDENTITIES),
        values: fc.tuple(...params.map(parameterValue)),
        body:
          bodyType === 'application/json' && bodySchema
            ? bodyValue(path, bodySchema)
            : bodyType
              ? fc.string({ maxLength: 64 })
              : fc.constant(undefined),
      });

      await fc.assert(
        fc.asyncProperty(request, async ({ as, values, body }) => {
          let url = path;
          const query = new URLSearchParams();
          const headers: Record<string, string> = {};
          params.forEach((p, i) => {
            const v = values[i];
            if (v === undefined) return;
            const self = as === 'anonymous' ? ANONYMOUS_VIEWER : users[as].id;
            const s = v === SELF ? self : typeof v === 'string' ? v : JSON.stringify(v);
            if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(s));
            else if (p.in === 'query') query.set(p.name, s);
            // Header values must be visible ASCII; anything else is not an HTTP request at all.
            else headers[p.name] = s.replace(/[^\x20-\x7e]/g, '');
          });
          const cookie = await cookieFor(as);
          if (cookie) headers.cookie = cookie;
          // JSON-API writes need the JSON type even when empty (the CSRF fence); tus sends its own.
          if (bodyType) headers['content-type'] = bodyType;
          else if (!path.startsWith('/api/uploads') && !['GET', 'HEAD', 'OPTIONS'].includes(method))
            headers['content-type'] = 'application/json';
          const sent =
            body === undefined
              ? undefined
              : bodyType !== 'application/json' && typeof body === 'string'
                ? body
                : JSON.stringify(body);
          const address = `${app.url}${url}${query.size ? `?${query.toString()}` : ''}`;
          const res = await fetch(address, {
            method,
            headers,
            body: sent,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const type = baseType(res.headers.get('content-type'));
          // A live stream stays open: its status and type are the answer.
          const text = type === 'text/event-stream' ? (await res.body?.cancel(), '') : await res.text();
          const what = `${method} ${address.slice(0, 300)} as ${as} → ${res.status} ${text.slice(0, 300)}`;

          expect(res.status, what).toBeLessThan(500);
          const documented = operation.responses[String(res.status)];
          expect(documented, `undocumented status: ${what}`).toBeDefined();
          if (!documented!.content) {
            expect(text, `undocumented body: ${what}`).toBe('');
            return;
          }
          if (method === 'HEAD') return;
          const mediaType = documentedType(documented!.content, type);
          expect(mediaType, `undocumented content type ${type}: ${what}`).toBeDefined();
          const schema = documented!.content[mediaType!]!.schema;
          if (type !== 'application/json' || !schema) return;
          const validate = validatorOf(schema);
          const valid = validate(JSON.parse(text));
          expect(valid, `${what}\n${ajv.errorsText(validate.errors)}`).toBe(true);
        }),
        { numRuns: RUNS_PER_OPERATION, seed: SEED + index, endOnFailure: true },
      );
    },
    30_000,
  );
});
