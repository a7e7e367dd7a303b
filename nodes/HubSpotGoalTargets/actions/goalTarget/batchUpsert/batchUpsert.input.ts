import type { BuiltInput } from '../../../engine/types';
import type { PropertyLookup } from '../../../helpers/propertySchema';
import { isProblem, problem, type InputPosition } from '../common/inputProblem';
import {
	attemptedInput,
	idValueOf,
	jsonKeyedInputs,
	keyPropertyRefusal,
	valuesAndTraceId,
	type KeyedParts,
} from '../common/writeInput';

/** One input of HubSpot's batch upsert body, exactly as sent. */
export interface UpsertInput {
	id: string;
	idProperty: string;
	properties: Record<string, string>;
	objectWriteTraceId: string;
}

/** HubSpot refuses its internal record id as upsert key. */
const REFUSED_ID_PROPERTIES = new Set(['hs_object_id']);

/** The node's parameters for one item in "fields" mode, as read from the editor. */
export interface FieldsModeValues {
	idProperty: unknown;
	idValue: unknown;
	properties: unknown;
	objectWriteTraceId?: unknown;
}

/** Turns one input's parts into an upsert input, or says which field is wrong. */
export function buildUpsertInput(
	pos: InputPosition,
	parts: KeyedParts,
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
	const refusal = schema ? keyPropertyRefusal(schema, idProperty) : undefined;
	if (refusal) {
		return problem(
			pos,
			'idProperty',
			`'${idProperty}' ${refusal}: upsert needs one whose values are unique`,
			attempted,
		);
	}
	const id = idValueOf(pos, parts.id, idField, attempted);
	if (typeof id !== 'string') return id;
	const written = valuesAndTraceId(pos, parts, schema, attempted);
	if (isProblem(written)) return written;
	return { seq: pos.seq, itemIndex: pos.itemIndex, input: { id, idProperty, ...written } };
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
	return jsonKeyedInputs(itemIndex, firstSeq, inputsJson, nodeIdProperty, (pos, parts, idField) =>
		buildUpsertInput(pos, parts, idField, schema),
	);
}
