import type { INodeProperties } from 'n8n-workflow';

import { propertiesToReturnOption, returnAllFields } from '../common/readOptions';
import { MAX_SEARCH_RESULTS } from './searchLimits';

const show = { resource: ['goalTarget'], operation: ['search'] };

export const searchProperties: INodeProperties[] = [
	{
		displayName: 'Filter Groups',
		name: 'filterGroups',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter Group',
		default: {},
		description:
			'A goal target matches when it matches every filter of at least one group (filters in a group are combined with AND, groups with OR). No groups: every goal target matches.',
		displayOptions: { show },
		options: [
			{
				name: 'groups',
				displayName: 'Filter Group',
				values: [
					{
						displayName: 'Filters',
						name: 'filters',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Filter',
						default: {},
						options: [
							{
								name: 'conditions',
								displayName: 'Filter',
								values: [
									{
										displayName: 'Property Name or ID',
										name: 'propertyName',
										type: 'options',
										typeOptions: { loadOptionsMethod: 'getPropertyNames' },
										default: '',
										description:
											'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
									},
									{
										displayName: 'Operator',
										name: 'operator',
										type: 'options',
										options: [
											{
												name: 'Between',
												value: 'BETWEEN',
												description: 'From Value to High Value, both included',
											},
											{
												name: 'Contains Exactly',
												value: 'CONTAINS_TOKEN',
												description: 'Contains the word; * matches any text',
											},
											{ name: "Doesn't Contain Exactly", value: 'NOT_CONTAINS_TOKEN' },
											{ name: 'Equal', value: 'EQ' },
											{ name: 'Greater Than', value: 'GT' },
											{ name: 'Greater Than or Equal', value: 'GTE' },
											{
												name: 'Is Any Of',
												value: 'IN',
												description: 'Value holds the values, comma-separated',
											},
											{
												name: 'Is Known',
												value: 'HAS_PROPERTY',
												description: 'The property has a value',
											},
											{
												name: 'Is None Of',
												value: 'NOT_IN',
												description: 'Value holds the values, comma-separated',
											},
											{
												name: 'Is Unknown',
												value: 'NOT_HAS_PROPERTY',
												description: 'The property has no value',
											},
											{ name: 'Less Than', value: 'LT' },
											{ name: 'Less Than or Equal', value: 'LTE' },
											{ name: 'Not Equal', value: 'NEQ' },
										],
										default: 'EQ',
									},
									{
										displayName: 'Value',
										name: 'value',
										type: 'string',
										default: '',
										description:
											'Numbers as digits, dates and times as milliseconds since 1970 (e.g. {{ $now.toMillis() }}); several values comma-separated for Is Any Of / Is None Of',
										displayOptions: { hide: { operator: ['HAS_PROPERTY', 'NOT_HAS_PROPERTY'] } },
									},
									{
										displayName: 'High Value',
										name: 'highValue',
										type: 'string',
										default: '',
										description: 'The upper end of the range, included',
										displayOptions: { show: { operator: ['BETWEEN'] } },
									},
								],
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'e.g. EMEA',
		description:
			"Text to look for in the goal targets' default searchable properties (up to 3000 characters), on top of the filters",
		displayOptions: { show },
	},
	...returnAllFields(
		'search',
		MAX_SEARCH_RESULTS,
		`HubSpot serves at most ${MAX_SEARCH_RESULTS.toLocaleString('en-US')} results per search`,
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			propertiesToReturnOption,
			{
				displayName: 'Sort By Name or ID',
				name: 'sortBy',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPropertyNames' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'HubSpot sorts by one property',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASCENDING' },
					{ name: 'Descending', value: 'DESCENDING' },
				],
				default: 'DESCENDING',
			},
		],
	},
];
