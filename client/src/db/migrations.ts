import type { RxJsonSchema } from 'rxdb';

type Doc = Record<string, unknown>;
type Property = { default?: unknown; type?: unknown; anyOf?: { type?: unknown }[] };

const allowsNull = (prop: Property) =>
  [prop, ...(prop.anyOf ?? [])].some(
    (v) => v.type === 'null' || (Array.isArray(v.type) && v.type.includes('null')),
  );

/**
 * A row stored by an older app version, in the current shape: each field it lacks takes the
 * schema's default, or null where null is allowed (a post written before organisations existed
 * has none). Nothing it holds is changed, so an unsent post goes out as it was written.
 */
export function withNewFields<T>(schema: RxJsonSchema<T>): (doc: Doc) => Doc {
  const properties = schema.properties as Record<string, Property>;
  return (doc) => {
    const out: Doc = { ...doc };
    for (const [field, prop] of Object.entries(properties)) {
      if (field in out) continue;
      if ('default' in prop) out[field] = structuredClone(prop.default);
      else if (allowsNull(prop)) out[field] = null;
    }
    return out;
  };
}

/**
 * RxDB's migration steps for a schema (one per version above 0). Every change so far only added
 * fields, which withNewFields fills; a change that renames or reshapes a field needs its own step.
 */
export function migrationStrategies<T>(schema: RxJsonSchema<T>): Record<number, (doc: Doc) => Doc> {
  const step = withNewFields(schema);
  return Object.fromEntries(Array.from({ length: schema.version }, (_, i) => [i + 1, step]));
}
