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
	type PropertyValues,
} from '../common/writeInput';

/** One input of HubSpot's batch update body; without idProperty, `id` is the record id. */
export interface UpdateInput {
	id: string;
	idProperty?: string;
	properties: PropertyValues;
	objectWriteTraceId: string;
}

/**
 * Turns one input's parts into an update input, or says which field is wrong. With no ID
 * property the id is HubSpot's record id (digits); otherwise a property with unique values.
 */
export function buildUpdateInput(
	pos: InputPosition,
	parts: KeyedParts,
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
	const refusal = idProperty !== '' && schema ? keyPropertyRefusal(schema, idProperty) : undefined;
	if (refusal) {
		return problem(
			pos,
			'idProperty',
			`'${idProperty}' ${refusal}: leave it empty to update by record ID`,
			attempted,
		);
	}
	const id = idValueOf(pos, parts.id, idField, attempted);
	if (typeof id !== 'string') return id;
	if (idProperty === '' && !/^\d+$/.test(id)) {
		return problem(
			pos,
			idField,
			`'${id}' is not a HubSpot record id (digits only); to use another property's values, set ID Property`,
			attempted,
		);
	}
	const written = valuesAndTraceId(pos, parts, schema, attempted);
	if (isProblem(written)) return written;
	const input: UpdateInput = { id, ...written };
	if (idProperty !== '') input.idProperty = idProperty;
	return { seq: pos.seq, itemIndex: pos.itemIndex, input };
}

/** JSON mode for update: `{id, properties, idProperty?, objectWriteTraceId?}` or an array; an input's own idProperty wins. */
export function buildJsonUpdateInputs(
	itemIndex: number,
	firstSeq: number,
	inputsJson: unknown,
	nodeIdProperty: unknown,
	schema?: PropertyLookup,
): Array<BuiltInput<UpdateInput>> {
	return jsonKeyedInputs(itemIndex, firstSeq, inputsJson, nodeIdProperty, (pos, parts, idField) =>
		buildUpdateInput(pos, parts, idField, schema),
	);
}
