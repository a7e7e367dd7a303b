import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import type { BuiltInput } from '../../../engine/types';
import { propertiesFromMapper } from '../../../helpers/resourceMapperValue';
import { buildCreateInput, buildJsonCreateInputs, type CreateInput } from './batchCreate.input';
import { loadPropertyLookup } from '../../../run/propertyLookup';
import { runBatchOperation } from '../../../run/runBatchOperation';
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
		requests: createRequests,
		parameters: description,
		prepare: async (run, options) => {
			const schema = options.validateProperties ? await loadPropertyLookup(run) : undefined;
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
