import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import { runBatchOperation } from '../../../run/runBatchOperation';
import { checkedParameters } from '../common/parameterError';
import { archivedFrom, propertyNamesFrom } from '../common/readOptions';
import { buildRecordRef } from '../common/recordIds';
import { batchReadProperties } from './batchRead.description';
import { readRequests } from '../common/batchRead.request';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'batchRead',
	description: 'Get goal targets by ID, many at once (batch read)',
	action: 'Get goal targets',
};

export const description = batchReadProperties;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const { properties, archived } = checkedParameters(this, () => ({
		properties: propertyNamesFrom(options.propertiesToReturn),
		archived: archivedFrom(options),
	}));
	return await runBatchOperation(this, {
		requests: (version) => readRequests(version, { properties, archived }),
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
