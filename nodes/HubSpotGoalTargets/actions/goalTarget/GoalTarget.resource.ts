import type { INodeProperties } from 'n8n-workflow';

import * as batchUpsert from './batchUpsert.operation';

export { batchUpsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['goalTarget'] } },
		options: [
			{
				name: 'Batch Upsert',
				value: 'batchUpsert',
				description: 'Create or update many goal targets at once, by a unique property',
				action: 'Batch upsert goal targets',
			},
		],
		default: 'batchUpsert',
	},
	...batchUpsert.description,
];
