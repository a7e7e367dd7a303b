import type { INodeProperties } from 'n8n-workflow';

import {
	optionsCollection,
	sendingOptions,
	validatePropertiesOption,
} from '../common/options.description';
import { writeFields } from '../common/writeFields.description';
import { writeModeOption } from '../common/writeMode.description';

export const batchUpsertProperties: INodeProperties[] = [
	{
		displayName: 'ID Property Name or ID',
		name: 'idProperty',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getUniqueProperties',
			loadOptionsDependsOn: ['authentication', 'apiVersion'],
		},
		required: true,
		default: '',
		description:
			'The goal target property with unique values that the IDs refer to: a record whose property has the ID is updated, otherwise one is created. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'Only properties marked "unique value" in HubSpot can be used',
		displayOptions: { show: { resource: ['goalTarget'], operation: ['batchUpsert'] } },
	},
	...writeFields(
		'batchUpsert',
		{
			fieldsModeDescription: 'Set the ID and each property from the incoming items',
			jsonModeShape: '{ID, properties, idProperty?}',
			jsonShape:
				'{"ID": "...", "properties": {...}, "idProperty"?: "...", "objectWriteTraceId"?: "..."}',
			jsonNote: ". An input's own idProperty wins over the node's.",
			propertiesDescription:
				'The HubSpot properties to set and their values; properties left out keep their values',
		},
		[
			// Optional: with Map Automatically, an empty ID is the item's field named like the ID property.
			{
				displayName: 'ID',
				name: 'idValue',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.key }}',
				description:
					"This item's value of the ID property: the record to update, or to create when none has it. With Properties set to Map Automatically, leave empty to use the item's field named like the ID property.",
			},
		],
	),
	optionsCollection('batchUpsert', [...sendingOptions, validatePropertiesOption, writeModeOption]),
];
