import type { IDataObject } from 'n8n-workflow';

import {
	MAX_EMPTY_PAGES_IN_A_ROW,
	PagingError,
	READ_ALL_MAX_RECORDS,
	readPage,
	readPages,
	type Page,
	type PageRequest,
} from '../../../nodes/HubSpotGoalTargets/transport/paging';

/** A collection of `count` records served page by page as HubSpot does, cursor = index of the next record. */
function collection(
	count: number,
	options: { maxPage?: number; total?: boolean; cap?: number } = {},
) {
	const requests: PageRequest[] = [];
	const fetchPage = async (request: PageRequest): Promise<Page> => {
		requests.push(request);
		const start = request.after === undefined ? 0 : Number(request.after);
		if (options.cap !== undefined && start + request.limit > options.cap)
			throw new Error(`asked beyond the cap: ${start}+${request.limit}`);
		const size = Math.min(request.limit, options.maxPage ?? Infinity);
		const results: IDataObject[] = [];
		for (let i = start; i < Math.min(count, start + size); i++) results.push({ id: String(i + 1) });
		const page: Page = { results };
		if (start + size < count) page.after = String(start + size);
		if (options.total) page.total = count;
		return page;
	};
	return { fetchPage, requests };
}

describe('readPage', () => {
	it('reads results, the next cursor and the total', () => {
		expect(
			readPage({
				results: [{ id: '1' }],
				paging: { next: { after: '1', link: '?after=1' } },
				total: 7,
			}),
		).toEqual({
			results: [{ id: '1' }],
			after: '1',
			total: 7,
		});
	});

	it('has no cursor on the last page', () => {
		expect(readPage({ results: [] })).toEqual({ results: [] });
		expect(readPage({ results: [{ id: '1' }], paging: { next: { after: '' } } })).toEqual({
			results: [{ id: '1' }],
		});
	});

	it('refuses an answer that is not a page', () => {
		expect(() => readPage({ status: 'error' })).toThrow(
			'HubSpot answered without a list of results',
		);
		expect(() => readPage('<html>')).toThrow('without a list of results');
	});
});

