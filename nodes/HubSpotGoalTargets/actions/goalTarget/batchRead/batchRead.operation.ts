import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runBatchOperation } from '../../../engine/runBatchOperation';
import { apiVersionOf } from '../../../transport/apiVersion';
import { propertyNamesFrom } from '../common/readOptions';
import { buildRecordRef } from '../common/recordIds';
import { batchReadProperties } from './batchRead.description';
import { readRequests } from './batchRead.request';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'batchRead',
	description: 'Get goal targets by ID, many at once (batch read)',
	action: 'Get goal targets',
};

export const description = batchReadProperties;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	let properties: string[];
	try {
		properties = propertyNamesFrom(options.propertiesToReturn);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error);
	}
	return await runBatchOperation(this, {
		operation: readRequests(apiVersionOf(this), {
			properties,
			archived: options.archived === true,
		}),
		parameters: description,
		prepare: async () => (params, itemIndex, seq) => [
			buildRecordRef(
				itemIndex,
				seq,
				params.get('idValue', itemIndex, ''),
				params.get('idProperty', itemIndex, ''),
			),
		],
	});
}
