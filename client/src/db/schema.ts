import { z } from 'zod';
import { Moderation, Post, Question, Space } from '@parley/shared';
import type { RxJsonSchema } from 'rxdb';

type JsonObject = Record<string, unknown>;

/** JSON-Schema keywords RxDB's storage and validators either ignore or refuse. */
const STRIPPED_KEYWORDS = new Set(['$schema', 'format']);

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    // `properties` holds field names, never keywords: keep every key there.
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as JsonObject).map(([k, v]) => [k, strip(v)]));
      continue;
    }
    if (STRIPPED_KEYWORDS.has(key)) continue;
    out[key] = strip(value);
  }
  return out;
}

/**
 * RxDB takes default values on top-level fields only: inside a field (a phase's time zone in a
 * space's phases) the default is dropped; the server fills it and sends it on every pull.
 */
function withoutDefaults(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDefaults);
  if (!node || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    if (key === 'properties' && value && typeof value === 'object')
      out[key] = Object.fromEntries(
        Object.entries(value as JsonObject).map(([k, v]) => [k, withoutDefaults(v)]),
      );
    else if (key !== 'default') out[key] = withoutDefaults(value);
  }
  return out;
}

function isNullable(prop: JsonObject): boolean {
  const variants = [prop, ...((prop.anyOf as JsonObject[] | undefined) ?? [])];
  return variants.some((v) => v.type === 'null' || (Array.isArray(v.type) && v.type.includes('null')));
}

/** What an indexed field needs on top of the zod-derived schema (RxDB refuses unbounded index fields). */
export type IndexedField = { maxLength: number } | { minimum: number; maximum: number; multipleOf: number };

export interface DeriveOptions {
  /** Compound or single indexes, as RxDB takes them. */
  indexes?: (string | string[])[];
  /** Bounds for indexed fields that the zod schema leaves open (a timestamp has no maxLength). */
  indexed?: Record<string, IndexedField>;
  /** RxDB's schema version (0 unless given); see SCHEMA_VERSION. */
  version?: number;
}

/**
 * The version of the four schemas. A device keeps its database across app updates, and RxDB
 * refuses to open a collection whose schema changed under the same version: every change to a
 * synced document's shape raises this by one and adds a step to MIGRATIONS (database.ts), which
 * brings the rows a phone holds (its unsent posts among them) to the new shape.
 * rx-schema-history.test.ts fails on a change that forgot.
 */
export const SCHEMA_VERSION = 1;

/**
 * One RxDB schema from one shared zod schema: the document shape is defined once (shared/),
 * RxDB only gets the primary key, the indexes and the bounds its indexes need.
 */
export function rxSchemaFromZod<T>(
  title: string,
  schema: z.ZodType<T>,
  options: DeriveOptions = {},
): RxJsonSchema<T> {
  const json = strip(z.toJSONSchema(schema, { io: 'output', target: 'draft-7' })) as JsonObject & {
    properties: Record<string, JsonObject>;
    required?: string[];
  };
  const properties: Record<string, JsonObject> = Object.fromEntries(
    Object.entries(json.properties).map(([field, prop]): [string, JsonObject] => [
      field,
      { ...(withoutDefaults(prop) as JsonObject), ...('default' in prop ? { default: prop.default } : {}) },
    ]),
  );
  const required = new Set(json.required ?? []);
  if (!properties.id) throw new Error(`${title}: the document has no "id" field`);
  // UUIDs are 36 characters; RxDB needs the bound for its primary index.
  properties.id = { ...properties.id, maxLength: 36 };
  for (const [field, bounds] of Object.entries(options.indexed ?? {})) {
    const prop = properties[field];
    if (!prop) throw new Error(`${title}: cannot index unknown field "${field}"`);
    if (!required.has(field)) throw new Error(`${title}: indexed field "${field}" must be required`);
    if (isNullable(prop)) throw new Error(`${title}: indexed field "${field}" must not be nullable`);
    properties[field] = { ...prop, ...bounds };
  }
  for (const index of options.indexes ?? []) {
    for (const field of Array.isArray(index) ? index : [index]) {
      const prop = properties[field];
      const bounded = prop && (prop.maxLength !== undefined || prop.maximum !== undefined);
      if (field !== 'id' && !bounded) throw new Error(`${title}: index field "${field}" needs bounds`);
    }
  }
  return {
    title,
    version: options.version ?? 0,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: [...required],
    ...(options.indexes ? { indexes: options.indexes } : {}),
  } as unknown as RxJsonSchema<T>;
}

/**
 * The four RxDB schemas, derived from shared/. The app ships them pre-derived
 * (rx-schemas.json, written by `npm run schemas -w client`) so that zod stays out of the
 * first screen's JavaScript; a unit test fails when the file and this derivation differ.
 */
export function deriveRxSchemas() {
  const TIMESTAMP_INDEX = { maxLength: 40 };

  const version = SCHEMA_VERSION;
  const spaceSchema = rxSchemaFromZod('space', Space, { indexes: ['slug'], version });

  const questionSchema = rxSchemaFromZod('question', Question, {
    version,
    indexes: [['spaceId', 'position']],
    indexed: { spaceId: { maxLength: 36 }, position: { minimum: 0, maximum: 10_000, multipleOf: 1 } },
  });

  const postSchema = rxSchemaFromZod('post', Post, {
    version,
    indexes: [['questionId', 'createdAt'], ['status', 'createdAt'], 'spaceId'],
    indexed: {
      questionId: { maxLength: 36 },
      spaceId: { maxLength: 36 },
      status: { maxLength: 16 },
      createdAt: TIMESTAMP_INDEX,
    },
  });

  const moderationSchema = rxSchemaFromZod('moderation', Moderation, {
    version,
    indexes: ['postId'],
    indexed: { postId: { maxLength: 36 } },
  });
  return { spaces: spaceSchema, questions: questionSchema, posts: postSchema, moderation: moderationSchema };
}
