import type { IDataObject } from 'n8n-workflow';

/** HubSpot's most records per list request (GET .../goal_targets): more is a 400. */
export const LIST_PAGE_SIZE = 100;

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
