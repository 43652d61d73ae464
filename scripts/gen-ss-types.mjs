#!/usr/bin/env node
// Generates main/secret-server/types.ts from the vendor OpenAPI: the request and response
// schemas of the operations the console uses, plus everything they reference.
// Usage: node scripts/gen-ss-types.mjs [path/to/openapi.json]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = process.argv[2] ?? join(root, '..', 'shared', 'reference', 'openapi', 'secret-server-11.7.2.openapi.json');
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const schemas = spec.components.schemas;

/** The operations the client and simulator implement ("METHOD path" as in the spec). */
export const OPERATIONS = [
  'get /v1/users/current',
  'get /v1/version',
  'get /v1/healthcheck',
  'post /v1/oauth-expiration',
  'get /v2/secrets',
  'get /v2/secrets/{id}',
  'get /v1/secrets/stub',
  'post /v1/secrets',
  'get /v1/secrets/{id}/summary',
  'get /v1/secrets/{id}/audits',
  'post /v1/secrets/{id}/change-password',
  'get /v1/secrets/{id}/fields/{slug}',
  'put /v1/secrets/{id}/fields/{slug}',
  'get /v1/secret-templates',
  'post /v1/secret-templates',
  'get /v2/secret-templates/{secretTemplateId}',
  'put /v1/secret-templates/{templateId}',
  'get /v1/roles',
  'post /v1/roles',
  'get /v1/roles/{id}',
  'get /v1/roles/{id}/permissions',
  'put /v1/roles/{id}/permissions',
  'get /v1/roles/{id}/permissions/unassigned',
  'get /v1/users',
  'get /v1/users/{id}',
  'post /v1/users',
  'get /v1/users/{id}/roles',
  'post /v1/users/{id}/roles',
  'get /v1/users/{userId}/roles-assigned',
  'get /v1/secret-permissions',
  'post /v1/secret-permissions',
  'patch /v1/secrets/{secretId}/share',
  'get /v1/folder-permissions',
  'post /v1/folder-permissions',
  'get /v1/folders',
  'get /v1/folders/{id}',
  'post /v1/folders',
  'get /v2/userscripts',
  'post /v2/userscripts',
  'get /v2/userscripts/{scriptId}',
  'get /v1/userscripts/categories',
  'get /v1/event-pipeline-policy/list',
  'get /v1/event-pipeline-policy/{id}',
  'post /v1/event-pipeline-policy',
  'put /v1/event-pipeline-policy/{id}/activate',
  'get /v1/event-pipeline-policy/{id}/folders',
  'put /v1/event-pipeline-policy/{id}/folders',
  'post /v1/event-pipeline-policy/{id}',
  'get /v1/event-pipeline/list',
  'get /v1/event-pipeline/{id}',
  'post /v1/event-pipeline',
  'put /v1/event-pipeline/{id}/activate',
  'get /v1/event-pipeline/trigger/options',
  'get /v1/event-pipeline-settings/tasks/options',
  'get /v1/event-pipeline-settings/task/list',
  'get /v1/event-pipeline-settings/task-settings/list/{id}',
  'get /v1/event-pipeline-policy/runs',
  'get /v1/event-pipeline/runs',
  'get /v1/event-pipeline-policy/activity',
  'get /v1/sites',
  'get /v1/distributed-engine/sites',
  'get /v1/distributed-engine/engines',
];

const wanted = new Set([
  'BadRequestResponse',
  'AuthenticationFailedResponse',
  'InternalServerErrorResponse',
  'SecretModel',
  'SecretTemplateModel',
]);
const refName = (ref) => ref.split('/').pop();
function collect(schema) {
  if (!schema || typeof schema !== 'object') return;
  if (schema.$ref) {
    const name = refName(schema.$ref);
    if (!wanted.has(name)) {
      wanted.add(name);
      collect(schemas[name]);
    }
    return;
  }
  for (const v of Object.values(schema)) if (typeof v === 'object') collect(v);
}
for (const op of OPERATIONS) {
  const [method, path] = op.split(' ');
  const o = spec.paths[path]?.[method];
  if (!o) throw new Error(`No operation ${op} in ${specPath}`);
  collect(o.responses?.['200']);
  const body = o.requestBody?.$ref ? spec.components.requestBodies[refName(o.requestBody.$ref)] : o.requestBody;
  collect(body);
}
for (const n of [...wanted]) collect(schemas[n]);

