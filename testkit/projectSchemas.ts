/**
 * The project's own JSON Schemas for HubSpot's shapes (test/contract/schemas/*.json, listed in its README).
 * Always present, so every contract test can run on a fresh clone.
 *
 *   validateProjectSchema('batch-upsert-request', body)   // -> { valid, errors, schema }
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const PROJECT_SCHEMA_DIR = path.resolve(__dirname, '../test/contract/schemas');

/** Every top-level shape; `defs` holds shared pieces and is not a shape of its own. */
export const PROJECT_SCHEMAS = [
	'batch-upsert-request',
	'batch-upsert-response',
	'batch-upsert-response-with-errors',
	'batch-create-request',
	'batch-read-request',
	'batch-update-request',
	'batch-archive-request',
	'batch-response',
	'batch-response-with-errors',
	'search-request',
	'search-response',
	'object',
	'upsert-object',
	'object-list',
	'standard-error',
	'error',
	'rate-limit-error',
	'property',
	'property-list',
	'oauth-token',
] as const;
export type ProjectSchema = (typeof PROJECT_SCHEMAS)[number];

export interface SchemaValidation {
	valid: boolean;
	/** Human-readable problems, e.g. `/results/0/id must be string`. */
	errors: string[];
	/** Which schema was used, e.g. `project:error` or `goal-targets-v3:Error`. */
	schema: string;
}

export type JsonSchema = Record<string, unknown>;

let ajv: Ajv | undefined;
const documents = new Map<string, JsonSchema>();

/** The parsed schema files by file name (`error.json`), defs.json included. */
export function projectSchemaDocuments(): Map<string, JsonSchema> {
	if (documents.size === 0) {
		for (const file of fs
			.readdirSync(PROJECT_SCHEMA_DIR)
			.filter((f) => f.endsWith('.json'))
			.sort()) {
			documents.set(
				file,
				JSON.parse(fs.readFileSync(path.join(PROJECT_SCHEMA_DIR, file), 'utf8')) as JsonSchema,
			);
		}
	}
	return documents;
}

/** A fresh Ajv with the project's schemas registered under their $id (strict: a typo in a keyword is an error). */
function newProjectAjv(): Ajv {
	const instance = new Ajv({
		strict: true,
		strictRequired: false,
		allErrors: true,
		allowUnionTypes: true,
	});
	addFormats(instance);
	for (const doc of projectSchemaDocuments().values()) instance.addSchema(doc);
	return instance;
}

function getAjv(): Ajv {
	ajv ??= newProjectAjv();
	return ajv;
}

function formatError(e: ErrorObject): string {
	const where = e.instancePath || '(root)';
	const extra = e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : '';
	return `${where} ${e.message ?? e.keyword}${extra}`;
}

export function runValidator(
	validate: ValidateFunction,
	value: unknown,
	schema: string,
): SchemaValidation {
	const valid = validate(value) === true;
	return { valid, errors: valid ? [] : (validate.errors ?? []).map(formatError), schema };
}

export function validateProjectSchema(name: ProjectSchema, value: unknown): SchemaValidation {
	if (!(PROJECT_SCHEMAS as readonly string[]).includes(name))
		throw new Error(`No project schema ${name}`);
	const validate = getAjv().getSchema(`${name}.json`);
	if (!validate) throw new Error(`No project schema ${name}.json in ${PROJECT_SCHEMA_DIR}`);
	return runValidator(validate, value, `project:${name}`);
}

export function describeInvalid(r: SchemaValidation, value: unknown): string {
	return `Value does not match ${r.schema}:\n  ${r.errors.join('\n  ')}\nvalue: ${JSON.stringify(value).slice(0, 2000)}`;
}
