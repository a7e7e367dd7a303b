import { MAX_SEARCH_RESULTS } from './searchLimits';

/** A search that matched more goal targets than HubSpot serves for one query. */
export interface CappedSearch {
	itemIndex: number;
	/** How many matched, as HubSpot counted them. */
	total?: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The note shown on the output when searches hit HubSpot's 10,000-result cap: which items, how
 * many matched, that the rest was not read, and how to read it.
 */
export function cappedSearchNote(capped: CappedSearch[]): string {
	const which = capped
		.map(({ itemIndex, total }) =>
			total !== undefined ? `item ${itemIndex} (${count(total)} matches)` : `item ${itemIndex}`,
		)
		.join(', ');
	const searches = capped.length === 1 ? 'The search of' : 'The searches of';
	return (
		`${searches} ${which} matched more goal targets than HubSpot serves for one search: ` +
		`only the first ${count(MAX_SEARCH_RESULTS)} of each are output. To read the rest, narrow the filters ` +
		'(e.g. by date ranges), or sort by Record ID (hs_object_id) ascending and search again with a filter ' +
		'"hs_object_id Greater Than" the last ID read.'
	);
}
