import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;

let spec: Json | undefined;
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction | null>();

function specPath(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = start;
    for (;;) {
      const p = join(
        dir,
        'node_modules',
        '@octokit',
        'openapi',
        'generated',
        'api.github.com.json',
      );
      if (existsSync(p)) return p;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('cannot find @octokit/openapi/generated/api.github.com.json');
}

/**
 * OpenAPI 3.0's `nullable` is not JSON Schema; rewrite it so ajv understands it. A `$ref` ignores
 * its siblings in draft-07, so nullable refs (and compositions) are wrapped in an anyOf.
 */
function convertNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    // GitHub's descriptions use oneOf where alternatives overlap (basic-error has no required
    // field, so it matches every error body); GitHub itself answers such bodies, so read it as anyOf.
    out[k === 'oneOf' ? 'anyOf' : k] = convertNullable(v);
  }
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string' && !out.$ref && !out.allOf && !out.oneOf && !out.anyOf) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Points local `#/…` refs of an extracted schema at the registered spec document. */
function retarget(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(retarget);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith('#/')
        ? `github-openapi${v}`
        : retarget(v);
  }
  return out;
}

function load(): { spec: Json; ajv: Ajv } {
  if (!spec || !ajv) {
    spec = convertNullable(JSON.parse(readFileSync(specPath(), 'utf8'))) as Json;
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
    addFormats(ajv);
    ajv.addSchema({ ...spec, $id: 'github-openapi' }, undefined, undefined, false);
  }
  return { spec, ajv };
}

function resolveRef(doc: Json, value: unknown): Json | undefined {
  let v = value as Json | undefined;
  while (v && typeof v.$ref === 'string') {
    let cur: unknown = doc;
    for (const part of v.$ref.slice(2).split('/')) {
      cur = (cur as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    v = cur as Json | undefined;
  }
  return v;
}

function validatorFor(
  method: string,
  pathTemplate: string,
  status: number,
): ValidateFunction | null | string {
  const key = `${method.toLowerCase()} ${pathTemplate} ${status}`;
  if (compiled.has(key)) return compiled.get(key) ?? null;
  const { spec: doc, ajv: validator } = load();
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const op = paths[pathTemplate]?.[method.toLowerCase()];
  if (!op) return `operation ${method} ${pathTemplate} is not in GitHub's OpenAPI description`;
  const responses = op.responses as Record<string, unknown>;
  const response = resolveRef(doc, responses[String(status)]);
  if (!response) return `status ${status} is not documented for ${method} ${pathTemplate}`;
  const content = response.content as Record<string, Json> | undefined;
  const media = content?.['application/json'] ?? (content ? Object.values(content)[0] : undefined);
  const schema = media?.schema;
  const fn = schema ? validator.compile(retarget(schema) as Json) : null;
  compiled.set(key, fn);
  return fn;
}

/**
 * Validates a REST response body against the schema GitHub publishes for that operation and
 * status; returns readable error strings (empty when the body conforms).
 */
export function validateRestResponse(
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
): string[] {
  const v = validatorFor(method, pathTemplate, status);
  if (typeof v === 'string') return [v];
  if (v === null)
    return body === undefined || body === '' ? [] : ['response has a body but none is documented'];
  if (v(body)) return [];
  return (v.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}
