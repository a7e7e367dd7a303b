/**
 * Get Many and Search with HubSpot faked at the HTTP level: the answers the sandbox does not give
 * (outages, 429s, refusals of one search, the 10,000-result cap), and what the node sends.
 */
import type { IDataObject } from 'n8n-workflow';

import { runAgainst, useFakeHubSpot, type Answer, type Received } from '../../testkit/fakeHubSpot';
import { validateContract } from '../../testkit/openapi';
import { errorOf, OUR_NODE_NAME, outputs, pairedIndexes } from '../../testkit/workflowRun';

const fake = useFakeHubSpot();
const received = fake.received;
// Every search body the node sent is what HubSpot takes (the project's schema, and HubSpot's files when present).
afterEach(() => {
	const problems = received
		.filter((request) => request.path.endsWith('/search'))
		.flatMap((request) =>
			validateContract('search-request', request.body).filter((result) => !result.valid),
		)
		.map((result) => `${result.schema}: ${result.errors.join('; ')}`);
	expect(problems).toEqual([]);
});

const record = (n: number): IDataObject => ({
	id: String(30_000_000_000 + n),
	properties: { hs_object_id: String(30_000_000_000 + n), hs_goal_name: `Goal ${n}` },
	createdAt: '2027-01-01T00:00:00.000Z',
	updatedAt: '2027-01-01T00:00:00.000Z',
	archived: false,
});

/** A search answer over `total` matches, paged by `after` (an offset, as HubSpot's search cursor is). */
function searchPage(request: Received, total: number): Answer {
	const offset = Number(request.body?.after ?? 0);
	const limit = Number(request.body?.limit ?? 10);
	if (offset + limit > 10_000)
		return {
			status: 400,
			body: { status: 'error', category: 'VALIDATION_ERROR', message: 'beyond 10,000' },
		};
	const count = Math.max(0, Math.min(limit, total - offset));
	const results = Array.from({ length: count }, (_, i) => record(offset + i));
	const next =
		offset + count < total ? { paging: { next: { after: String(offset + count), link: '' } } } : {};
	return { status: 200, body: { total, results, ...next } };
}

const ok = (body: unknown): Answer => ({ status: 200, body });
const refusal = (status: number, message: string, category = 'VALIDATION_ERROR'): Answer => ({
	status,
	body: { status: 'error', message, category, correlationId: 'c-1' },
});

const filterOn = (propertyName: string, operator: string, value: string) => ({
	groups: [{ filters: { conditions: [{ propertyName, operator, value }] } }],
});

