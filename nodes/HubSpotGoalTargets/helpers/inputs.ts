import type { IDataObject } from 'n8n-workflow';

import type { PropertyLookup } from './propertySchema';
import { convertPropertyValue, propertyRefusal } from './propertyValues';
import type { BuiltInput, InputErrorDetails, InputProblem, PreparedInput } from '../engine/types';

/** One input of HubSpot's batch upsert body, exactly as sent. */
export interface UpsertInput {
	id: string;
	idProperty: string;
	properties: Record<string, string>;
	objectWriteTraceId: string;
}

/** HubSpot's limit on one property value, in characters (UTF-16 units, as its Java services count). */
export const MAX_VALUE_LENGTH = 65_536;

/** HubSpot refuses its internal record id as upsert key. */
const REFUSED_ID_PROPERTIES = new Set(['hs_object_id']);

/** The node's parameters for one item in "fields" mode, as read from the editor. */
export interface FieldsModeValues {
	idProperty: unknown;
	idValue: unknown;
	properties: unknown;
	objectWriteTraceId?: unknown;
}

export interface InputPosition {
	itemIndex: number;
	seq: number;
	/** Index within the item's JSON array, in json mode when the item gave an array. */
	arrayIndex?: number;
}

/** A trace id that is unique within the run, so results can be matched to their input. */
export function generatedTraceId(seq: number): string {
	return `n8n-${seq}`;
}

function where(pos: InputPosition): string {
	return pos.arrayIndex === undefined
		? `Item ${pos.itemIndex}`
		: `Item ${pos.itemIndex}, input ${pos.arrayIndex}`;
}

export function problem(
	pos: InputPosition,
	field: string,
	detail: string,
	input: IDataObject,
): InputProblem {
	const error: InputErrorDetails = {
		message: `${where(pos)}: '${field}' ${detail}`,
		field,
		category: 'INVALID_INPUT',
	};
	return { seq: pos.seq, itemIndex: pos.itemIndex, error, input };
}

function isPlainObject(value: unknown): value is IDataObject {
	return (
		typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
	);
}

export function tooLong(value: string): string | undefined {
	if (value.length <= MAX_VALUE_LENGTH) return undefined;
	return `is ${value.length.toLocaleString('en-US')} characters long; HubSpot takes at most ${MAX_VALUE_LENGTH.toLocaleString('en-US')}`;
}

export function idToString(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return undefined;
}

/** Property values as HubSpot takes them: text, by property name. */
export type PropertyValues = Record<string, string>;

/** Whether a step's result is a problem (property values are always text, never an object). */
export function isProblem<T extends object>(value: T | InputProblem): value is InputProblem {
	return (
		typeof (value as InputProblem).error === 'object' &&
		typeof (value as InputProblem).seq === 'number'
	);
}

/**
 * An input's properties converted to HubSpot's formats (checked against the account's properties
 * when known), or the first field that is wrong.
 */
export function convertProperties(
	pos: InputPosition,
	rawProperties: unknown,
	schema: PropertyLookup | undefined,
	attempted: IDataObject,
): PropertyValues | InputProblem {
	const raw = rawProperties ?? {};
	if (!isPlainObject(raw)) {
		return problem(pos, 'properties', 'must be an object of property names and values', attempted);
	}
	const entries: Array<[string, string]> = [];
	for (const [name, value] of Object.entries(raw)) {
		const property = schema?.get(name);
		const refusal = schema ? propertyRefusal(property) : undefined;
		if (refusal) return problem(pos, `properties.${name}`, refusal, attempted);
		const converted = convertPropertyValue(value, property);
		if (!converted.ok) return problem(pos, `properties.${name}`, converted.reason, attempted);
		const valueTooLong = tooLong(converted.value);
		if (valueTooLong) return problem(pos, `properties.${name}`, valueTooLong, attempted);
		entries.push([name, converted.value]);
	}
	// Own keys whatever the name: assigning "__proto__" to a plain object would drop it silently.
	return Object.fromEntries(entries);
}

/** The input's own trace id when it gives one, otherwise one unique within the run. */
export function traceIdOf(
	pos: InputPosition,
	given: unknown,
	attempted: IDataObject,
): string | InputProblem {
	if (given === undefined || given === null || given === '') return generatedTraceId(pos.seq);
	const text = idToString(given);
	return text ? text : problem(pos, 'objectWriteTraceId', 'must be text', attempted);
}

/** What the node would have sent for an input keyed by an id, for its Error item. */
export function attemptedInput(parts: {
	id: unknown;
	idProperty: unknown;
	properties: unknown;
}): IDataObject {
	return {
		id: parts.id as IDataObject[string],
		idProperty: parts.idProperty as IDataObject[string],
		properties: parts.properties as IDataObject[string],
	};
}