describe('readPages', () => {
	it('reads every page when no limit is given, each request asking for a full page', async () => {
		const { fetchPage, requests } = collection(250);
		const paged = await readPages(fetchPage, { pageSize: 100 });
		expect(paged.records.map((r) => r.id)).toEqual(
			Array.from({ length: 250 }, (_, i) => String(i + 1)),
		);
		expect(paged.pages).toBe(3);
		expect(requests).toEqual([
			{ after: undefined, limit: 100 },
			{ after: '100', limit: 100 },
			{ after: '200', limit: 100 },
		]);
		expect(paged.capped).toBe(false);
	});

	it('asks only for what is still wanted and stops at the limit', async () => {
		const { fetchPage, requests } = collection(1000);
		const paged = await readPages(fetchPage, { pageSize: 100, limit: 150 });
		expect(paged.records).toHaveLength(150);
		expect(requests.map((r) => r.limit)).toEqual([100, 50]);
	});

	it('follows the cursor when HubSpot serves smaller pages than asked', async () => {
		const { fetchPage } = collection(95, { maxPage: 10 });
		const paged = await readPages(fetchPage, { pageSize: 100, limit: 50 });
		expect(paged.records).toHaveLength(50);
		expect(paged.pages).toBe(5);
	});

	it('reads nothing more than one page for an empty collection', async () => {
		const { fetchPage, requests } = collection(0);
		expect(await readPages(fetchPage, { pageSize: 100 })).toEqual({
			records: [],
			pages: 1,
			total: undefined,
			capped: false,
		});
		expect(requests).toHaveLength(1);
	});

	it('stops at the cap, never asks beyond it, and says the result was cut', async () => {
		const { fetchPage, requests } = collection(10_450, { total: true, cap: 10_000 });
		const paged = await readPages(fetchPage, { pageSize: 200, cap: 10_000 });
		expect(paged.records).toHaveLength(10_000);
		expect(paged.pages).toBe(50);
		expect(paged.total).toBe(10_450);
		expect(paged.capped).toBe(true);
		expect(requests.at(-1)).toEqual({ after: '9800', limit: 200 });
	});

	it('is not capped when exactly the cap matched, or when the limit stayed under it', async () => {
		const exact = collection(10_000, { total: true, cap: 10_000 });
		expect((await readPages(exact.fetchPage, { pageSize: 200, cap: 10_000 })).capped).toBe(false);
		const limited = collection(20_000, { total: true, cap: 10_000 });
		const paged = await readPages(limited.fetchPage, { pageSize: 200, cap: 10_000, limit: 10_000 });
		expect(paged.records).toHaveLength(10_000);
		expect(paged.capped).toBe(false);
	});

	it('stops with an error when HubSpot repeats a cursor instead of looping', async () => {
		let calls = 0;
		const fetchPage = async (): Promise<Page> => {
			calls++;
			return { results: [{ id: String(calls) }], after: 'same' };
		};
		await expect(readPages(fetchPage, { pageSize: 100 })).rejects.toThrow(
			'HubSpot answered the paging cursor "same" twice',
		);
		expect(calls).toBe(2);
	});

	it('ends with the reason of a failed page request and the records read before it', async () => {
		const reason = new Error('page 2 failed');
		const fetchPage = async (request: PageRequest): Promise<Page> => {
			if (request.after) throw reason;
			return { results: [{ id: '1' }], after: '1' };
		};
		const error = await readPages(fetchPage, { pageSize: 1 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PagingError);
		expect(error).toMatchObject({
			message: 'page 2 failed',
			reason,
			recordsRead: [{ id: '1' }],
			pagesRead: 1,
		});
	});

	it('refuses a page size that is not a positive whole number', async () => {
		await expect(readPages(collection(1).fetchPage, { pageSize: 0 })).rejects.toThrow('page size');
	});
});

/**
 * A server's pages as a function of the request number (0-based); counts the requests. Past 100
 * requests it fails, so that a read that does not stop by itself ends with another error.
 */
function pagesOf(page: (index: number, request: PageRequest) => Page) {
	const requests: PageRequest[] = [];
	const fetchPage = async (request: PageRequest): Promise<Page> => {
		requests.push(request);
		if (requests.length > 100) throw new Error('fake: the read did not stop');
		return page(requests.length - 1, request);
	};
	return { fetchPage, requests };
}

async function pagingError(read: Promise<unknown>): Promise<PagingError> {
	const error = await read.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(PagingError);
	return error as PagingError;
}

describe('readPages always ends', () => {
	const emptyForever = (index: number): Page => ({ results: [], after: `c${index + 1}` });

	it.each([
		['a limit', { limit: 10 }],
		['no limit (Return All)', {}],
		['a cap (Search)', { cap: 10_000 }],
	])(
		'with %s, stops when 3 pages in a row bring no records but a new cursor',
		async (_, limits) => {
			const { fetchPage, requests } = pagesOf(emptyForever);
			const error = await pagingError(readPages(fetchPage, { pageSize: 100, ...limits }));
			expect(error.message).toBe(
				'HubSpot sent 3 pages in a row with no records but a new cursor; stopped reading',
			);
			expect(requests).toHaveLength(MAX_EMPTY_PAGES_IN_A_ROW);
			expect(error).toMatchObject({ recordsRead: [], pagesRead: 3 });
		},
	);

	it('goes on past fewer empty pages in a row, and keeps the records read before the stop', async () => {
		// Two empty pages, one record, two empty, one record, then empty pages.
		const { fetchPage } = pagesOf((index) => ({
			results: index === 2 || index === 5 ? [{ id: String(index) }] : [],
			after: `c${index + 1}`,
		}));
		const error = await pagingError(readPages(fetchPage, { pageSize: 100 }));
		expect(error).toMatchObject({ recordsRead: [{ id: '2' }, { id: '5' }], pagesRead: 9 });
		expect(error.message).toContain('3 pages in a row with no records');
	});

	it('stops when short pages need more than twice the pages full ones would (plus the empty allowance)', async () => {
		const { fetchPage, requests } = pagesOf((index) => ({
			results: [{ id: String(index) }],
			after: `c${index + 1}`,
		}));
		const error = await pagingError(readPages(fetchPage, { pageSize: 100, limit: 10 }));
		// 10 records fit on 1 page: at most 2 × 1 + 3 pages.
		expect(requests).toHaveLength(5);
		expect(error.message).toBe(
			'HubSpot sent 5 pages with 5 records in all, where 1 full pages would hold the 10 wanted; stopped reading',
		);
		expect(error.recordsRead).toHaveLength(5);
	});

	it('bounds a read without a limit by the pages its record bound needs', async () => {
		const { fetchPage, requests } = pagesOf((index) => ({
			results: [{ id: String(index) }],
			after: `c${index + 1}`,
		}));
		const error = await pagingError(readPages(fetchPage, { pageSize: 10, maxRecords: 50 }));
		// 51 records (the bound and one more) on pages of 10: at most 2 × 6 + 3 pages.
		expect(requests).toHaveLength(15);
		expect(error.message).toContain('HubSpot sent 15 pages with 15 records in all');
	});

	it('reads exactly the bound of records, asking one more to see that there is none', async () => {
		const { fetchPage, requests } = collection(50);
		const paged = await readPages(fetchPage, { pageSize: 20, maxRecords: 50 });
		expect(paged.records).toHaveLength(50);
		expect(requests.map((r) => r.limit)).toEqual([20, 20, 11]);
	});

	it('stops with an error when more records than the bound are there, keeping the bound read', async () => {
		const { fetchPage } = collection(51);
		const error = await pagingError(readPages(fetchPage, { pageSize: 20, maxRecords: 50 }));
		expect(error.message).toBe(
			'There are more than 50 records to read, the most one read takes; stopped reading',
		);
		expect(error.recordsRead).toHaveLength(50);
	});

	it('bounds Return All at 100,000 records unless told otherwise', async () => {
		expect(READ_ALL_MAX_RECORDS).toBe(100_000);
		// Two pages of 100,000, the last one without a cursor.
		const { fetchPage, requests } = pagesOf((index) => ({
			results: Array.from({ length: 100_000 }, (_, i) => ({ id: String(i) })),
			...(index === 0 ? { after: 'c1' } : {}),
		}));
		const error = await pagingError(readPages(fetchPage, { pageSize: 100 }));
		expect(error.message).toContain('There are more than 100,000 records to read');
		expect(requests).toHaveLength(2);
	});

	it('reads a page of 150,000 records (more than a spread of arguments takes)', async () => {
		const { fetchPage } = pagesOf(() => ({
			results: Array.from({ length: 150_000 }, (_, i) => ({ id: String(i + 1) })),
		}));
		const paged = await readPages(fetchPage, { pageSize: 100, maxRecords: 200_000 });
		expect(paged.records).toHaveLength(150_000);
		expect(paged.records.at(-1)).toEqual({ id: '150000' });
	});
});
