import type { INodeProperties } from 'n8n-workflow';

type Option = INodeProperties;

/** How requests are sent: the same for every batch operation. */
export const sendingOptions: Option[] = [
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 100,
		description: 'How many inputs go into one request, from 1 to 100 (HubSpot takes at most 100)',
	},
	{
		displayName: 'Isolate Failures',
		name: 'isolateFailures',
		type: 'boolean',
		default: true,
		description:
			'Whether to split a request HubSpot refuses as a whole, until only the bad inputs are left on the Error output and every good one goes through',
	},
	{
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 250 },
		default: 250,
		description:
			"The most requests in flight at once, from 1 to 250. The node sends as many as HubSpot's rate-limit window has room for, so this only bounds them: 250, HubSpot's largest window, lets a whole window's room go at once whatever the answer time. Lower it to spare a small n8n instance.",
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
		description:
			'How long to wait for HubSpot to answer one request before retrying it, from 1,000 to 300,000 ms',
	},
];

/** For operations that write property values. */
export const validatePropertiesOption: Option = {
	displayName: 'Check Values Against HubSpot Properties',
	name: 'validateProperties',
	type: 'boolean',
	default: true,
	description:
		"Whether to read the account's goal target properties once per run, convert each value to its property's format (numbers, true/false, dates as midnight UTC, date-times as ISO 8601, enumeration options) and refuse unknown or read-only properties per item, before sending",
};

/** For operations that read records: archived ones instead of active ones. */
export const archivedOption: Option = {
	displayName: 'Archived',
	name: 'archived',
	type: 'boolean',
	default: false,
	description: 'Whether to read archived (deleted) goal targets instead of active ones',
};

/** The Options collection of one operation, its options in alphabetical order as n8n lists them. */
export function optionsCollection(operation: string, options: Option[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['goalTarget'], operation: [operation] } },
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
