import type { INodeProperties } from 'n8n-workflow';

import { READ_ALL_MAX_RECORDS } from '../../../transport/paging';
import { propertiesToReturnOption, returnAllFields } from '../common/readOptions';

const show = { resource: ['goalTarget'], operation: ['getAll'] };

export const getAllProperties: INodeProperties[] = [
	...returnAllFields('getAll', READ_ALL_MAX_RECORDS),
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