function tsType(s) {
  if (!s) return 'unknown';
  if (s.$ref) return refName(s.$ref);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const nullable = types.includes('null') || s.nullable === true;
  const base = types.filter((t) => t !== 'null')[0];
  let t;
  if (s.enum) t = s.enum.map((e) => JSON.stringify(e)).join(' | ');
  else if (s.allOf && s.allOf.length === 1) t = tsType(s.allOf[0]);
  else if (base === 'integer' || base === 'number') t = 'number';
  else if (base === 'string') t = 'string';
  else if (base === 'boolean') t = 'boolean';
  else if (base === 'array') t = `readonly ${wrap(tsType(s.items))}[]`;
  else if (s.properties && Object.keys(s.properties).length) t = inline(s);
  else t = 'Readonly<Record<string, unknown>>';
  return nullable ? `${t} | null` : t;
}
const wrap = (t) => (/[ |]/.test(t) ? `(${t})` : t);
const inline = (s) =>
  `{ ${Object.entries(s.properties)
    .map(([k, v]) => `readonly ${k}${(s.required ?? []).includes(k) ? '' : '?'}: ${tsType(v)}`)
    .join('; ')} }`;
const comment = (d) => `/** ${(d ?? '').replace(/\*\//g, '').replace(/\s+/g, ' ').trim() || 'Vendor schema.'} */`;

// One block of lines per schema, with the names it references.
const refsOf = (schema, acc = new Set()) => {
  if (!schema || typeof schema !== 'object') return acc;
  if (schema.$ref) acc.add(refName(schema.$ref));
  for (const v of Object.values(schema)) if (typeof v === 'object') refsOf(v, acc);
  return acc;
};
const blocks = [...wanted].sort().map((name) => {
  const s = schemas[name];
  const lines = [];
  if (s.enum) {
    lines.push(comment(s.description), `export type ${name} = ${s.enum.map((e) => JSON.stringify(e)).join(' | ')};`, '');
  } else if (s.properties && Object.keys(s.properties).length) {
    lines.push(comment(s.description), `export interface ${name} {`);
    for (const [k, v] of Object.entries(s.properties)) {
      if (v.description) lines.push(`  ${comment(v.description)}`);
      lines.push(`  readonly ${k}${(s.required ?? []).includes(k) ? '' : '?'}: ${tsType(v)};`);
    }
    lines.push('}', '');
  } else {
    lines.push(comment(s.description), `export type ${name} = ${tsType(s)};`, '');
  }
  refsOf(s).delete(name);
  return { name, lines, refs: [...refsOf(s)].filter((r) => r !== name) };
});

// Files of at most ~300 lines (the project splits source files before 400), each importing
// the types it references from its siblings; index.ts re-exports them all.
const MAX_LINES = 300;
const parts = [];
for (const b of blocks) {
  const last = parts[parts.length - 1];
  if (!last || (last.lines > 0 && last.lines + b.lines.length > MAX_LINES)) parts.push({ blocks: [b], lines: b.lines.length });
  else {
    last.blocks.push(b);
    last.lines += b.lines.length;
  }
}
const fileOf = new Map();
parts.forEach((p, i) => p.blocks.forEach((b) => fileOf.set(b.name, `part-${String(i + 1).padStart(2, '0')}`)));
const header = [
  '// GENERATED by scripts/gen-ss-types.mjs from the Secret Server 11.7.2 OpenAPI — do not edit by hand.',
  "// Field names are the vendor's (camelCase). Optional unless the spec marks them required.",
];
const dir = join(root, 'main', 'secret-server', 'types');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
parts.forEach((p, i) => {
  const file = `part-${String(i + 1).padStart(2, '0')}`;
  const imports = new Map();
  for (const b of p.blocks)
    for (const r of b.refs) {
      const from = fileOf.get(r);
      if (from && from !== file) imports.set(from, new Set([...(imports.get(from) ?? []), r]));
    }
  const importLines = [...imports.entries()]
    .sort()
    .map(([from, names]) => `import type { ${[...names].sort().join(', ')} } from './${from}';`);
  writeFileSync(join(dir, `${file}.ts`), [...header, ...importLines, '', ...p.blocks.flatMap((b) => b.lines)].join('\n'));
});
writeFileSync(
  join(dir, 'index.ts'),
  [...header, ...parts.map((_, i) => `export type * from './part-${String(i + 1).padStart(2, '0')}';`), ''].join('\n'),
);
console.log(`wrote ${wanted.size} types in ${parts.length} files to ${dir}`);
