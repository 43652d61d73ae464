#!/usr/bin/env node
// Generates main/secret-server/types.ts from the vendor OpenAPI: the request and response
// schemas of the operations the console uses, plus everything they reference. One file, marked
// generated, formatted with the project's prettier settings so lint passes without exclusions.
// Usage: npm run gen:ss-types  (node scripts/gen-ss-types.mjs [--out DIR] [path/to/openapi.json])
// --out DIR writes DIR/types.ts instead (tests/unit/secret-server/generated-types.test.ts uses it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? resolve(args[outAt + 1] ?? '') : join(root, 'main', 'secret-server');
if (outAt >= 0) args.splice(outAt, 2);
const specPath = args[0] ?? join(root, '..', 'shared', 'reference', 'openapi', 'secret-server-11.7.2.openapi.json');
if (!existsSync(specPath)) {
  console.error(`gen-ss-types: the Secret Server OpenAPI is not at ${specPath} (pass its path as the argument).`);
  process.exit(1);
}
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

// One block of lines per schema, in name order (stable output).
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
  return { name, lines };
});

const header = [
  '// GENERATED by scripts/gen-ss-types.mjs (npm run gen:ss-types) from the Secret Server 11.7.2 OpenAPI.',
  "// Do not edit by hand. Field names are the vendor's (camelCase); optional unless the spec marks them required.",
];
const outFile = join(outDir, 'types.ts');
const text = [...header, '', ...blocks.flatMap((b) => b.lines)].join('\n');
const formatted = await format(text, { ...(await resolveConfig(join(root, 'main', 'secret-server', 'types.ts'))), filepath: outFile });
mkdirSync(outDir, { recursive: true });
writeFileSync(outFile, formatted);
console.log(`wrote ${wanted.size} types to ${outFile}`);
