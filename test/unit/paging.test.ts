import type { IDataObject } from 'n8n-workflow';

import {
	PagingError,
	readPage,
	readPages,
	type Page,
	type PageRequest,
} from '../../nodes/HubSpotGoalTargets/transport/paging';

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
