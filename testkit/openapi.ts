/**
 * Contract checks for any test: a body is validated against the project's own schema (always) and, when
 * HubSpot's OpenAPI files are present, against every HubSpot counterpart of that schema in the v3, 2026-03 and
 * 2026-09 files (see hubspotOpenApi.ts for where they are looked for).
 *
 *   expectContract('batch-upsert-response-with-errors', body)
 *   hubspotCounterparts('batch-upsert-request')   // [{ file: 'goal-targets-v3', schema: 'BatchInput...', via }]
 *   reportHubSpotFiles()                          // call at the top of a test file: one test that says loudly
 *                                                 // whether HubSpot's files were used (fails if required)
 */
import {
	HUBSPOT_FILES,
	HUBSPOT_OPENAPI_DIR,
	HUBSPOT_OPENAPI_REQUIRED,
	HubSpotFile,
	hubSpotDoc,
	hubspotFilesPresent,
	hubspotFilesStatus,
	operationSchema,
	validateAgainstHubSpot,
} from './hubspotOpenApi';
import {
	ProjectSchema,
	SchemaValidation,
	describeInvalid,
	validateProjectSchema,
} from './projectSchemas';

type Api = 'objects' | 'properties' | 'oauth';

/** Each file's base path and the name of its one-record path parameter. */
const API_FILES: Record<Api, Array<{ file: HubSpotFile; base: string; one: string }>> = {
	objects: [
		{ file: 'goal-targets-v3', base: '/crm/v3/objects/goal_targets', one: '{goalTargetId}' },
		{
			file: 'goal-targets-2026-03',
			base: '/crm/objects/2026-03/goal_targets',
			one: '{goalTargetId}',
		},
		{ file: 'goal-targets-2026-09', base: '/crm/objects/2026-09/{objectType}', one: '{objectId}' },
		{ file: 'objects-2026-09', base: '/crm/objects/2026-09/{objectType}', one: '{objectId}' },
	],
	properties: [
		{ file: 'properties-v3', base: '/crm/v3/properties/{objectType}', one: '{propertyName}' },
		{
			file: 'properties-2026-03',
			base: '/crm/properties/2026-03/{objectType}',
			one: '{propertyName}',
		},
		{
			file: 'properties-2026-09',
			base: '/crm/properties/2026-09/{objectType}',
			one: '{propertyName}',
		},
	],
	oauth: [{ file: 'oauth-v1', base: '/oauth/v1/token', one: '' }],
};

/** An operation: `{one}` in the suffix stands for the file's record path parameter. */
const OPERATIONS = {
	upsert: ['objects', 'post', '/batch/upsert'],
	create: ['objects', 'post', '/batch/create'],
	read: ['objects', 'post', '/batch/read'],
	update: ['objects', 'post', '/batch/update'],
	archive: ['objects', 'post', '/batch/archive'],
	search: ['objects', 'post', '/search'],
	list: ['objects', 'get', ''],
	get: ['objects', 'get', '/{one}'],
	properties: ['properties', 'get', ''],
	property: ['properties', 'get', '/{one}'],
	token: ['oauth', 'post', ''],
} as const satisfies Record<string, readonly [Api, string, string]>;
type Operation = keyof typeof OPERATIONS;

/** [operation, 'request' or a status] or { component: a schema name in every file of that api that has it }. */
type Source = readonly [Operation, string] | { api: Api; component: string };

/** Where HubSpot's files describe each project shape. */
const COUNTERPARTS: Record<ProjectSchema, Source[]> = {
	'batch-upsert-request': [['upsert', 'request']],
	'batch-upsert-response': [['upsert', '200']],
	'batch-upsert-response-with-errors': [['upsert', '207']],
	'batch-create-request': [['create', 'request']],
	'batch-read-request': [['read', 'request']],
	'batch-update-request': [['update', 'request']],
	'batch-archive-request': [['archive', 'request']],
	'batch-response': [
		['create', '201'],
		['read', '200'],
		['update', '200'],
	],
	'batch-response-with-errors': [
		['create', '207'],
		['read', '207'],
		['update', '207'],
	],
	'search-request': [['search', 'request']],
	'search-response': [['search', '200']],
	object: [['get', '200'], { api: 'objects', component: 'SimplePublicObject' }],
	'upsert-object': [{ api: 'objects', component: 'SimplePublicUpsertObject' }],
	'object-list': [['list', '200']],
	'standard-error': [{ api: 'objects', component: 'StandardError' }],
	error: [
		['upsert', '400'],
		['list', '404'],
		['properties', '400'],
		['token', '400'],
	],
	'rate-limit-error': [
		['upsert', '429'],
		['search', '429'],
	],
	property: [['property', '200']],
	'property-list': [['properties', '200']],
	'oauth-token': [['token', '200']],
};

