/**
 * Validation of write bodies the way HubSpot does it:
 * - `parseKeyedInputs` / `parseUpsertRequest`: problems that reject the whole request (400 VALIDATION_ERROR);
 * - `validateProperties`, `validateInput`: problems of one input (it fails inside a 207, the others go on).
 */
import { PropertyValidationResult } from './errors';
import {
	Parsed,
	checkDuplicateIds,
	checkIdProperty,
	checkPropertiesExist,
	parseId,
	parseInputs,
	parseOptionalString,
	parseProperties,
	traceIdOf,
} from './batchInput';
import { PropertyDefinition, getLiveProperty, isReadOnly } from './properties';
import { storedNumber } from './storedForms';

export const MAX_STRING_LENGTH = 65_536;

export interface UpsertInput {
	id: string;
	idProperty: string;
	properties: Record<string, string>;
	objectWriteTraceId?: string;
}

export type ParseResult =
	| { ok: true; inputs: UpsertInput[] }
	| Extract<Parsed<never>, { ok: false }>;

/**
 * Inputs `{id, idProperty?, properties, objectWriteTraceId?}` as batch upsert and batch update take them.
 * `recordIdAllowed`: an empty idProperty (or hs_object_id) means HubSpot's record id (update), else it is refused
 * (upsert: "Unable to perform update/upsert by non-unique 0-74 property hs_object_id").
 */
export function parseKeyedInputs(raw: string, recordIdAllowed: boolean): ParseResult {
	const parsed = parseInputs(raw);
	if (!parsed.ok) return parsed;
	const rawInputs = parsed.value.inputs;
	const n = rawInputs.length;
	const inputs: UpsertInput[] = [];
	for (let i = 0; i < n; i++) {
		const where = `inputs[${i}]`;
		const id = parseId(rawInputs[i].id, where, n);
		if (!id.ok) return id;
		const properties = parseProperties(rawInputs[i].properties, where, n);
		if (!properties.ok) return properties;
		const idProperty = parseOptionalString(rawInputs[i].idProperty, 'idProperty', where, n);
		if (!idProperty.ok) return idProperty;
		const input: UpsertInput = {
			id: id.value,
			idProperty: idProperty.value ?? '',
			properties: properties.value,
		};
		const trace = traceIdOf(rawInputs[i].objectWriteTraceId);
		if (trace !== undefined) input.objectWriteTraceId = trace;
		inputs.push(input);
	}
	for (const input of inputs) {
		const bad = checkIdProperty(input.idProperty, recordIdAllowed, n);
		if (bad && !bad.ok) return bad;
	}
	const problem =
		checkDuplicateIds(inputs, n) ??
		checkPropertiesExist(
			inputs.map((i) => i.properties),
			n,
		);
	if (problem && !problem.ok) return problem;
	return { ok: true, inputs };
}

export function parseUpsertRequest(raw: string): ParseResult {
	return parseKeyedInputs(raw, false);
}

const EDGE_WHITESPACE = /^[\s\u200b\u200c\u200d\u2060]|[\s\u200b\u200c\u200d\u2060]$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_MS = /^-?\d{1,16}$/;
const DAY_MS = 86_400_000;

function realDate(value: string): boolean {
	const m = ISO_DATE.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.toISOString().slice(0, 10) === value;
}

type Check = { ok: true; value: string } | { ok: false; error: string; message: string };

