import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../helpers/objects';

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
	/** The most records a read takes when more are wanted (Return All); READ_ALL_MAX_RECORDS unless given. */
	maxRecords?: number;
}

/**
 * The most records one read takes (Get Many's Return All). Every record is held in n8n's memory as an
 * item (100,000 goal targets with 11 properties: 53 MB of JSON, 67 MB of heap as items, before n8n
 * copies and stores them) and costs 1,000 list requests of 100 (a minute or two of the app's rate
 * limit, 0.4% of the smallest daily quota). More is not read in part as if it were all: the read
 * stops with an error.
 */
export const READ_ALL_MAX_RECORDS = 100_000;

/** Pages in a row with no record but a next cursor after which a read stops: HubSpot fills each page but the last. */
export const MAX_EMPTY_PAGES_IN_A_ROW = 3;

/**
 * The most pages a read of `wanted` records may take: twice what full pages would need, as slack
 * for short pages, plus the empty pages allowed in a row. A read that needs more is not moving.
 */
export function pageBudget(wanted: number, pageSize: number): number {
	return 2 * Math.ceil(wanted / pageSize) + MAX_EMPTY_PAGES_IN_A_ROW;
}

export interface Paged {
	records: IDataObject[];
	pages: number;
	/** The last `total` HubSpot reported (search only). */
	total?: number;
	/** More records matched than the endpoint's cap lets anyone read: the result is cut at `cap`. */
	capped: boolean;
}

/** A read stopped (a page request failed, or the pages stopped making progress): what was read before stays available, with the reason. */
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

/** `count` records of `from` added at the end of `to`, one by one: a spread of 150,000 overflows the stack. */
function append(to: IDataObject[], from: IDataObject[], count: number): void {
	for (let i = 0; i < Math.min(count, from.length); i++) to.push(from[i]);
}

const counted = (n: number) => n.toLocaleString('en-US');

/**
 * Follows `after` cursors from page to page until `limit` records are read, the last page is
 * reached or the endpoint's `cap` stops it. Each request asks only for what is still wanted, so
 * the last page does not read records that would be dropped, and a capped endpoint is never asked
 * for a page beyond its cap (HubSpot search answers 400 there). A read always ends: it stops with
 * a PagingError (carrying the records read before) when a page request fails, a cursor comes back,
 * MAX_EMPTY_PAGES_IN_A_ROW pages in a row bring no record, the pages exceed `pageBudget`, or more
 * than `maxRecords` records are there to read.
 */
export async function readPages(
	fetchPage: (request: PageRequest) => Promise<Page>,
	options: PagingOptions,
): Promise<Paged> {
	const { pageSize, cap } = options;
	if (!Number.isInteger(pageSize) || pageSize < 1)
		throw new Error(`The page size must be a whole number of at least 1 (got ${pageSize})`);
	const maxRecords = options.maxRecords ?? READ_ALL_MAX_RECORDS;
	const asked = Math.min(options.limit ?? Infinity, cap ?? Infinity);
	// Past the bound one record more is read: it tells exactly `maxRecords` from more than that.
	const bounded = asked > maxRecords;
	const wanted = bounded ? maxRecords + 1 : asked;
	const maxPages = pageBudget(wanted, pageSize);
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let after: string | undefined;
	let pages = 0;
	let emptyInARow = 0;
	let total: number | undefined;
	let more = false;
	const stop = (message: string) => new PagingError(new Error(message), records, pages);
	while (records.length < wanted) {
		if (pages >= maxPages) {
			throw stop(
				`HubSpot sent ${counted(pages)} pages with ${counted(records.length)} records in all, where ${counted(Math.ceil(wanted / pageSize))} full pages would hold the ${counted(wanted)} wanted; stopped reading`,
			);
		}
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
		append(records, page.results, wanted - records.length);
		more = page.after !== undefined;
		if (!more) break;
		// A cursor seen before would loop forever: HubSpot's paging went wrong, say so instead.
		if (seen.has(page.after!)) {
			throw stop(`HubSpot answered the paging cursor "${page.after}" twice; stopped reading pages`);
		}
		seen.add(page.after!);
		after = page.after;
		emptyInARow = page.results.length === 0 ? emptyInARow + 1 : 0;
		if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
			throw stop(
				`HubSpot sent ${MAX_EMPTY_PAGES_IN_A_ROW} pages in a row with no records but a new cursor; stopped reading`,
			);
		}
	}
	if (bounded && records.length > maxRecords) {
		records.length = maxRecords;
		throw stop(
			`There are more than ${counted(maxRecords)} records to read, the most one read takes; stopped reading`,
		);
	}
	const wantedBeyondCap = cap !== undefined && (options.limit === undefined || options.limit > cap);
	const capped =
		wantedBeyondCap && records.length >= cap && (more || (total ?? 0) > records.length);
	return { records, pages, total, capped };
}