export interface Counterpart {
	file: HubSpotFile;
	schema: string;
	/** How it was found, e.g. `POST /crm/v3/objects/goal_targets/batch/upsert 207`. */
	via: string;
}

/** HubSpot's schemas for a project shape, across every file that has the operation (deduplicated). */
export function hubspotCounterparts(name: ProjectSchema): Counterpart[] {
	const found = new Map<string, Counterpart>();
	for (const source of COUNTERPARTS[name]) {
		if (!Array.isArray(source)) {
			const { api, component } = source as { api: Api; component: string };
			for (const { file } of API_FILES[api]) {
				if (component in hubSpotDoc(file).components.schemas)
					found.set(`${file}:${component}`, { file, schema: component, via: component });
			}
			continue;
		}
		const [operation, part] = source as readonly [Operation, string];
		const [api, method, suffix] = OPERATIONS[operation];
		for (const { file, base, one } of API_FILES[api]) {
			const apiPath = base + suffix.replace('{one}', one);
			const schema = operationSchema(file, apiPath, method, part);
			if (schema && !found.has(`${file}:${schema}`)) {
				found.set(`${file}:${schema}`, {
					file,
					schema,
					via: `${method.toUpperCase()} ${apiPath} ${part}`,
				});
			}
		}
	}
	return [...found.values()];
}

const REQUEST_SCHEMAS: Record<string, ProjectSchema> = {
	'batch/upsert': 'batch-upsert-request',
	'batch/create': 'batch-create-request',
	'batch/read': 'batch-read-request',
	'batch/update': 'batch-update-request',
	'batch/archive': 'batch-archive-request',
	search: 'search-request',
};

/** The project's schema for the body of a POST to a batch or search path of any API version, else undefined. */
export function requestSchemaFor(url: string): ProjectSchema | undefined {
	const match =
		/^\/crm\/(?:v3\/objects|objects\/\d{4}-\d{2})\/[^/?]+\/(batch\/[a-z]+|search)(?:\?|$)/.exec(
			url,
		);
	return match ? REQUEST_SCHEMAS[match[1]] : undefined;
}

/** Project schema always; each HubSpot counterpart too when the files are present. */
export function validateContract(name: ProjectSchema, value: unknown): SchemaValidation[] {
	const results = [validateProjectSchema(name, value)];
	if (hubspotFilesPresent()) {
		for (const c of hubspotCounterparts(name))
			results.push(validateAgainstHubSpot(c.file, c.schema, value));
	}
	return results;
}

/** Throws with every schema's problems when `value` does not match. */
export function expectContract(name: ProjectSchema, value: unknown): void {
	const failed = validateContract(name, value).filter((r) => !r.valid);
	if (failed.length > 0) throw new Error(failed.map((r) => describeInvalid(r, value)).join('\n'));
}

/**
 * One test, named for what it found, that logs where HubSpot's files were looked for. Absent files are reported
 * (not skipped quietly) and fail the run when HUBSPOT_OPENAPI_REQUIRED=1.
 */
export function reportHubSpotFiles(): void {
	const status = hubspotFilesStatus();
	const present = status.missing.length === 0;
	const title = present
		? `HubSpot's OpenAPI files are present (${HUBSPOT_OPENAPI_DIR}): bodies are also checked against them`
		: `HubSpot's OpenAPI files are ABSENT (${HUBSPOT_OPENAPI_DIR}): bodies are checked against the project's schemas only`;
	test(title, () => {
		if (!present) {
			console.warn(
				`${title}.\nMissing: ${status.missing.map((f) => HUBSPOT_FILES[f]).join(', ')}.\n` +
					'Set HUBSPOT_OPENAPI_DIR to check against them too; HUBSPOT_OPENAPI_REQUIRED=1 makes their absence a failure.',
			);
		}
		if (HUBSPOT_OPENAPI_REQUIRED) expect(status.missing).toEqual([]);
	});
}
