import type { IDataObject } from 'n8n-workflow';

/** One page of a HubSpot collection answer (list: `results`, `paging.next.after`; search adds `total`). */
export interface Page {
	results: IDataObject[];
	/** The cursor of the next page; undefined on the last page. */
	after?: string;
	/** Search only: how many records match the query, beyond what it will serve. */
	total?: number;
}

/** What one page request asks for. */
export interface PageRequest {
	after?: string;
	limit: number;
}

export interface PagingOptions {
	/** Records wanted; undefined means every record there is. */
	limit?: number;
	/** The most records one request may ask for (HubSpot: 100 for list, 200 for search). */
	pageSize: number;
	/** The most records the endpoint serves for one query (search: 10,000); undefined means no cap. */
	cap?: number;
}

export interface Paged {
	records: IDataObject[];
	pages: number;
	/** The last `total` HubSpot reported (search only). */
	total?: number;
	/** More records matched than the endpoint's cap lets anyone read: the result is cut at `cap`. */
	capped: boolean;
}

/** A page request failed: what was read before it stays available, with the reason. */
export class PagingError extends Error {
	constructor(
		readonly reason: unknown,
		readonly recordsRead: IDataObject[],
		readonly pagesRead: number,
	) {
		super(reason instanceof Error ? reason.message : String(reason));
		this.name = 'PagingError';
	}
}

function asObject(value: unknown): IDataObject | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/**
 * Reads a HubSpot collection answer (`CollectionResponse...`): its records, the next cursor and,
 * for search, the total. An answer without a `results` list is not a page: that is an error.
 */
export function readPage(body: unknown): Page {
	const root = asObject(body);
	if (!root || !Array.isArray(root.results)) {
		throw new Error('HubSpot answered without a list of results');
	}
	const results = root.results.filter(
		(entry): entry is IDataObject => asObject(entry) !== undefined,
	);
	const next = asObject(asObject(root.paging)?.next)?.after;
	const page: Page = { results };
	if (typeof next === 'string' && next !== '') page.after = next;
	else if (typeof next === 'number') page.after = String(next);
	if (typeof root.total === 'number' && Number.isFinite(root.total)) page.total = root.total;
	return page;
}

/**
 * Follows `after` cursors from page to page until `limit` records are read, the last page is
 * reached or the endpoint's `cap` stops it. Each request asks only for what is still wanted, so
 * the last page does not read records that would be dropped, and a capped endpoint is never asked
 * for a page beyond its cap (HubSpot search answers 400 there). A failed page request ends it with
 * a PagingError that carries the records read before.
 */
export async function readPages(
	fetchPage: (request: PageRequest) => Promise<Page>,
	options: PagingOptions,
): Promise<Paged> {
	const { pageSize, cap } = options;
	if (!Number.isInteger(pageSize) || pageSize < 1)
		throw new Error(`The page size must be a whole number of at least 1 (got ${pageSize})`);
	const wanted = Math.min(options.limit ?? Infinity, cap ?? Infinity);
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let after: string | undefined;
	let pages = 0;
	let total: number | undefined;
	let more = false;
	while (records.length < wanted) {
		const fetched = await fetchPage({
			after,
			limit: Math.min(pageSize, wanted - records.length),
		}).then(
			(page) => ({ page }),
			(error: unknown) => ({ error }),
		);
		if ('error' in fetched) throw new PagingError(fetched.error, records, pages);
		const { page } = fetched;
		pages++;
		if (page.total !== undefined) total = page.total;
		records.push(...page.results.slice(0, wanted - records.length));
		more = page.after !== undefined;
		if (!more) break;
		// A cursor seen before would loop forever: HubSpot's paging went wrong, say so instead.
		if (seen.has(page.after!)) {
			throw new PagingError(
				new Error(
					`HubSpot answered the paging cursor "${page.after}" twice; stopped reading pages`,
				),
				records,
				pages,
			);
		}
		seen.add(page.after!);
		after = page.after;
	}
	const wantedBeyondCap = cap !== undefined && (options.limit === undefined || options.limit > cap);
	const capped =
		wantedBeyondCap && records.length >= cap && (more || (total ?? 0) > records.length);
	return { records, pages, total, capped };
}
