import type { IDataObject } from 'n8n-workflow';

import type { BuiltInput } from '../../../engine/types';
import type { PropertyLookup } from '../../../helpers/propertySchema';
import { isProblem, problem, type InputPosition } from '../common/inputProblem';
import {
	convertProperties,
	jsonEntries,
	traceIdOf,
	type PropertyValues,
} from '../common/writeInput';

/** One input of HubSpot's batch create body. */
export interface CreateInput {
	properties: PropertyValues;
	objectWriteTraceId: string;
	associations: IDataObject[];
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
	return {
		seq: pos.seq,
		itemIndex: pos.itemIndex,
		input: { properties, objectWriteTraceId, associations: [] },
	};
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
