import type { IDataObject } from 'n8n-workflow';

import { readSwitch, readWholeNumber } from '../../../helpers/options';
import { READ_ALL_MAX_RECORDS } from '../../../transport/paging';
import { checkedValue } from '../common/parameterError';

/** HubSpot's most records per list request (GET .../goal_targets): more is a 400. */
export const LIST_PAGE_SIZE = 100;

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
