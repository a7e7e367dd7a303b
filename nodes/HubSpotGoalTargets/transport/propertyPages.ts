import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../helpers/objects';
import { asProperties, type HubSpotProperty } from '../helpers/propertySchema';

/** A portal has hundreds of properties at most: more pages than this is a paging gone wrong. */
const MAX_PROPERTY_PAGES = 50;

/**
 * Every goal target property of the account, page by page (`paging.next.after`), each page through
 * `fetchPage` (its query string given): the editor's request, or a run's paced and retried one.
 */
export async function readPropertyPages(
	fetchPage: (qs: IDataObject) => Promise<unknown>,
	pageSize = 100,
): Promise<HubSpotProperty[]> {
	const properties: HubSpotProperty[] = [];
	let after: string | undefined;
	for (let page = 0; page < MAX_PROPERTY_PAGES; page++) {
		const qs: IDataObject = { archived: false, limit: pageSize };
		if (after) qs.after = after;
		const body = asObject(await fetchPage(qs));
		properties.push(...asProperties(body?.results));
		const next = asObject(asObject(body?.paging)?.next)?.after;
		if (typeof next !== 'string' || next === '' || next === after) break;
		after = next;
	}
	return properties;
}
