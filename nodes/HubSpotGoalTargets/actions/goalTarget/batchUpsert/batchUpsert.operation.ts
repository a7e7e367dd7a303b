import type { INodePropertyOptions } from 'n8n-workflow';

import { isAutoMapping, propertiesFromMapper } from '../../../helpers/resourceMapperValue';
import { recordComparison } from '../common/currentRecords';
import { writeExecute, type WriteItem } from '../common/writeOperation';
import { batchUpsertProperties } from './batchUpsert.description';
import { buildFieldsInput, buildJsonInputs, type UpsertInput } from './batchUpsert.input';
import { upsertRequests } from './batchUpsert.request';

export const option: INodePropertyOptions = {
	name: 'Create or Update',
	value: 'batchUpsert',
	description: 'Create or update many goal targets at once, by a unique property (batch upsert)',
	action: 'Create or update goal targets',
};

export const description = batchUpsertProperties;

function isEmptyValue(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function readItem({ inputMode, params, itemIndex, seq, item, schema }: WriteItem) {
	const idProperty = params.get('idProperty', itemIndex, '');
	if (inputMode === 'json')
		return buildJsonInputs(itemIndex, seq, params.get('inputsJson', itemIndex), idProperty, schema);
	const mapper = params.get('properties', itemIndex, {});
	let idValue = params.get('idValue', itemIndex, '');
	// With "Map Automatically" and no ID given, the ID is the item's field named like the ID
	// property (n8n's "column to match on"), so nothing needs evaluating per item.
	if (isEmptyValue(idValue) && isAutoMapping(mapper) && typeof idProperty === 'string') {
		const field = idProperty.trim();
		idValue = Object.prototype.hasOwnProperty.call(item.json, field) ? item.json[field] : undefined;
	}
	const values = {
		idProperty,
		idValue,
		properties: propertiesFromMapper(mapper, item.json),
		objectWriteTraceId: params.get('objectWriteTraceId', itemIndex, ''),
	};
	return [buildFieldsInput(itemIndex, seq, values, schema)];
}

export const execute = writeExecute<UpsertInput>({
	requests: upsertRequests,
	parameters: description,
	readItem,
	// A goal target that does not exist is created.
	comparison: (version, schema) => recordComparison<UpsertInput>(version, schema, true),
});
