import type { INodeProperties } from 'n8n-workflow';

/** Write Mode (Create or Update, Update): write every input, only what changes, or nothing. */
export const writeModeOption: INodeProperties = {
	displayName: 'Write Mode',
	name: 'writeMode',
	type: 'options',
	options: [
		{
			name: 'Preview, Write Nothing',
			value: 'preview',
			description:
				'Read the current records and compare, write nothing: each Success item says what a run would do (change: create, update or none) and which values would change',
		},
		{
			name: 'Write All',
			value: 'all',
			description: 'Write every input, whatever the record holds',
		},
		{
			name: 'Write Changes Only',
			value: 'changed',
			description:
				'Read the current records first (one batch read per 100 inputs) and write only the inputs that would change something; the others go to Success unwritten (change: none)',
		},
	],
	default: 'all',
	description:
		"Whether to write every input, only the inputs that would change HubSpot's record, or nothing (a preview). Values are compared as HubSpot stores them (numbers by value, dates by day, date-times by instant).",
};
