import type { IDataObject } from 'n8n-workflow';

import { ParameterError } from '../common/parameterError';

/** HubSpot's most records per list request (GET .../goal_targets): more is a 400. */
export const LIST_PAGE_SIZE = 100;

/** Records wanted from Return All and Limit: undefined for all. */
export function wantedRecords(returnAll: unknown, limit: unknown): number | undefined {
	if (switchOn(returnAll, 'returnAll')) return undefined;
	const value = typeof limit === 'string' && limit.trim() !== '' ? Number(limit) : limit;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new ParameterError(
			`'limit' must be a whole number of at least 1 (got ${JSON.stringify(limit)})`,
			'limit',
		);
	}
	return value;
}

/** A switch parameter: true or false, also as text from an expression. */
export function switchOn(value: unknown, field: string): boolean {
	if (value === undefined || value === null || value === '') return false;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value))
		return value.trim().toLowerCase() === 'true';
	throw new ParameterError(
		`'${field}' must be true or false (got ${JSON.stringify(value)})`,
		field,
	);
}

/** The query string of one list page: properties comma-separated, as HubSpot documents them. */
export function listQuery(page: {
	limit: number;
	after?: string;
	archived: boolean;
	properties: string[];
}): IDataObject {
	const qs: IDataObject = { limit: page.limit, archived: page.archived };
	if (page.after !== undefined) qs.after = page.after;
	if (page.properties.length > 0) qs.properties = page.properties.join(',');
	return qs;
}