describe('Search against a faked HubSpot', () => {
	it('sends filters, sort, query and properties, and reads every page of 200', async () => {
		fake.respond = (request) => searchPage(request, 450);
		const result = await runAgainst(fake, 'search', {
			returnAll: true,
			filterGroups: filterOn('hs_milestone', 'EQ', 'monthly'),
			query: 'EMEA',
			options: {
				propertiesToReturn: ['hs_goal_name'],
				sortBy: 'hs_target_amount',
				sortDirection: 'ASCENDING',
			},
		});
		const { success, errors } = outputs(result);
		expect(errors).toEqual([]);
		expect(success.map((item) => item.json.id)).toEqual(
			Array.from({ length: 450 }, (_, n) => record(n).id),
		);
		expect(received.map((r) => [r.method, r.path, r.body?.limit, r.body?.after])).toEqual([
			['POST', '/crm/v3/objects/goal_targets/search', 200, undefined],
			['POST', '/crm/v3/objects/goal_targets/search', 200, '200'],
			['POST', '/crm/v3/objects/goal_targets/search', 200, '400'],
		]);
		expect(received[0].body).toEqual({
			filterGroups: [
				{ filters: [{ propertyName: 'hs_milestone', operator: 'EQ', value: 'monthly' }] },
			],
			sorts: [{ propertyName: 'hs_target_amount', direction: 'ASCENDING' }],
			query: 'EMEA',
			properties: ['hs_goal_name'],
			limit: 200,
		});
		expect(result.run.data.resultData.runData[OUR_NODE_NAME][0].hints ?? []).toEqual([]);
	});

	it('searches once per item with its own values, pairing each record with its item', async () => {
		fake.respond = (request) => {
			const key = (request.body?.filterGroups as Array<{ filters: IDataObject[] }>)[0].filters[0]
				.value as string;
			return ok({ total: 2, results: [record(Number(key) * 10), record(Number(key) * 10 + 1)] });
		};
		const result = await runAgainst(
			fake,
			'search',
			{ filterGroups: filterOn('external_goal_key', 'EQ', '={{ $json.key }}') },
			[{ key: '1' }, { key: '2' }, { key: '3' }],
		);
		const { success } = outputs(result);
		expect(success.map((item) => [item.json.id, pairedIndexes([item])[0]])).toEqual([
			[record(10).id, 0],
			[record(11).id, 0],
			[record(20).id, 1],
			[record(21).id, 1],
			[record(30).id, 2],
			[record(31).id, 2],
		]);
	});

	it('puts an item whose search HubSpot refuses on Error, and goes on with the others', async () => {
		fake.respond = (request) => {
			const value = (request.body?.filterGroups as Array<{ filters: IDataObject[] }>)[0].filters[0]
				.value;
			return value === 'bad'
				? refusal(400, 'There was a problem with the request.')
				: ok({ total: 1, results: [record(1)] });
		};
		const result = await runAgainst(
			fake,
			'search',
			{ filterGroups: filterOn('hs_goal_name', 'EQ', '={{ $json.v }}') },
			[{ v: 'a' }, { v: 'bad' }, { v: 'c' }],
		);
		const { success, errors } = outputs(result);
		expect(pairedIndexes(success)).toEqual([0, 2]);
		expect(pairedIndexes(errors)).toEqual([1]);
		expect(errorOf(errors[0])).toMatchObject({
			message: 'There was a problem with the request.',
			httpCode: '400',
			category: 'VALIDATION_ERROR',
		});
		expect(errors[0].json.input).toMatchObject({ filterGroups: [{ filters: [{ value: 'bad' }] }] });
		expect(received).toHaveLength(3);
	});

	it('puts an item whose parameters make no search on Error, naming the item and the field, and sends nothing for it', async () => {
		fake.respond = () => ok({ total: 0, results: [] });
		const result = await runAgainst(
			fake,
			'search',
			{ filterGroups: filterOn('hs_goal_name', 'EQ', '={{ $json.v }}') },
			[{ v: 'a' }, { v: '' }],
		);
		const { errors } = outputs(result);
		expect(pairedIndexes(errors)).toEqual([1]);
		expect(errorOf(errors[0])).toMatchObject({
			message:
				'Item 1: Filter group 1, filter 1 (hs_goal_name EQ): the value is empty (to find records without a value, use the operator Is Unknown)',
			category: 'INVALID_INPUT',
			field: 'filterGroups.groups[0].filters.conditions[0].value',
		});
		expect(received).toHaveLength(1);
	});

	it('retries after an outage and after a 429, and the output is whole', async () => {
		fake.respond = (request, index) => {
			if (index === 0) return refusal(503, 'Service unavailable', 'UNAVAILABLE');
			if (index === 2)
				return {
					...refusal(429, 'You have reached your secondly limit.', 'RATE_LIMITS'),
					headers: { 'retry-after': '1' },
				};
			return searchPage(request, 300);
		};
		const { success, errors } = outputs(await runAgainst(fake, 'search', { returnAll: true }));
		expect(errors).toEqual([]);
		expect(success).toHaveLength(300);
		expect(received.map((r) => r.body?.after)).toEqual([undefined, undefined, '200', '200']);
	});

	it('sends at most 5 search requests in any second', async () => {
		fake.respond = (request) => searchPage(request, 600);
		// Three pages of 200 for each of four items: 12 requests.
		const { success } = outputs(
			await runAgainst(fake, 'search', { returnAll: true }, [{}, {}, {}, {}]),
		);
		expect(success).toHaveLength(2400);
		expect(received).toHaveLength(12);
		for (let i = 0; i + 5 < received.length; i++)
			expect(received[i + 5].at - received[i].at).toBeGreaterThanOrEqual(995);
	});

	it('stops at 10,000 results and says so on the output', async () => {
		fake.respond = (request) => searchPage(request, 25_000);
		const result = await runAgainst(fake, 'search', { returnAll: true });
		const { success, errors } = outputs(result);
		expect(errors).toEqual([]);
		expect(success).toHaveLength(10_000);
		expect(received).toHaveLength(50);
		const hints = result.run.data.resultData.runData[OUR_NODE_NAME][0].hints ?? [];
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatchObject({ type: 'warning', location: 'outputPane' });
		expect(hints[0].message).toContain(
			'The search of item 0 (25,000 matches) matched more goal targets than HubSpot serves for one search',
		);
		expect(
			result.logger.entries.some((m) => m.level === 'warn' && m.message.includes('25,000 matches')),
		).toBe(true);
	}, 120_000);

	it('stops the node when the token is refused; continuing on error, every item goes to Error', async () => {
		fake.respond = () =>
			refusal(401, 'Authentication credentials not found.', 'INVALID_AUTHENTICATION');
		const stopped = await runAgainst(fake, 'search', {}, [{}, {}]);
		expect(stopped.errorOf(OUR_NODE_NAME)?.message).toBe('Authentication credentials not found.');
		// The first item's request, sent again once by n8n's request helper after the 401; none for the second.
		expect(received).toHaveLength(2);

		received.length = 0;
		const continued = await runAgainst(fake, 'search', {}, [{}, {}, {}], {
			onError: 'continueRegularOutput',
		});
		const { success, errors } = outputs(continued);
		expect(success).toEqual([]);
		expect(errors.map((item) => errorOf(item).message)).toEqual([
			'Authentication credentials not found.',
			'Not sent: Authentication credentials not found.',
			'Not sent: Authentication credentials not found.',
		]);
		expect(received).toHaveLength(2);
	});
});

