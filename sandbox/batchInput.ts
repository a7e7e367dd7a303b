/**
 * Request-body checks every batch endpoint shares: JSON, `inputs` (at most 100), `properties` maps of scalars,
 * property names that exist, idProperty that is unique. Each problem rejects the whole request (400).
 */
import {
	ErrorDetail,
	HubSpotError,
	PropertyValidationResult,
	propertyDetail,
	propertyValuesMessage,
	validationError,
} from './errors';
import { OBJECT_TYPE_ID, getLiveProperty } from './properties';

export const MAX_BATCH_INPUTS = 100;

export type Parsed<T> =
	| { ok: true; value: T }
	| { ok: false; error: HubSpotError; inputCount: number };

export const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

export function reject<T>(
	message: string,
	errors: ErrorDetail[],
	inputCount = 0,
	context?: Record<string, string[]>,
): Parsed<T> {
	return { ok: false, error: validationError(message, errors, context), inputCount };
}

function jsonPosition(raw: string, err: unknown): string {
	const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
	if (!m) return 'line 1, column 1';
	const before = raw.slice(0, Number(m[1]));
	const line = before.split('\n').length;
	return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** The JSON object of a request body. */
export function parseJsonObject(raw: string): Parsed<Record<string, unknown>> {
	let body: unknown;
	try {
		body = JSON.parse(raw);
	} catch (err) {
		const where = jsonPosition(raw, err);
		return reject(
			`Invalid input JSON on ${where}: ${raw.trim() === '' ? 'No content to map due to end-of-input' : 'Unexpected character'}`,
			[{ message: 'Request body is not valid JSON', code: 'INVALID_JSON', in: 'body' }],
		);
	}
	if (!isRecord(body))
		return reject('Invalid input JSON: the body must be a JSON object', [
			{ message: 'not an object', in: 'body' },
		]);
	return { ok: true, value: body };
}

/** `{"inputs": [...]}` with at most 100 objects. */
export function parseInputs(
	raw: string,
): Parsed<{ body: Record<string, unknown>; inputs: Array<Record<string, unknown>> }> {
	const parsed = parseJsonObject(raw);
	if (!parsed.ok) return parsed;
	const body = parsed.value;
	if (!Array.isArray(body.inputs)) {
		return reject('Invalid input JSON: the field "inputs" is required and must be an array', [
			{ message: 'inputs is required', code: 'REQUIRED_FIELD', in: 'inputs' },
		]);
	}
	const n = body.inputs.length;
	if (n > MAX_BATCH_INPUTS) {
		return reject(
			`Batch input must not contain more than ${MAX_BATCH_INPUTS} inputs (received ${n})`,
			[
				{
					message: `Too many inputs: ${n} > ${MAX_BATCH_INPUTS}`,
					code: 'TOO_MANY_INPUTS',
					in: 'inputs',
				},
			],
			n,
		);
	}
	for (let i = 0; i < n; i++) {
		if (!isRecord(body.inputs[i])) {
			return reject(
				`Invalid input JSON: inputs[${i}] must be an object`,
				[{ message: 'not an object', in: `inputs[${i}]` }],
				n,
			);
		}
	}
	return { ok: true, value: { body, inputs: body.inputs as Array<Record<string, unknown>> } };
}

/** Scalars become their string form (HubSpot coerces); null clears like ''; objects/arrays are not accepted. */
function scalarToString(v: unknown): string | undefined {
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (v === null) return '';
	return undefined;
}

/** `inputs[i].properties`: a required map of scalar values, as strings. */
export function parseProperties(
	value: unknown,
	where: string,
	n: number,
): Parsed<Record<string, string>> {
	if (!isRecord(value)) {
		return reject(
			`Invalid input JSON: ${where}.properties is required and must be an object`,
			[{ message: 'properties is required', code: 'REQUIRED_FIELD', in: `${where}.properties` }],
			n,
		);
	}
	const entries: Array<[string, string]> = [];
	for (const [name, v] of Object.entries(value)) {
		const s = scalarToString(v);
		if (s === undefined) {
			return reject(
				`Invalid input JSON: ${where}.properties.${name} must be a string`,
				[
					{
						message: 'property values must be strings',
						code: 'INVALID_TYPE',
						in: `${where}.properties.${name}`,
					},
				],
				n,
			);
		}
		entries.push([name, s]);
	}
	// Own keys for every name: `properties["__proto__"] = s` would drop it instead of refusing it as unknown.
	return { ok: true, value: Object.fromEntries(entries) };
}

/** An id: a string, or a number taken as its decimal string. */
export function parseId(value: unknown, where: string, n: number): Parsed<string> {
	const id = typeof value === 'number' ? String(value) : value;
	if (typeof id !== 'string') {
		return reject(
			`Invalid input JSON: ${where}.id is required and must be a string`,
			[{ message: 'id is required', code: 'REQUIRED_FIELD', in: `${where}.id` }],
			n,
		);
	}
	return { ok: true, value: id };
}

/** An optional string field (idProperty); undefined when absent or null. */
export function parseOptionalString(
	value: unknown,
	field: string,
	where: string,
	n: number,
): Parsed<string | undefined> {
	if (value === undefined || value === null) return { ok: true, value: undefined };
	if (typeof value !== 'string')
		return reject(
			`Invalid input JSON: ${where}.${field} must be a string`,
			[{ message: `${field} must be a string`, in: `${where}.${field}` }],
			n,
		);
	return { ok: true, value };
}

/** objectWriteTraceId as sent (numbers taken as strings); undefined otherwise. */
export function traceIdOf(value: unknown): string | undefined {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * idProperty for update/upsert: a live property with unique values. hs_object_id (or none) is HubSpot's record id:
 * accepted when `recordIdAllowed` (update, read), refused for upsert, which cannot create by record id.
 */
export function checkIdProperty(
	idProperty: string,
	recordIdAllowed: boolean,
	n: number,
): Parsed<void> | undefined {
	const name = idProperty || 'hs_object_id';
	if (name === 'hs_object_id' && recordIdAllowed) return undefined;
	const def = getLiveProperty(name);
	if (def && def.hasUniqueValue && name !== 'hs_object_id') return undefined;
	const message = `Unable to perform update/upsert by non-unique ${OBJECT_TYPE_ID} property ${name}`;
	return reject(
		message,
		[{ message, code: 'INVALID_ID_PROPERTY', in: 'idProperty', context: { idProperty: [name] } }],
		n,
	);
}

/** 400 when two inputs name the same record (HubSpot: "Duplicate IDs found in batch input"). */
export function checkDuplicateIds(
	keys: Array<{ id: string; idProperty: string }>,
	n: number,
): Parsed<void> | undefined {
	const seen = new Set<string>();
	const dupes = new Set<string>();
	for (const k of keys) {
		const key = `${k.idProperty}\u0000${k.id}`;
		if (seen.has(key)) dupes.add(k.id);
		seen.add(key);
	}
	if (dupes.size === 0) return undefined;
	const list = `[${[...dupes].join(', ')}]`;
	return reject(
		`Duplicate IDs found in batch input: ${list}`,
		[
			{
				message: `Duplicate IDs found in batch input: ${list}`,
				code: 'DUPLICATE_IDS',
				context: { ids: [...dupes] },
			},
		],
		n,
	);
}

/** 400 PROPERTY_DOESNT_EXIST for names no live property has, across all inputs. */
export function checkPropertiesExist(
	maps: Array<Record<string, string>>,
	n: number,
): Parsed<void> | undefined {
	const unknown = new Set<string>();
	for (const m of maps)
		for (const name of Object.keys(m)) if (!getLiveProperty(name)) unknown.add(name);
	if (unknown.size === 0) return undefined;
	const results: PropertyValidationResult[] = [...unknown].map((name) => ({
		isValid: false as const,
		message: `Property "${name}" does not exist`,
		error: 'PROPERTY_DOESNT_EXIST',
		name,
	}));
	return reject(propertyValuesMessage(results), results.map(propertyDetail), n);
}
