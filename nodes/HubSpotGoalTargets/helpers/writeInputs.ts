import type { IDataObject } from 'n8n-workflow';

import type { BuiltInput, PreparedInput } from '../engine/types';
import {
	attemptedInput,
	convertProperties,
	idToString,
	isProblem,
	jsonEntries,
	jsonIdProperty,
	problem,
	tooLong,
	traceIdOf,
	type InputPosition,
	type PropertyValues,
} from './inputs';
import type { PropertyLookup } from './propertySchema';

/** One input of HubSpot's batch create body. */
export interface CreateInput {
	properties: PropertyValues;
	objectWriteTraceId: string;
	associations: IDataObject[];
}

/** One input of HubSpot's batch update body; without idProperty, `id` is the record id. */
export interface UpdateInput {
	id: string;
	idProperty?: string;
	properties: PropertyValues;
	objectWriteTraceId: string;
}

/** Turns one input's parts into a create input, or says which field is wrong. */
export function buildCreateInput(
	pos: InputPosition,
	parts: { properties: unknown; objectWriteTraceId?: unknown },
	schema?: PropertyLookup,
): BuiltInput<CreateInput> {
	const attempted: IDataObject = { properties: parts.properties as IDataObject[string] };
	const properties = convertProperties(pos, parts.properties, schema, attempted);
	if (isProblem(properties)) return properties;
	if (Object.keys(properties).length === 0) {
		return problem(
			pos,
			'properties',
			'is empty: a goal target needs at least one property to be created',
			attempted,
		);
	}
	const objectWriteTraceId = traceIdOf(pos, parts.objectWriteTraceId, attempted);
	if (typeof objectWriteTraceId !== 'string') return objectWriteTraceId;
	const prepared: PreparedInput<CreateInput> = {
		seq: pos.seq,
		itemIndex: pos.itemIndex,
		input: { properties, objectWriteTraceId, associations: [] },
	};
	return prepared;
}

/**
 * Turns one input's parts into an update input, or says which field is wrong. With no ID
 * property the id is HubSpot's record id (digits); otherwise a property with unique values.
 */
export function buildUpdateInput(
	pos: InputPosition,
	parts: { id: unknown; idProperty: unknown; properties: unknown; objectWriteTraceId?: unknown },
	idField: string,
	schema?: PropertyLookup,
): BuiltInput<UpdateInput> {
	const attempted = attemptedInput(parts);
	if (
		parts.idProperty !== undefined &&
		parts.idProperty !== null &&
		typeof parts.idProperty !== 'string'
	) {
		return problem(
			pos,
			'idProperty',
			'must be a property name, or empty for the HubSpot record id',
			attempted,
		);
	}
	const given = (parts.idProperty ?? '').trim();
	// hs_object_id is the record id itself.
	const idProperty = given === 'hs_object_id' ? '' : given;
	if (idProperty !== '' && schema) {
		const keyProperty = schema.get(idProperty);
		if (!keyProperty || keyProperty.hasUniqueValue !== true) {
			const reason = keyProperty
				? 'is not a property with unique values'
				: 'is not a goal target property in this HubSpot account';
			return problem(
				pos,
				'idProperty',
				`'${idProperty}' ${reason}: leave it empty to update by record ID`,
				attempted,
			);
		}
	}
	const id = idToString(parts.id);
	if (id === undefined) {
		return problem(
			pos,
			idField,
			parts.id === null || parts.id === undefined ? 'is missing' : 'is not text or a number',
			attempted,
		);
	}
	if (id === '') return problem(pos, idField, 'is empty', attempted);
	const idTooLong = tooLong(id);
	if (idTooLong) return problem(pos, idField, idTooLong, attempted);
	if (idProperty === '' && !/^\d+$/.test(id)) {
		return problem(
			pos,
			idField,
			`'${id}' is not a HubSpot record id (digits only); to use another property's values, set ID Property`,
			attempted,
		);
	}
	const properties = convertProperties(pos, parts.properties, schema, attempted);
	if (isProblem(properties)) return properties;
	const objectWriteTraceId = traceIdOf(pos, parts.objectWriteTraceId, attempted);
	if (typeof objectWriteTraceId !== 'string') return objectWriteTraceId;
	const input: UpdateInput = { id, properties, objectWriteTraceId };
	if (idProperty !== '') input.idProperty = idProperty;
	return { seq: pos.seq, itemIndex: pos.itemIndex, input };
}

/** JSON mode for create: `{properties, objectWriteTraceId?}` or an array of them. */
export function buildJsonCreateInputs(
	itemIndex: number,
	firstSeq: number,
	inputsJson: unknown,
	schema?: PropertyLookup,
): Array<BuiltInput<CreateInput>> {
	return jsonEntries(itemIndex, firstSeq, inputsJson, '{properties, objectWriteTraceId?}').map(
		(entry) =>
			'error' in entry
				? entry
				: buildCreateInput(
						entry.pos,
						{
							properties: entry.value.properties,
							objectWriteTraceId: entry.value.objectWriteTraceId,
						},
						schema,
					),
	);
}

/** JSON mode for update: `{id, properties, idProperty?, objectWriteTraceId?}` or an array; an input's own idProperty wins. */
export function buildJsonUpdateInputs(
	itemIndex: number,
	firstSeq: number,
	inputsJson: unknown,
	nodeIdProperty: unknown,
	schema?: PropertyLookup,
): Array<BuiltInput<UpdateInput>> {
	return jsonEntries(itemIndex, firstSeq, inputsJson, '{id, properties, idProperty?}').map(
		(entry) => {
			if ('error' in entry) return entry;
			const { pos, value } = entry;
			const idProperty = jsonIdProperty(value, nodeIdProperty);
			return buildUpdateInput(
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
