import type { INodeProperties } from 'n8n-workflow';

import {
	optionsCollection,
	sendingOptions,
	validatePropertiesOption,
} from '../common/options.description';
import { writeModeOption } from '../common/writeMode.description';

const showFor = (inputMode: string) => ({
	show: { resource: ['goalTarget'], operation: ['batchUpsert'], inputMode: [inputMode] },
});

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
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Map Fields',
				value: 'fields',
				description: 'Set the ID and each property from the incoming items',
			},
			{
				name: 'JSON',
				value: 'json',
				description: "Give each input in HubSpot's own shape: {ID, properties, idProperty?}",
			},
		],
		default: 'fields',
		displayOptions: { show: { resource: ['goalTarget'], operation: ['batchUpsert'] } },
	},
	{
		displayName: 'ID',
		name: 'idValue',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.key }}',
		description:
			"This item's value of the ID property: the record to update, or to create when none has it. With Properties set to Map Automatically, leave empty to use the item's field named like the ID property.",
		displayOptions: showFor('fields'),
	},
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['authentication', 'apiVersion'],
			resourceMapper: {
				resourceMapperMethod: 'getPropertyColumns',
				mode: 'add',
				fieldWords: { singular: 'property', plural: 'properties' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
				noFieldsError: 'No writable goal target properties were found in this HubSpot account',
			},
		},
		description:
			'The HubSpot properties to set and their values; properties left out keep their values',
		displayOptions: showFor('fields'),
	},
	{
		displayName: 'Object Write Trace ID',
		name: 'objectWriteTraceId',
		type: 'string',
		default: '',
		description:
			'Optional: your own ID for this write, echoed by HubSpot. When empty the node sets a unique one to match results to items.',
		displayOptions: showFor('fields'),
	},
	{
		displayName: 'Inputs (JSON)',
		name: 'inputsJson',
		type: 'json',
		required: true,
		default: '={{ $json }}',
		description:
			'Evaluated for each item: one input {"ID": "...", "properties": {...}, "idProperty"?: "...", "objectWriteTraceId"?: "..."} or an array of them. An input\'s own idProperty wins over the node\'s.',
		displayOptions: showFor('json'),
	},
	optionsCollection('batchUpsert', [...sendingOptions, validatePropertiesOption, writeModeOption]),
];
