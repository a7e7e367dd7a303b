/**
 * HubSpot's own OpenAPI files, when present. They are proprietary to HubSpot and never part of the repository:
 * they are read from `HUBSPOT_OPENAPI_DIR`, by default `../shared/hubspot/openapi` beside the repository root.
 * Absent files are not an error here; tests say so loudly (see hubspotFilesStatus) and fail when
 * `HUBSPOT_OPENAPI_REQUIRED=1`.
 *
 * OpenAPI 3.0 -> JSON Schema: each file's `components` is registered with ajv under the file name, so
 * `#/components/schemas/...` refs resolve in place; `nullable: true` becomes a `null` type; unknown OpenAPI
 * keywords (example, x-*) are ignored. HUBSPOT_FILE_DEVIATIONS (the few places where HubSpot's API accepts what its
 * files refuse) are applied on loading; each must still change something, which a test checks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { JsonSchema, SchemaValidation, runValidator } from './projectSchemas';

const REPO_ROOT = path.resolve(__dirname, '..');
export const HUBSPOT_OPENAPI_DIR = path.resolve(
	REPO_ROOT,
	process.env.HUBSPOT_OPENAPI_DIR || '../shared/hubspot/openapi',
);
export const HUBSPOT_OPENAPI_REQUIRED = process.env.HUBSPOT_OPENAPI_REQUIRED === '1';

export const HUBSPOT_FILES = {
	'goal-targets-v3': 'goal-targets-v3.json',
	'goal-targets-2026-03': 'goal-targets-2026-03.json',
	'goal-targets-2026-09': 'goal-targets-2026-09.json',
	'objects-2026-09': 'objects-2026-09.json',
	'properties-v3': 'properties-v3.json',
	'properties-2026-03': 'properties-2026-03.json',
	'properties-2026-09': 'properties-2026-09.json',
	'oauth-v1': 'oauth-v1.json',
} as const;
export type HubSpotFile = keyof typeof HUBSPOT_FILES;
export const OBJECT_FILES: HubSpotFile[] = [
	'goal-targets-v3',
	'goal-targets-2026-03',
	'goal-targets-2026-09',
	'objects-2026-09',
];

export interface HubSpotFilesStatus {
	dir: string;
	present: HubSpotFile[];
	missing: HubSpotFile[];
}

export function hubspotFilesStatus(): HubSpotFilesStatus {
	const all = Object.keys(HUBSPOT_FILES) as HubSpotFile[];
	const exists = (f: HubSpotFile) =>
		fs.existsSync(path.join(HUBSPOT_OPENAPI_DIR, HUBSPOT_FILES[f]));
	return {
		dir: HUBSPOT_OPENAPI_DIR,
		present: all.filter(exists),
		missing: all.filter((f) => !exists(f)),
	};
}

/** True when every file is there; a partial set counts as absent (and the status test names what is missing). */
export const hubspotFilesPresent = (): boolean => hubspotFilesStatus().missing.length === 0;

interface OpenApiResponse {
	$ref?: string;
	content?: Record<string, { schema?: JsonSchema }>;
}
interface OpenApiOperation {
	requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
	responses?: Record<string, OpenApiResponse>;
}
export interface OpenApiDoc {
	paths: Record<string, Record<string, OpenApiOperation>>;
	components: { schemas: Record<string, JsonSchema>; responses?: Record<string, OpenApiResponse> };
}

/** Where HubSpot's API is more lenient than its files say (observed, or shown so in HubSpot's own guides). */
export interface FileDeviation {
	files: HubSpotFile[];
	schema: string;
	/**
	 * Drop this name from `required`, replace the schema of one property's array items, or let the values of one
	 * property's map be null.
	 */
	change:
		| { unrequire: string }
		| { itemsOf: string; items: JsonSchema }
		| { nullableValuesOf: string };
	why: string;
}

export const HUBSPOT_FILE_DEVIATIONS: FileDeviation[] = [
	{
		files: OBJECT_FILES,
		schema: 'SimplePublicObjectBatchInputForCreate',
		change: { unrequire: 'associations' },
		why: 'batch create inputs without associations are accepted; the node creates goal targets without any',
	},
	{
		files: OBJECT_FILES,
		schema: 'PublicObjectSearchRequest',
		change: { unrequire: 'after' },
		why: 'the first page of a search has no cursor',
	},
	{
		files: OBJECT_FILES,
		schema: 'PublicObjectSearchRequest',
		change: {
			itemsOf: 'sorts',
			items: {
				type: 'object',
				required: ['propertyName', 'direction'],
				properties: {
					propertyName: { type: 'string' },
					direction: { type: 'string', enum: ['ASCENDING', 'DESCENDING'] },
				},
			},
		},
		why: "HubSpot's search guide (and n8n's HubSpot node) send sorts as {propertyName, direction}; the files say strings",
	},
	...['SimplePublicObject', 'SimplePublicObjectWithAssociations'].map(
		(schema): FileDeviation => ({
			files: ['goal-targets-v3', 'goal-targets-2026-03'],
			schema,
			change: { nullableValuesOf: 'properties' },
			why: 'reads return the properties asked for by name with null when they have no value (the 2026-09 files declare it)',
		}),
	),
];

