import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Schema = Record<string, unknown>;

// The vendor OpenAPI sits in shared/ beside the checkout (as on every developer machine and CI);
// SS_OPENAPI points elsewhere.
const SPEC_PATH =
  process.env.SS_OPENAPI ??
  join(fileURLToPath(new URL('../../..', import.meta.url)), '..', 'shared', 'reference', 'openapi', 'secret-server-11.7.2.openapi.json');
if (!existsSync(SPEC_PATH)) {
  throw new Error(`The Secret Server OpenAPI is not at ${SPEC_PATH}: put shared/ beside the checkout or set SS_OPENAPI.`);
}

/** The vendor OpenAPI 11.7.2. */
export const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
};

/** The 200 response schema of an operation (`get`, `/v1/users/current`). */
export function responseSchema(method: string, path: string): Schema {
  const op = spec.paths[path]?.[method];
  const content = op?.responses?.['200']?.content;
  const schema = content ? Object.values(content)[0]?.schema : undefined;
  if (!schema) throw new Error(`No 200 schema for ${method} ${path}`);
  return schema;
}

function resolve(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 20 && typeof cur.$ref === 'string'; i++) {
    const name = cur.$ref.split('/').pop() ?? '';
    const next = spec.components.schemas[name];
    if (!next) throw new Error(`Unresolvable $ref ${cur.$ref}`);
    cur = next;
  }
  return cur;
}

/** Checks `value` against a schema: types, nullability, enums and required fields; returns the problems. */
export function check(value: unknown, schema: Schema, at = '$', depth = 0): string[] {
  const s = resolve(schema);
  if (depth > 12) return [];
  if (Array.isArray(s.allOf)) return (s.allOf as Schema[]).flatMap((x) => check(value, x, at, depth + 1));
  const types = (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []) as string[];
  if (value === null) return types.includes('null') || s.nullable === true || types.length === 0 ? [] : [`${at}: null but not nullable`];
  const base = types.find((t) => t !== 'null');
  const problems: string[] = [];
  switch (base) {
    case 'integer':
      if (!Number.isInteger(value)) problems.push(`${at}: expected integer, got ${JSON.stringify(value)}`);
      break;
    case 'number':
      if (typeof value !== 'number') problems.push(`${at}: expected number`);
      break;
    case 'string':
      if (typeof value !== 'string') problems.push(`${at}: expected string, got ${JSON.stringify(value)}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${at}: expected boolean, got ${JSON.stringify(value)}`);
      break;
    case 'array':
      if (!Array.isArray(value)) problems.push(`${at}: expected array`);
      else value.forEach((v, i) => problems.push(...check(v, (s.items as Schema) ?? {}, `${at}[${i}]`, depth + 1)));
      break;
    case 'object':
    case undefined:
      if (s.properties && Object.keys(s.properties).length) {
        if (typeof value !== 'object' || Array.isArray(value)) {
          problems.push(`${at}: expected object`);
          break;
        }
        const obj = value as Record<string, unknown>;
        for (const req of (s.required as string[] | undefined) ?? []) if (!(req in obj)) problems.push(`${at}.${req}: required`);
        for (const [k, sub] of Object.entries(s.properties as Record<string, Schema>))
          if (k in obj && obj[k] !== undefined) problems.push(...check(obj[k], sub, `${at}.${k}`, depth + 1));
      }
      break;
    default:
      break;
  }
  if (Array.isArray(s.enum) && !s.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} not in enum ${JSON.stringify(s.enum)}`);
  return problems;
}