describe('Get Many against a faked HubSpot', () => {
	const listPage = (request: Received, total: number): Answer => {
		const offset = Number(request.query.get('after') ?? 0);
		const limit = Number(request.query.get('limit'));
		const results = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
			record(offset + i),
		);
		const next =
			offset + limit < total
				? { paging: { next: { after: String(offset + limit), link: '' } } }
				: {};
		return {
			status: 200,
			body: { results, ...next },
			headers: {
				'x-hubspot-ratelimit-max': '190',
				'x-hubspot-ratelimit-remaining': '180',
				'x-hubspot-ratelimit-interval-milliseconds': '10000',
			},
		};
	};

	it('sends limit, after, archived and the properties comma-separated', async () => {
		fake.respond = (request) => listPage(request, 150);
		const { success } = outputs(
			await runAgainst(fake, 'getAll', {
				returnAll: true,
				options: { archived: true, propertiesToReturn: ['hs_goal_name', 'hs_milestone'] },
			}),
		);
		expect(success).toHaveLength(150);
		expect(received.map((r) => `${r.method} ${r.path}?${r.query.toString()}`)).toEqual([
			'GET /crm/v3/objects/goal_targets?limit=100&archived=true&properties=hs_goal_name%2Chs_milestone',
			'GET /crm/v3/objects/goal_targets?limit=100&archived=true&after=100&properties=hs_goal_name%2Chs_milestone',
		]);
	});

	it('retries a page after an outage', async () => {
		fake.respond = (request, index) =>
			index === 1 ? refusal(502, 'Bad gateway', 'UNAVAILABLE') : listPage(request, 250);
		const { success, errors } = outputs(await runAgainst(fake, 'getAll', { returnAll: true }));
		expect(errors).toEqual([]);
		expect(success).toHaveLength(250);
		expect(received.map((r) => r.query.get('after'))).toEqual([null, '100', '100', '200']);
	});

	it('stops the node when a page is refused, saying how far it got', async () => {
		fake.respond = (request, index) =>
			index === 1 ? refusal(400, 'Invalid paging cursor') : listPage(request, 250);
		const result = await runAgainst(fake, 'getAll', { returnAll: true });
		expect(result.errorOf(OUR_NODE_NAME)?.message).toBe(
			'Invalid paging cursor (stopped after 100 records on 1 pages)',
		);
	});
});
