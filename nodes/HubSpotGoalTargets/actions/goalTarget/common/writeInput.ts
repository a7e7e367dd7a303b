/**
 * What the write operations' inputs (create, update, upsert) share: property values converted to
 * HubSpot's formats and checked against the account's properties, the record's id value, the trace
 * id, and JSON mode's inputs. Each operation builds its own input from these (its `.input.ts`).
 */
import type { IDataObject } from 'n8n-workflow';

import type { BuiltInput, InputProblem } from '../../../engine/types';
import type { PropertyLookup } from '../../../helpers/propertySchema';
import { convertPropertyValue, propertyRefusal } from '../../../helpers/propertyValues';
import { isProblem, problem, type InputPosition } from './inputProblem';

/** HubSpot's limit on one property value, in characters (UTF-16 units, as its Java services count). */
export const MAX_VALUE_LENGTH = 65_536;

/** Property values as HubSpot takes them: text, by property name. */
export type PropertyValues = Record<string, string>;

/** What update and upsert inputs share: the record they name and the values they send. */
export interface KeyedInput {
	id: string;
	/** The unique property `id` refers to; empty or absent: `id` is HubSpot's record id. */
	idProperty?: string;
	properties: PropertyValues;
}

/** The record an update or upsert input names: two inputs with the same key write the same record. */
export function recordKey(input: KeyedInput): string {
	return `${input.idProperty ?? ''}\u0000${input.id}`;
}

/** What an input keyed by a record gives, before it is checked. */
export interface KeyedParts {
	id: unknown;
	idProperty: unknown;
	properties: unknown;
	objectWriteTraceId?: unknown;
}

/** A trace id that is unique within the run, so results can be matched to their input. */
export function generatedTraceId(seq: number): string {
	return `n8n-${seq}`;
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
export function attemptedInput(parts: KeyedParts): IDataObject {
	return {
		id: parts.id as IDataObject[string],
		idProperty: parts.idProperty as IDataObject[string],
		properties: parts.properties as IDataObject[string],
	};
}

/**
 * Why `idProperty` cannot key an upsert or update in this account (`schema`): not a property, or
 * not one with unique values; undefined when it can.
 */
export function keyPropertyRefusal(schema: PropertyLookup, idProperty: string): string | undefined {
	const keyProperty = schema.get(idProperty);
	if (keyProperty && keyProperty.hasUniqueValue === true) return undefined;
	return keyProperty
		? 'is not a property with unique values'
		: 'is not a goal target property in this HubSpot account';
}

/** The record's id value as text (`idField` names its parameter), or what is wrong with it. */
export function idValueOf(
	pos: InputPosition,
	rawId: unknown,
	idField: string,
	attempted: IDataObject,
): string | InputProblem {
	const id = idToString(rawId);
	if (id === undefined) {
		const kind = rawId === null || rawId === undefined ? 'is missing' : 'is not text or a number';
		return problem(pos, idField, kind, attempted);
	}
	if (id === '') return problem(pos, idField, 'is empty', attempted);
	const idTooLong = tooLong(id);
	return idTooLong ? problem(pos, idField, idTooLong, attempted) : id;
}

/** The values and trace id every write input carries, or the first field that is wrong. */
export function valuesAndTraceId(
	pos: InputPosition,
	parts: { properties: unknown; objectWriteTraceId?: unknown },
	schema: PropertyLookup | undefined,
	attempted: IDataObject,
): { properties: PropertyValues; objectWriteTraceId: string } | InputProblem {
	const properties = convertProperties(pos, parts.properties, schema, attempted);
	if (isProblem(properties)) return properties;
	const objectWriteTraceId = traceIdOf(pos, parts.objectWriteTraceId, attempted);
	if (typeof objectWriteTraceId !== 'string') return objectWriteTraceId;
	return { properties, objectWriteTraceId };
}

/** In JSON mode, an input's own non-empty idProperty wins over the node's. */
export function jsonIdProperty(value: IDataObject, nodeIdProperty: unknown): unknown {
	const own = value.idProperty;
	return typeof own === 'string' && own.trim() !== '' ? own : nodeIdProperty;
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

/**
 * JSON mode for inputs keyed by a record (update, upsert): `{id, properties, idProperty?,
 * objectWriteTraceId?}` or an array of them, each built by `build`; an input's own idProperty wins
 * over the node's.
 */
export function jsonKeyedInputs<I>(
	itemIndex: number,
	firstSeq: number,
	inputsJson: unknown,
	nodeIdProperty: unknown,
	build: (pos: InputPosition, parts: KeyedParts, idField: string) => BuiltInput<I>,
): Array<BuiltInput<I>> {
	return jsonEntries(itemIndex, firstSeq, inputsJson, '{id, properties, idProperty?}').map(
		(entry) => {
			if ('error' in entry) return entry;
			const { pos, value } = entry;
			const parts: KeyedParts = {
				id: value.id,
				idProperty: jsonIdProperty(value, nodeIdProperty),
				properties: value.properties,
				objectWriteTraceId: value.objectWriteTraceId,
			};
			return build(pos, parts, 'id');
		},
	);
}
