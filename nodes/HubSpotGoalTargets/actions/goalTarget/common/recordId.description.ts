import type { INodeProperties } from 'n8n-workflow';

/** ID Property for operations where it is optional: empty means the ID is HubSpot's record id. */
export function optionalIdProperty(operation: string): INodeProperties {
	return {
		displayName: 'ID Property Name or ID',
		name: 'idProperty',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getIdProperties',
			loadOptionsDependsOn: ['authentication', 'apiVersion'],
		},
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: "Empty or 'Record ID': the IDs are HubSpot record IDs; otherwise a property with unique values",
		displayOptions: { show: { resource: ['goalTarget'], operation: [operation] } },
	};
}

/** ID: the record an item refers to. */
export function recordIdValue(
	operation: string,
	description: string,
	extraShow: Record<string, string[]> = {},
): INodeProperties {
	return {
		displayName: 'ID',
		name: 'idValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.key }}',
		description,
		displayOptions: { show: { resource: ['goalTarget'], operation: [operation], ...extraShow } },
	};
}
