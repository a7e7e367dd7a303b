import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import type { ItemParameterReader } from '../../../run/itemParameters';
import { runBatchOperation } from '../../../run/runBatchOperation';
import type { BuiltInput } from '../../../engine/types';
import { propertiesFromMapper } from '../../../helpers/resourceMapperValue';
import { buildJsonUpdateInputs, buildUpdateInput, type UpdateInput } from './batchUpdate.input';
import { recordComparison } from '../common/currentRecords';
import { loadWriteSchemas, notSentReader } from '../common/writeSchemas';
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
		requests: updateRequests,
		parameters: description,
		prepare: async (run, options) => {
			const {
				forValues: schema,
				forComparison,
				unavailable,
			} = await loadWriteSchemas(run, options);
			if (unavailable) return notSentReader(unavailable);
			const reader = (
				params: ItemParameterReader,
				itemIndex: number,
				seq: number,
				item: INodeExecutionData,
			): Array<BuiltInput<UpdateInput>> => {
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
			return forComparison
				? {
						reader,
						comparison: recordComparison<UpdateInput>(run.apiVersion, forComparison, false),
					}
				: reader;
		},
	});
}
