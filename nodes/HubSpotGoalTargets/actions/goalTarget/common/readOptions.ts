import type { INodeProperties } from 'n8n-workflow';

import { ownOption, readSwitch, readWholeNumber } from '../../../helpers/options';
import { READ_ALL_MAX_RECORDS } from '../../../transport/paging';
import { checkedValue, ParameterError } from './parameterError';

/** Properties to Return: a dropdown of the account's properties, or names typed or given by an expression. */
export const propertiesToReturnOption: INodeProperties = {
	displayName: 'Properties to Return Names or IDs',
	name: 'propertiesToReturn',
	type: 'multiOptions',
	typeOptions: {
		loadOptionsMethod: 'getPropertyNames',
		loadOptionsDependsOn: ['authentication', 'apiVersion'],
	},
	default: [],
	description:
		'The goal target properties each record comes with; none chosen means HubSpot\'s default set. An expression may give a list or comma-separated names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Return All and Limit (Get Many, Search): Limit from 1 to `maxLimit`, shown when Return All is off. */
export function returnAllFields(
	operation: string,
	maxLimit: number,
	returnAllHint?: string,
): INodeProperties[] {
	const show = { resource: ['goalTarget'], operation: [operation] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			...(returnAllHint !== undefined ? { hint: returnAllHint } : {}),
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: maxLimit },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/**
 * Property names from the Properties to Return option: the dropdown gives a list, an expression may
 * give a list or comma-separated text. Names are trimmed; empties and repeats are dropped.
 */
export function propertyNamesFrom(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const parts = (Array.isArray(value) ? value : [value]).flatMap((entry: unknown) => {
		if (typeof entry === 'string' || typeof entry === 'number') return String(entry).split(',');
		throw new ParameterError(
			`'options.propertiesToReturn' must be property names, as a list or comma-separated text (got ${JSON.stringify(entry)})`,
			'options.propertiesToReturn',
		);
	});
	const names: string[] = [];
	for (const part of parts) {
		const name = part.trim();
		if (name !== '' && !names.includes(name)) names.push(name);
	}
	return names;
}

/**
 * Options → Archived (Get, Get Many): true or false, also as text from an expression; anything else
 * (1, "yes") is refused rather than read as the current records.
 */
export function archivedFrom(options: unknown): boolean {
	return checkedValue(
		readSwitch(ownOption(options, 'archived'), 'archived', { label: 'Archived', default: false }),
		'options.archived',
	);
}

/**
 * Records wanted from Return All and Limit: undefined for all. Limit is checked only when Return All
 * is off (n8n keeps a hidden Limit's last value), from 1 to `maxLimit`: Get Many's Return All bound,
 * or Search's 10,000.
 */
export function wantedRecords(
	returnAll: unknown,
	limit: unknown,
	maxLimit: number = READ_ALL_MAX_RECORDS,
): number | undefined {
	const all = readSwitch(
		returnAll,
		'returnAll',
		{ label: 'Return All', default: false },
		'Parameter',
	);
	if (checkedValue(all, 'returnAll')) return undefined;
	const rule = { label: 'Limit', min: 1, max: maxLimit, default: 50 };
	return checkedValue(readWholeNumber(limit, 'limit', rule, 'Parameter'), 'limit');
}
