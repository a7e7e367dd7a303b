import type { INodeProperties } from 'n8n-workflow';

import { READ_ALL_MAX_RECORDS } from '../../../transport/paging';
import { propertiesToReturnOption } from '../common/readOptions';

const show = { resource: ['goalTarget'], operation: ['getAll'] };

export const getAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: READ_ALL_MAX_RECORDS },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only archived (deleted) goal targets instead of the current ones',
			},
			propertiesToReturnOption,
		],
	},
];