const raw = new Map<HubSpotFile, OpenApiDoc>();
const patched = new Map<HubSpotFile, OpenApiDoc>();
const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

/** The file as HubSpot publishes it. */
export function loadHubSpotFile(file: HubSpotFile): OpenApiDoc {
	let doc = raw.get(file);
	if (!doc) {
		const p = path.join(HUBSPOT_OPENAPI_DIR, HUBSPOT_FILES[file]);
		if (!fs.existsSync(p))
			throw new Error(`HubSpot's OpenAPI file ${p} is not there (set HUBSPOT_OPENAPI_DIR)`);
		doc = JSON.parse(fs.readFileSync(p, 'utf8')) as OpenApiDoc;
		raw.set(file, doc);
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

/** Applies one deviation to a components copy; returns false when it changes nothing (a stale deviation). */
export function applyDeviation(schemas: Record<string, JsonSchema>, d: FileDeviation): boolean {
	const target = schemas[d.schema];
	if (!target) return false;
	if ('unrequire' in d.change) {
		const required = (target.required as string[] | undefined) ?? [];
		if (!required.includes(d.change.unrequire)) return false;
		target.required = required.filter((n) => n !== (d.change as { unrequire: string }).unrequire);
		return true;
	}
	if ('nullableValuesOf' in d.change) {
		const map = (target.properties as Record<string, JsonSchema> | undefined)?.[
			d.change.nullableValuesOf
		];
		const values = map?.additionalProperties as JsonSchema | undefined;
		if (typeof values?.type !== 'string') return false;
		values.type = [values.type, 'null'];
		return true;
	}
	const prop = (target.properties as Record<string, JsonSchema> | undefined)?.[d.change.itemsOf];
	if (!prop || JSON.stringify(prop.items) === JSON.stringify(d.change.items)) return false;
	prop.items = d.change.items;
	return true;
}

/** The file as the project reads it: nullable converted, deviations applied. */
export function hubSpotDoc(file: HubSpotFile): OpenApiDoc {
	let doc = patched.get(file);
	if (!doc) {
		doc = convertNullable(loadHubSpotFile(file)) as OpenApiDoc;
		for (const d of HUBSPOT_FILE_DEVIATIONS.filter((x) => x.files.includes(file)))
			applyDeviation(doc.components.schemas, d);
		patched.set(file, doc);
	}
	return doc;
}

function getAjv(): Ajv {
	if (!ajv) {
		ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
		addFormats(ajv);
		for (const file of Object.keys(HUBSPOT_FILES) as HubSpotFile[]) {
			ajv.addSchema({ $id: HUBSPOT_FILES[file], components: hubSpotDoc(file).components });
		}
	}
	return ajv;
}

/** Validate against `components/schemas/<name>` of one file (deviations applied). */
export function validateAgainstHubSpot(
	file: HubSpotFile,
	name: string,
	value: unknown,
): SchemaValidation {
	const key = `${file}:${name}`;
	let validate = validators.get(key);
	if (!validate) {
		if (!(name in hubSpotDoc(file).components.schemas))
			throw new Error(`No schema ${name} in ${HUBSPOT_FILES[file]}`);
		validate = getAjv().compile({ $ref: `${HUBSPOT_FILES[file]}#/components/schemas/${name}` });
		validators.set(key, validate);
	}
	return runValidator(validate, value, key);
}

/** `#/components/schemas/X` -> X. */
const refName = (schema: JsonSchema | undefined): string | undefined =>
	typeof schema?.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;

/**
 * The schema name an operation declares for a request body (`part: 'request'`) or a status. A status the
 * operation does not declare falls back as a client must read it: a 2xx to the operation's declared 2xx answer
 * (2026-09 files declare one 200/201 answer that has `errors`), anything else to `default`.
 */
export function operationSchema(
	file: HubSpotFile,
	apiPath: string,
	method: string,
	part: 'request' | string,
): string | undefined {
	const op = hubSpotDoc(file).paths[apiPath]?.[method];
	if (!op) return undefined;
	if (part === 'request') return refName(op.requestBody?.content?.['application/json']?.schema);
	const responses = op.responses ?? {};
	const json = (code: string) => {
		let response = responses[code] as OpenApiResponse | undefined;
		const ref = typeof response?.$ref === 'string' ? response.$ref.split('/').pop() : undefined;
		if (ref) response = hubSpotDoc(file).components.responses?.[ref];
		const content = response?.content ?? {};
		return refName((content['application/json'] ?? content['*/*'])?.schema);
	};
	if (responses[part]) return json(part);
	if (part.startsWith('2')) {
		const ok = Object.keys(responses).find((c) => c.startsWith('2') && json(c));
		return ok ? json(ok) : undefined;
	}
	return json('default');
}
