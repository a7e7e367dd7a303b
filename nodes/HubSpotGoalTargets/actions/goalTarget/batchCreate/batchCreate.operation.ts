import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { runBatchOperation } from '../../../engine/runBatchOperation';
import type { BuiltInput } from '../../../engine/types';
import { propertiesFromMapper } from '../../../helpers/resourceMapperValue';
import {
	buildCreateInput,
	buildJsonCreateInputs,
	type CreateInput,
} from '../../../helpers/writeInputs';
import { apiVersionOf } from '../../../transport/apiVersion';
import { loadPropertyLookup } from '../common/propertyLookup';
import { batchCreateProperties } from './batchCreate.description';
import { createRequests } from './batchCreate.request';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'batchCreate',
	description:
		'Create many goal targets at once (batch create); HubSpot does not check for duplicates',
	action: 'Create goal targets',
};

export const description = batchCreateProperties;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// The same for every item (no expressions allowed), so read once.
	const inputMode = this.getNodeParameter('inputMode', 0, 'fields') as string;
	return await runBatchOperation(this, {
		operation: createRequests(apiVersionOf(this)),
		parameters: description,
		prepare: async (pacer, options) => {
			const schema = options.validateProperties ? await loadPropertyLookup(this, pacer) : undefined;
			return (params, itemIndex, seq, item): Array<BuiltInput<CreateInput>> => {
				if (inputMode === 'json')
					return buildJsonCreateInputs(itemIndex, seq, params.get('inputsJson', itemIndex), schema);
				return [
					buildCreateInput(
						{ itemIndex, seq },
						{
							properties: propertiesFromMapper(params.get('properties', itemIndex, {}), item.json),
							objectWriteTraceId: params.get('objectWriteTraceId', itemIndex, ''),
						},
						schema,
					),
				];
			};
		},
	});
}