/** Type check of one non-empty value against its property definition, and the form it is stored in (storedForms.ts). */
export function checkValue(def: PropertyDefinition, value: string): Check {
	if (def.type !== 'string' && EDGE_WHITESPACE.test(value)) {
		return {
			ok: false,
			error: 'LEADING_TRAILING_WHITESPACE',
			message: `"${value}" includes leading or trailing whitespace.`,
		};
	}
	switch (def.type) {
		case 'string':
			if (value.length > MAX_STRING_LENGTH)
				return {
					ok: false,
					error: 'VALUE_TOO_LONG',
					message: `Value for ${def.name} is longer than ${MAX_STRING_LENGTH} characters.`,
				};
			return { ok: true, value };
		case 'number':
			// Stored (and returned) in one plain form, see storedForms.ts.
			if (NUMBER.test(value) && Number.isFinite(Number(value)))
				return { ok: true, value: storedNumber(value) };
			return { ok: false, error: 'INVALID_NUMBER', message: `${value} was not a valid number.` };
		case 'bool': {
			const v = value.toLowerCase();
			if (v === 'true' || v === 'false') return { ok: true, value: v };
			return {
				ok: false,
				error: 'INVALID_BOOLEAN',
				message: `${value} was not one of the allowed options: [true, false]`,
			};
		}
		case 'enumeration': {
			if (def.externalOptions) {
				if (/^\d+$/.test(value)) return { ok: true, value };
				return {
					ok: false,
					error: 'INVALID_OPTION',
					message: `${value} was not a valid ${def.referencedObjectType ?? 'option'} id.`,
				};
			}
			if (def.options.some((o) => o.value === value)) return { ok: true, value };
			const allowed = def.options.map((o) => o.value);
			return {
				ok: false,
				error: 'INVALID_OPTION',
				message: `${value} was not one of the allowed options: [${allowed.join(', ')}]`,
			};
		}
		case 'date': {
			if (realDate(value)) return { ok: true, value };
			if (EPOCH_MS.test(value) && Number(value) % DAY_MS === 0)
				return { ok: true, value: new Date(Number(value)).toISOString().slice(0, 10) };
			return {
				ok: false,
				error: 'INVALID_DATE',
				message: `${value} is not a valid date: send YYYY-MM-DD or epoch milliseconds at midnight UTC.`,
			};
		}
		case 'datetime': {
			if (EPOCH_MS.test(value)) return { ok: true, value: new Date(Number(value)).toISOString() };
			const t =
				ISO_DATETIME.test(value) && (ISO_DATE.test(value) ? realDate(value) : true)
					? Date.parse(value)
					: NaN;
			if (Number.isFinite(t)) return { ok: true, value: new Date(t).toISOString() };
			return {
				ok: false,
				error: 'INVALID_DATETIME',
				message: `${value} is not a valid datetime: send epoch milliseconds or ISO 8601.`,
			};
		}
	}
}

export type InputCheck =
	| { ok: true; properties: Record<string, string>; idValue: string }
	| { ok: false; results: PropertyValidationResult[] };

/** Read-only, calculated and value-type checks of the properties one input sets; returns normalised values. */
export function validateProperties(input: Record<string, string>): {
	properties: Record<string, string>;
	results: PropertyValidationResult[];
} {
	const results: PropertyValidationResult[] = [];
	const properties: Record<string, string> = {};
	for (const [name, value] of Object.entries(input)) {
		const def = getLiveProperty(name) as PropertyDefinition; // existence checked for the whole request
		if (def.calculated) {
			results.push({
				isValid: false,
				message: `"${name}" is a calculated property; its value cannot be set.`,
				error: 'CALCULATED',
				name,
			});
			continue;
		}
		if (isReadOnly(def)) {
			results.push({
				isValid: false,
				message: `${name} is a read only property; its value cannot be set.`,
				error: 'READ_ONLY_VALUE',
				name,
			});
			continue;
		}
		if (value === '') {
			properties[name] = '';
			continue;
		}
		const c = checkValue(def, value);
		if (c.ok) properties[name] = c.value;
		else results.push({ isValid: false, message: c.message, error: c.error, name });
	}
	return { properties, results };
}

/** The id value of a unique idProperty, normalised like a value of that property. */
export function checkIdValue(
	idProperty: string,
	id: string,
): { ok: true; value: string } | { ok: false; result: PropertyValidationResult } {
	if (id === '') {
		return {
			ok: false,
			result: {
				isValid: false,
				message: `The id for ${idProperty} must not be empty.`,
				error: 'INVALID_ID',
				name: idProperty,
			},
		};
	}
	const c = checkValue(getLiveProperty(idProperty) as PropertyDefinition, id);
	return c.ok
		? c
		: {
				ok: false,
				result: { isValid: false, message: c.message, error: c.error, name: idProperty },
			};
}

/** Per-input checks of an upsert: id value, properties, and no second, different value for idProperty. */
export function validateInput(input: UpsertInput): InputCheck {
	const id = checkIdValue(input.idProperty, input.id);
	const { properties, results } = validateProperties(input.properties);
	if (!id.ok) results.unshift(id.result);
	const idValue = id.ok ? id.value : input.id;
	if (
		Object.prototype.hasOwnProperty.call(properties, input.idProperty) &&
		properties[input.idProperty] !== idValue
	) {
		results.push({
			isValid: false,
			error: 'CONFLICTING_ID_PROPERTY',
			name: input.idProperty,
			message: `properties.${input.idProperty} (${properties[input.idProperty]}) differs from the input id (${idValue}).`,
		});
	}
	return results.length > 0 ? { ok: false, results } : { ok: true, properties, idValue };
}
