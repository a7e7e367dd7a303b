import type { INodeProperties } from 'n8n-workflow';

const showFor = (inputMode: string) => ({
	show: { resource: ['goalTarget'], operation: ['batchUpsert'], inputMode: [inputMode] },
});

export const batchUpsertProperties: INodeProperties[] = [
	{
		displayName: 'ID Property Name or ID',
		name: 'idProperty',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getUniqueProperties' },
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
			loadOptionsDependsOn: ['authentication'],
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
		description: 'The HubSpot properties to set and their values; properties left out keep their values',
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['goalTarget'], operation: ['batchUpsert'] } },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 100,
				description: 'How many inputs go into one request, from 1 to 100 (HubSpot takes at most 100)',
			},
			{
				displayName: 'Check Values Against HubSpot Properties',
				name: 'validateProperties',
				type: 'boolean',
				default: true,
				description:
					"Whether to read the account's goal target properties once per run, convert each value to its property's format (numbers, true/false, dates as midnight UTC, date-times as ISO 8601, enumeration options) and refuse unknown or read-only properties per item, before sending",
			},
			{
				displayName: 'Isolate Failures',
				name: 'isolateFailures',
				type: 'boolean',
				default: true,
				description:
					'Whether to split a request HubSpot refuses as a whole, until only the bad inputs are left on the Error output and every good one is written',
			},
			{
				displayName: 'Max Concurrent Requests',
				name: 'maxConcurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 16 },
				default: 8,
				description:
					"How many requests may be in flight at once, from 1 to 16. HubSpot's rate limit is kept whatever this is; 8 fills a window of 190 requests per 10 s even when HubSpot takes 400 ms to answer.",
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 5,
				description:
					'How often (0 to 10) a request is retried after a HubSpot outage (5xx, 423, 477) or a lost connection, with growing pauses. Waits for the rate-limit window do not count.',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000, maxValue: 300000 },
				default: 30000,
				description: 'How long to wait for HubSpot to answer one request before retrying it, from 1,000 to 300,000 ms',
			},
		],
	},
];
