import type { INodeProperties } from 'n8n-workflow';

/** What differs between the write operations in their shared fields. */
interface WriteFieldsText {
	/** The JSON shape of one input, e.g. {properties, objectWriteTraceId?}. */
	jsonShape: string;
	/** The shape as Input Mode's JSON option names it, when shorter than `jsonShape`. */
	jsonModeShape?: string;
	/** Added after the Inputs (JSON) description, e.g. what wins when an input gives its own ID property. */
	jsonNote?: string;
	/** Input Mode's Map Fields option. */
	fieldsModeDescription?: string;
	propertiesDescription: string;
}

/**
 * Input Mode, and the fields of each mode, for an operation that writes property values: Map
 * Fields (the properties resource mapper and an optional trace id) or JSON (HubSpot's own shape).
 * Fields that come before Properties in Map Fields mode (the ID) go in `beforeProperties`.
 */
export function writeFields(
	operation: string,
	text: WriteFieldsText,
	beforeProperties: INodeProperties[] = [],
): INodeProperties[] {
	const showFor = (inputMode: string) => ({
		show: { resource: ['goalTarget'], operation: [operation], inputMode: [inputMode] },
	});
	return [
		{
			displayName: 'Input Mode',
			name: 'inputMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Map Fields',
					value: 'fields',
					description: text.fieldsModeDescription ?? 'Set each property from the incoming items',
				},
				{
					name: 'JSON',
					value: 'json',
					description: `Give each input in HubSpot's own shape: ${text.jsonModeShape ?? text.jsonShape}`,
				},
			],
			default: 'fields',
			displayOptions: { show: { resource: ['goalTarget'], operation: [operation] } },
		},
		...beforeProperties.map((field) => ({ ...field, displayOptions: showFor('fields') })),
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
			description: text.propertiesDescription,
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
			description: `Evaluated for each item: one input ${text.jsonShape} or an array of them${text.jsonNote ?? ''}`,
			displayOptions: showFor('json'),
		},
	];
}