/** Turns one input's parts into an upsert input, or says which field is wrong. */
export function buildUpsertInput(
	pos: InputPosition,
	parts: { id: unknown; idProperty: unknown; properties: unknown; objectWriteTraceId?: unknown },
	idField: string,
	schema?: PropertyLookup,
): BuiltInput<UpsertInput> {
	const attempted = attemptedInput(parts);
	const idProperty = typeof parts.idProperty === 'string' ? parts.idProperty.trim() : undefined;
	if (!idProperty) {
		return problem(
			pos,
			'idProperty',
			'is missing or empty: name the unique property the id refers to',
			attempted,
		);
	}
	if (REFUSED_ID_PROPERTIES.has(idProperty)) {
		return problem(
			pos,
			'idProperty',
			`is '${idProperty}', which HubSpot does not accept for upsert: use a property with unique values`,
			attempted,
		);
	}
	if (schema) {
		const keyProperty = schema.get(idProperty);
		if (!keyProperty || keyProperty.hasUniqueValue !== true) {
			const reason = keyProperty
				? 'is not a property with unique values'
				: 'is not a goal target property in this HubSpot account';
			return problem(
				pos,
				'idProperty',
				`'${idProperty}' ${reason}: upsert needs one whose values are unique`,
				attempted,
			);
		}
	}
	const id = idToString(parts.id);
	if (id === undefined) {
		const kind =
			parts.id === null || parts.id === undefined ? 'is missing' : `is not text or a number`;
		return problem(pos, idField, kind, attempted);
	}
	if (id === '') return problem(pos, idField, 'is empty', attempted);
	const idTooLong = tooLong(id);
	if (idTooLong) return problem(pos, idField, idTooLong, attempted);

	const properties = convertProperties(pos, parts.properties, schema, attempted);
	if (isProblem(properties)) return properties;
	const traceId = traceIdOf(pos, parts.objectWriteTraceId, attempted);
	if (typeof traceId !== 'string') return traceId;
	const prepared: PreparedInput<UpsertInput> = {
		seq: pos.seq,
		itemIndex: pos.itemIndex,
		input: { id, idProperty, properties, objectWriteTraceId: traceId },
	};
	return prepared;
}

/** Fields mode: one item, one input. */
export function buildFieldsInput(
	itemIndex: number,
	seq: number,
	values: FieldsModeValues,
	schema?: PropertyLookup,
): BuiltInput<UpsertInput> {
	return buildUpsertInput(
		{ itemIndex, seq },
		{
			id: values.idValue,
			idProperty: values.idProperty,
			properties: values.properties,
			objectWriteTraceId: values.objectWriteTraceId,
		},
		'idValue',
		schema,
	);
}

/** In JSON mode, an input's own non-empty idProperty wins over the node's. */
export function jsonIdProperty(value: IDataObject, nodeIdProperty: unknown): unknown {
	const own = value.idProperty;
	return typeof own === 'string' && own.trim() !== '' ? own : nodeIdProperty;
}

/**
 * JSON mode: the item's `inputsJson` holds one input in HubSpot's own shape, or an array of them.
 * An input's own idProperty wins over the node's.
 */
export function buildJsonInputs(
	itemIndex: number,
	firstSeq: number,
	inputsJson: unknown,
	nodeIdProperty: unknown,
	schema?: PropertyLookup,
): Array<BuiltInput<UpsertInput>> {
	return jsonEntries(itemIndex, firstSeq, inputsJson, '{id, properties, idProperty?}').map(
		(entry) => {
			if ('error' in entry) return entry;
			const { pos, value } = entry;
			const idProperty = jsonIdProperty(value, nodeIdProperty);
			return buildUpsertInput(
				pos,
				{
					id: value.id,
					idProperty,
					properties: value.properties,
					objectWriteTraceId: value.objectWriteTraceId,
				},
				'id',
				schema,
			);
		},
	);
}

/**
 * The inputs of an item's `inputsJson`: one object, an array of them, or JSON text of either;
 * each with its position, or what is wrong with it. `shape` names what an input looks like.
 */
export function jsonEntries(
	itemIndex: number,
	firstSeq: number,
	inputsJson: unknown,
	shape: string,
): Array<{ pos: InputPosition; value: IDataObject } | InputProblem> {
	let parsed: unknown = inputsJson;
	if (typeof inputsJson === 'string') {
		try {
			parsed = JSON.parse(inputsJson);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			return [
				problem({ itemIndex, seq: firstSeq }, 'inputsJson', `is not valid JSON: ${reason}`, {
					inputsJson,
				}),
			];
		}
	}
	const list = Array.isArray(parsed) ? parsed : [parsed];
	if (list.length === 0) {
		return [
			problem(
				{ itemIndex, seq: firstSeq },
				'inputsJson',
				'is an empty array: give at least one input',
				{},
			),
		];
	}
	return list.map((entry, offset) => {
		const pos: InputPosition = {
			itemIndex,
			seq: firstSeq + offset,
			arrayIndex: Array.isArray(parsed) ? offset : undefined,
		};
		if (!isPlainObject(entry)) {
			return problem(pos, 'inputsJson', `must be an object ${shape} or an array of them`, {
				value: entry as IDataObject[string],
			});
		}
		return { pos, value: entry };
	});
}
