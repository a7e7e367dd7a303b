import type { INodePropertyOptions } from 'n8n-workflow';

import { propertiesFromMapper } from '../../../helpers/resourceMapperValue';
import { writeExecute, type WriteItem } from '../common/writeOperation';
import { batchCreateProperties } from './batchCreate.description';
import { buildCreateInput, buildJsonCreateInputs, type CreateInput } from './batchCreate.input';
import { createRequests } from './batchCreate.request';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'batchCreate',
	description:
		'Create many goal targets at once (batch create); HubSpot does not check for duplicates',
	action: 'Create goal targets',
};

export const description = batchCreateProperties;

function readItem({ inputMode, params, itemIndex, seq, item, schema }: WriteItem) {
	if (inputMode === 'json')
		return buildJsonCreateInputs(itemIndex, seq, params.get('inputsJson', itemIndex), schema);
	const parts = {
		properties: propertiesFromMapper(params.get('properties', itemIndex, {}), item.json),
		objectWriteTraceId: params.get('objectWriteTraceId', itemIndex, ''),
	};
	return [buildCreateInput({ itemIndex, seq }, parts, schema)];
}

/** No Write Mode: every input is written (a create has no record to compare with). */
export const execute = writeExecute<CreateInput>({
	requests: createRequests,
	parameters: description,
	readItem,
});
