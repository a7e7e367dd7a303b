import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { runBatchOperation } from '../../../run/runBatchOperation';
import { buildRecordRef } from '../common/recordIds';
import { batchArchiveProperties } from './batchArchive.description';
import { archiveRequests } from './batchArchive.request';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'batchArchive',
	description: 'Delete (archive) goal targets by HubSpot record ID, many at once (batch archive)',
	action: 'Delete goal targets',
};

export const description = batchArchiveProperties;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBatchOperation(this, {
		requests: archiveRequests,
		parameters: description,
		prepare: async () => (params, itemIndex, seq) => [
			buildRecordRef(itemIndex, seq, params.get('idValue', itemIndex, ''), ''),
		],
	});
}
