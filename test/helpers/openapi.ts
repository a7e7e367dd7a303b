/**
 * Validate values against HubSpot's published OpenAPI schemas in shared/hubspot/openapi/ (beside the repo:
 * `../shared` in CI, `/work/shared` here). Reusable by any test:
 *
 *   validateAgainstOpenApi('BatchInputSimplePublicObjectBatchInputUpsert', body)   // -> { valid, errors }
 *   expectOpenApi('properties:Property', value)                                      // throws when invalid
 *
 * A bare schema name is looked up in goal-targets-v3.json, then properties-v3.json, then oauth-v1.json;
 * prefix it (`goal-targets:`, `properties:`, `oauth:`) to pick the file. OpenAPI 3.0 -> JSON Schema: each file's
 * `components` is registered with ajv under an $id so `#/components/schemas/...` refs resolve in place;
 * `nullable: true` becomes a `null` type; unknown OpenAPI keywords (example, x-*) are ignored (strict: false).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const OPENAPI_DIR = path.resolve(__dirname, '../../../shared/hubspot/openapi');

export const OPENAPI_FILES = {
  'goal-targets': 'goal-targets-v3.json',
  properties: 'properties-v3.json',
  oauth: 'oauth-v1.json',
} as const;
export type OpenApiFile = keyof typeof OPENAPI_FILES;
const SEARCH_ORDER: OpenApiFile[] = ['goal-targets', 'properties', 'oauth'];

export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
}

export interface OpenApiValidation {
  valid: boolean;
  /** Human-readable problems, e.g. `/results/0/id must be string`. */
  errors: string[];
  /** Which file and schema were used. */
  schema: string;
}

const docs = new Map<OpenApiFile, OpenApiDoc>();
const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

export function loadOpenApi(file: OpenApiFile): OpenApiDoc {
  let doc = docs.get(file);
  if (!doc) {
    const p = path.join(OPENAPI_DIR, OPENAPI_FILES[file]);
    doc = JSON.parse(fs.readFileSync(p, 'utf8')) as OpenApiDoc;
    docs.set(file, doc);
  }
  return doc;
}

/** OpenAPI 3.0 `nullable: true` -> JSON Schema `type: [t, 'null']` (deep copy). */
function convertNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = convertNullable(v);
  if (out.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    delete out.nullable;
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    for (const file of SEARCH_ORDER) {
      ajv.addSchema({ $id: OPENAPI_FILES[file], components: convertNullable(loadOpenApi(file).components) });
    }
  }
  return ajv;
}

function resolveName(schemaName: string): { file: OpenApiFile; name: string } {
  const colon = schemaName.indexOf(':');
  if (colon > 0) {
    const file = schemaName.slice(0, colon) as OpenApiFile;
    if (!(file in OPENAPI_FILES)) throw new Error(`Unknown OpenAPI file prefix in ${schemaName}`);
    return { file, name: schemaName.slice(colon + 1) };
  }
  for (const file of SEARCH_ORDER) {
    if (schemaName in loadOpenApi(file).components.schemas) return { file, name: schemaName };
  }
  throw new Error(`No schema ${schemaName} in ${SEARCH_ORDER.map((f) => OPENAPI_FILES[f]).join(', ')}`);
}

function formatError(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  const extra = e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}

export function validateAgainstOpenApi(schemaName: string, value: unknown): OpenApiValidation {
  const { file, name } = resolveName(schemaName);
  const key = `${file}:${name}`;
  let validate = validators.get(key);
  if (!validate) {
    if (!(name in loadOpenApi(file).components.schemas)) throw new Error(`No schema ${name} in ${OPENAPI_FILES[file]}`);
    validate = getAjv().compile({ $ref: `${OPENAPI_FILES[file]}#/components/schemas/${name}` });
    validators.set(key, validate);
  }
  const valid = validate(value) === true;
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(formatError), schema: key };
}

/** Throws with the list of problems when `value` does not match the schema. */
export function expectOpenApi(schemaName: string, value: unknown): void {
  const r = validateAgainstOpenApi(schemaName, value);
  if (!r.valid) {
    throw new Error(`Value does not match ${r.schema}:\n  ${r.errors.join('\n  ')}\nvalue: ${JSON.stringify(value).slice(0, 2000)}`);
  }
}

/** The response codes an operation declares (e.g. ['200', '207', 'default']). */
export function declaredResponses(file: OpenApiFile, apiPath: string, method: string): string[] {
  const op = loadOpenApi(file).paths[apiPath]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${apiPath} is not in ${OPENAPI_FILES[file]}`);
  return Object.keys(op.responses ?? {});
}
