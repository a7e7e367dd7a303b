import type { INodePropertyOptions } from 'n8n-workflow';

import { propertiesFromMapper } from '../../../helpers/resourceMapperValue';
import { recordComparison } from '../common/currentRecords';
import { writeExecute, type WriteItem } from '../common/writeOperation';
import { batchUpdateProperties } from './batchUpdate.description';
import { buildJsonUpdateInputs, buildUpdateInput, type UpdateInput } from './batchUpdate.input';
import { updateRequests } from './batchUpdate.request';

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'batchUpdate',
	description: 'Update many goal targets at once, by record ID or a unique property (batch update)',
	action: 'Update goal targets',
};

export const description = batchUpdateProperties;

function readItem({ inputMode, params, itemIndex, seq, item, schema }: WriteItem) {
	const idProperty = params.get('idProperty', itemIndex, '');
	if (inputMode === 'json') {
		const inputsJson = params.get('inputsJson', itemIndex);
		return buildJsonUpdateInputs(itemIndex, seq, inputsJson, idProperty, schema);
	}
	const parts = {
		id: params.get('idValue', itemIndex, ''),
		idProperty,
		properties: propertiesFromMapper(params.get('properties', itemIndex, {}), item.json),
		objectWriteTraceId: params.get('objectWriteTraceId', itemIndex, ''),
	};
	return [buildUpdateInput({ itemIndex, seq }, parts, 'idValue', schema)];
}

export const execute = writeExecute<UpdateInput>({
	requests: updateRequests,
	parameters: description,
	readItem,
	// A goal target that does not exist fails as HubSpot's update would fail it.
	comparison: (version, schema) => recordComparison<UpdateInput>(version, schema, false),
});
