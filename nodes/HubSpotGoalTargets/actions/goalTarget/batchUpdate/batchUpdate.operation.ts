import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { runBatchOperation } from '../../../engine/runBatchOperation';
import type { BuiltInput } from '../../../engine/types';
import { propertiesFromMapper } from '../../../helpers/resourceMapperValue';
import {
	buildJsonUpdateInputs,
	buildUpdateInput,
	type UpdateInput,
} from '../../../helpers/writeInputs';
import { apiVersionOf } from '../../../transport/apiVersion';
import { loadPropertyLookup } from '../common/propertyLookup';
import { batchUpdateProperties } from './batchUpdate.description';
import { updateRequests } from './batchUpdate.request';

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'batchUpdate',
	description: 'Update many goal targets at once, by record ID or a unique property (batch update)',
	action: 'Update goal targets',
};

export const description = batchUpdateProperties;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// The same for every item (no expressions allowed), so read once.
	const inputMode = this.getNodeParameter('inputMode', 0, 'fields') as string;
	return await runBatchOperation(this, {
		operation: updateRequests(apiVersionOf(this)),
		parameters: description,
		prepare: async (pacer, options) => {
			const schema = options.validateProperties ? await loadPropertyLookup(this, pacer) : undefined;
			return (params, itemIndex, seq, item): Array<BuiltInput<UpdateInput>> => {
				const idProperty = params.get('idProperty', itemIndex, '');
				if (inputMode === 'json') {
					return buildJsonUpdateInputs(
						itemIndex,
						seq,
						params.get('inputsJson', itemIndex),
						idProperty,
						schema,
					);
				}
				return [
					buildUpdateInput(
						{ itemIndex, seq },
						{
							id: params.get('idValue', itemIndex, ''),
							idProperty,
							properties: propertiesFromMapper(params.get('properties', itemIndex, {}), item.json),
							objectWriteTraceId: params.get('objectWriteTraceId', itemIndex, ''),
						},
						'idValue',
						schema,
					),
				];
			};
		},
	});
}
