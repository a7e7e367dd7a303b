import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../../../helpers/objects';
import { ParameterError } from '../common/parameterError';
import { propertyNamesFrom } from '../common/readOptions';

/** HubSpot's search operators (the `Filter.operator` enum of its goal target files, every version). */
export const SEARCH_OPERATORS = [
	'EQ',
	'NEQ',
	'LT',
	'LTE',
	'GT',
	'GTE',
	'BETWEEN',
	'IN',
	'NOT_IN',
	'HAS_PROPERTY',
	'NOT_HAS_PROPERTY',
	'CONTAINS_TOKEN',
	'NOT_CONTAINS_TOKEN',
] as const;

export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

const WITHOUT_VALUE: readonly SearchOperator[] = ['HAS_PROPERTY', 'NOT_HAS_PROPERTY'];
const WITH_VALUES: readonly SearchOperator[] = ['IN', 'NOT_IN'];

/** HubSpot's limit on the query string. */
export const MAX_QUERY_LENGTH = 3000;

export interface SearchFilter extends IDataObject {
	propertyName: string;
	operator: SearchOperator;
	value?: string;
	highValue?: string;
	values?: string[];
}

export interface SearchSort extends IDataObject {
	propertyName: string;
	direction: 'ASCENDING' | 'DESCENDING';
}

/** A search request body without its paging (`limit`, `after`), which each page adds. */
export interface SearchBody extends IDataObject {
	filterGroups: Array<{ filters: SearchFilter[] }>;
	sorts: SearchSort[];
	properties: string[];
	query?: string;
}

/** The search parameters of one item, as n8n gives them. */
export interface SearchParameters {
	/** The Filter Groups fixed collection: `{ groups: [{ filters: { conditions: [...] } }] }`. */
	filterGroups?: unknown;
	query?: unknown;
	sortBy?: unknown;
	sortDirection?: unknown;
	propertiesToReturn?: unknown;
}

/** A fixed collection's entries: a list when it allows several, one object when it allows one. */
function entries(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value.map((entry) => asObject(entry) ?? {});
	const single = asObject(value);
	return single ? [single] : [];
}

/**
 * A filter value as HubSpot wants it, text: numbers and booleans as written, dates (a JS date,
 * or n8n's `$now`-style date-time) as epoch milliseconds. Empty gives undefined.
 */
export function filterValueText(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	if (value instanceof Date && !Number.isNaN(value.getTime())) return String(value.getTime());
	const toMillis = (value as { toMillis?: unknown }).toMillis;
	if (typeof toMillis === 'function') {
		const ms = (toMillis as () => unknown).call(value);
		if (typeof ms === 'number' && Number.isFinite(ms)) return String(ms);
	}
	throw new ParameterError(
		`'${field}' must be text, a number, a boolean or a date (got ${JSON.stringify(value)})`,
		field,
	);
}

/** The values of an Is Any Of / Is None Of filter: a list, or comma-separated text. */
function valueList(value: unknown, field: string): string[] {
	const raw = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',').map((part) => part.trim())
			: [value];
	return raw
		.map((entry) => filterValueText(entry, field))
		.filter((entry): entry is string => entry !== undefined && entry !== '');
}

function buildFilter(condition: IDataObject, field: string, where: string): SearchFilter {
	const propertyName =
		typeof condition.propertyName === 'string' ? condition.propertyName.trim() : '';
	if (propertyName === '')
		throw new ParameterError(`${where}: no property chosen`, `${field}.propertyName`);
	const operator = (condition.operator ?? 'EQ') as SearchOperator;
	if (!SEARCH_OPERATORS.includes(operator)) {
		throw new ParameterError(
			`${where}: unknown operator '${String(operator)}'`,
			`${field}.operator`,
		);
	}
	const named = `${where} (${propertyName} ${operator})`;
	const filter: SearchFilter = { propertyName, operator };
	if (WITHOUT_VALUE.includes(operator)) return filter;
	if (WITH_VALUES.includes(operator)) {
		const values = valueList(condition.value, `${field}.value`);
		if (values.length === 0)
			throw new ParameterError(
				`${named}: no values given (a list, or comma-separated text)`,
				`${field}.value`,
			);
		filter.values = values;
		return filter;
	}
	const value = filterValueText(condition.value, `${field}.value`);
	if (value === undefined) {
		throw new ParameterError(
			`${named}: the value is empty (to find records without a value, use the operator Is Unknown)`,
			`${field}.value`,
		);
	}
	filter.value = value;
	if (operator === 'BETWEEN') {
		const highValue = filterValueText(condition.highValue, `${field}.highValue`);
		if (highValue === undefined)
			throw new ParameterError(`${named}: the high value is empty`, `${field}.highValue`);
		filter.highValue = highValue;
	}
	return filter;
}

/** Filter groups from the Filter Groups parameter: filters in a group must all match, any group may. */
export function buildFilterGroups(filterGroups: unknown): Array<{ filters: SearchFilter[] }> {
	const groups: Array<{ filters: SearchFilter[] }> = [];
	entries(asObject(filterGroups)?.groups).forEach((group, g) => {
		const conditions = entries(asObject(group.filters)?.conditions);
		const filters = conditions.map((condition, f) =>
			buildFilter(
				condition,
				`filterGroups.groups[${g}].filters.conditions[${f}]`,
				`Filter group ${g + 1}, filter ${f + 1}`,
			),
		);
		// A group left without filters would match everything: leave it out.
		if (filters.length > 0) groups.push({ filters });
	});
	return groups;
}

/** The search request body of one item's parameters, without paging. */
export function buildSearchBody(parameters: SearchParameters): SearchBody {
	const body: SearchBody = {
		filterGroups: buildFilterGroups(parameters.filterGroups),
		sorts: [],
		properties: propertyNamesFrom(parameters.propertiesToReturn),
	};
	const sortBy = typeof parameters.sortBy === 'string' ? parameters.sortBy.trim() : '';
	if (sortBy !== '') {
		const direction = parameters.sortDirection === 'ASCENDING' ? 'ASCENDING' : 'DESCENDING';
		body.sorts.push({ propertyName: sortBy, direction });
	}
	if (parameters.query !== undefined && parameters.query !== null && parameters.query !== '') {
		if (typeof parameters.query !== 'string' && typeof parameters.query !== 'number') {
			throw new ParameterError(
				`'query' must be text (got ${JSON.stringify(parameters.query)})`,
				'query',
			);
		}
		const query = String(parameters.query).trim();
		if (query.length > MAX_QUERY_LENGTH) {
			throw new ParameterError(
				`'query' is ${query.length} characters long; HubSpot takes at most ${MAX_QUERY_LENGTH}`,
				'query',
			);
		}
		if (query !== '') body.query = query;
	}
	return body;
}
