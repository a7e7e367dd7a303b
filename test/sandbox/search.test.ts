import { startSandbox } from '../../sandbox';
import { PublicObjectLike, VERSIONS, Version, call, objectsPath } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

interface SearchAnswer {
	total: number;
	results: PublicObjectLike[];
	paging?: { next: { after: string } };
}

const sb = useSandbox({ searchRateLimit: false }, { reset: false });
beforeAll(async () => {
	const rows: Array<Record<string, string>> = [
		{
			hs_goal_name: 'Q1 revenue EMEA',
			hs_target_amount: '1000',
			hs_milestone: 'monthly',
			hs_start_datetime: '2026-01-01T00:00:00.000Z',
			external_goal_key: 'k-1',
		},
		{
			hs_goal_name: 'Q1 revenue AMER',
			hs_target_amount: '2500',
			hs_milestone: 'quarterly',
			hs_start_datetime: '2026-01-01T00:00:00.000Z',
			external_goal_key: 'k-2',
		},
		{
			hs_goal_name: 'Calls made',
			hs_target_amount: '40',
			hs_milestone: 'monthly',
			hs_start_datetime: '2026-02-01T00:00:00.000Z',
			goal_is_stretch: 'true',
		},
		{
			hs_goal_name: 'Meetings booked',
			hs_target_amount: '300',
			hs_milestone: 'annually',
			hs_start_datetime: '2026-03-01T00:00:00.000Z',
		},
		{ hs_goal_name: 'Archived revenue', hs_target_amount: '5', hs_milestone: 'monthly' },
	];
	for (const r of rows) sb.store.create(r);
	const archived = sb.store.list().find((r) => r.properties.hs_goal_name === 'Archived revenue');
	sb.store.archive(archived?.id as string);
});

const search = (body: unknown, version: Version = 'v3') =>
	call<SearchAnswer & { category?: string; message?: string }>(
		sb,
		'POST',
		objectsPath(version, '/search'),
		{ body },
	);
const names = (res: { body: SearchAnswer }) =>
	res.body.results.map((r) => r.properties.hs_goal_name);
const eq = (propertyName: string, value: string) => ({ propertyName, operator: 'EQ', value });

describe.each(VERSIONS)('POST search on %s', (version) => {
	test('no filters: every live record, total, default properties only, no rate-limit headers', async () => {
		const res = await search({}, version);
		expect(res.status).toBe(200);
		expect(res.body.total).toBe(4);
		expect(Object.keys(res.body.results[0].properties).sort()).toEqual([
			'hs_createdate',
			'hs_lastmodifieddate',
			'hs_object_id',
		]);
		for (const h of [
			'x-hubspot-ratelimit-max',
			'x-hubspot-ratelimit-remaining',
			'x-hubspot-ratelimit-daily',
			'x-hubspot-ratelimit-interval-milliseconds',
		]) {
			expect(res.headers.get(h)).toBeNull();
		}
	});

	test('filterGroups are OR of ANDs', async () => {
		const res = await search(
			{
				filterGroups: [
					{
						filters: [
							eq('hs_milestone', 'monthly'),
							{ propertyName: 'hs_target_amount', operator: 'GT', value: '100' },
						],
					},
					{ filters: [eq('goal_is_stretch', 'true')] },
				],
				properties: ['hs_goal_name'],
			},
			version,
		);
		expect(names(res).sort()).toEqual(['Calls made', 'Q1 revenue EMEA']);
	});
});

describe('operators', () => {
	const cases: Array<[string, Record<string, unknown>, string[]]> = [
		['EQ is case-insensitive on text', eq('hs_goal_name', 'calls MADE'), ['Calls made']],
		[
			'NEQ (unset values match)',
			{ propertyName: 'goal_is_stretch', operator: 'NEQ', value: 'true' },
			['Meetings booked', 'Q1 revenue AMER', 'Q1 revenue EMEA'],
		],
		[
			'LT on numbers is numeric',
			{ propertyName: 'hs_target_amount', operator: 'LT', value: '300' },
			['Calls made'],
		],
		[
			'LTE',
			{ propertyName: 'hs_target_amount', operator: 'LTE', value: '300' },
			['Calls made', 'Meetings booked'],
		],
		[
			'GT',
			{ propertyName: 'hs_target_amount', operator: 'GT', value: '1000' },
			['Q1 revenue AMER'],
		],
		[
			'GTE',
			{ propertyName: 'hs_target_amount', operator: 'GTE', value: '1000' },
			['Q1 revenue AMER', 'Q1 revenue EMEA'],
		],
		[
			'BETWEEN is inclusive',
			{ propertyName: 'hs_target_amount', operator: 'BETWEEN', value: '40', highValue: '1000' },
			['Calls made', 'Meetings booked', 'Q1 revenue EMEA'],
		],
		[
			'BETWEEN on datetimes takes epoch ms',
			{
				propertyName: 'hs_start_datetime',
				operator: 'BETWEEN',
				value: String(Date.UTC(2026, 1, 1)),
				highValue: '2026-03-01T00:00:00Z',
			},
			['Calls made', 'Meetings booked'],
		],
		[
			'IN',
			{ propertyName: 'hs_milestone', operator: 'IN', values: ['quarterly', 'annually'] },
			['Meetings booked', 'Q1 revenue AMER'],
		],
		[
			'NOT_IN',
			{ propertyName: 'hs_milestone', operator: 'NOT_IN', values: ['monthly'] },
			['Meetings booked', 'Q1 revenue AMER'],
		],
		[
			'HAS_PROPERTY',
			{ propertyName: 'external_goal_key', operator: 'HAS_PROPERTY' },
			['Q1 revenue AMER', 'Q1 revenue EMEA'],
		],
		[
			'NOT_HAS_PROPERTY',
			{ propertyName: 'external_goal_key', operator: 'NOT_HAS_PROPERTY' },
			['Calls made', 'Meetings booked'],
		],
		[
			'CONTAINS_TOKEN',
			{ propertyName: 'hs_goal_name', operator: 'CONTAINS_TOKEN', value: 'revenue' },
			['Q1 revenue AMER', 'Q1 revenue EMEA'],
		],
		[
			'CONTAINS_TOKEN with a wildcard',
			{ propertyName: 'hs_goal_name', operator: 'CONTAINS_TOKEN', value: 'meet*' },
			['Meetings booked'],
		],
		[
			'NOT_CONTAINS_TOKEN',
			{ propertyName: 'hs_goal_name', operator: 'NOT_CONTAINS_TOKEN', value: 'revenue' },
			['Calls made', 'Meetings booked'],
		],
	];
	test.each(cases)('%s', async (_name, filter, expected) => {
		const res = await search({
			filterGroups: [{ filters: [filter] }],
			properties: ['hs_goal_name'],
		});
		expect(res.status).toBe(200);
		expect(names(res).sort()).toEqual(expected);
		expect(res.body.total).toBe(expected.length);
	});
});

describe('query, sorts, properties', () => {
	test('query matches word prefixes of text properties, every word', async () => {
		expect(names(await search({ query: 'rev', properties: ['hs_goal_name'] })).sort()).toEqual([
			'Q1 revenue AMER',
			'Q1 revenue EMEA',
		]);
		expect(names(await search({ query: 'revenue emea', properties: ['hs_goal_name'] }))).toEqual([
			'Q1 revenue EMEA',
		]);
		expect((await search({ query: 'nothing-like-this' })).body.total).toBe(0);
	});

	test('sorts: object form and "-name" form, numeric order, default id order', async () => {
		const asc = await search({
			sorts: [{ propertyName: 'hs_target_amount', direction: 'ASCENDING' }],
			properties: ['hs_goal_name'],
		});
		expect(names(asc)).toEqual([
			'Calls made',
			'Meetings booked',
			'Q1 revenue EMEA',
			'Q1 revenue AMER',
		]);
		const desc = await search({ sorts: ['-hs_target_amount'], properties: ['hs_goal_name'] });
		expect(names(desc)).toEqual([
			'Q1 revenue AMER',
			'Q1 revenue EMEA',
			'Meetings booked',
			'Calls made',
		]);
		const byId = await search({});
		const ids = byId.body.results.map((r) => Number(r.id));
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
	});

	test('archived records are never found', async () => {
		expect((await search({ query: 'archived' })).body.total).toBe(0);
	});

	test('bad requests are 400 VALIDATION_ERROR', async () => {
		const bad: unknown[] = [
			{ limit: 201 },
			{ limit: 0 },
			{ after: 'abc' },
			{ filterGroups: [{ filters: [eq('nope', '1')] }] },
			{
				filterGroups: [
					{ filters: [{ propertyName: 'hs_goal_name', operator: 'LIKE', value: 'x' }] },
				],
			},
			{ filterGroups: [{ filters: [{ propertyName: 'hs_goal_name', operator: 'EQ' }] }] },
			{
				filterGroups: [{ filters: [{ propertyName: 'hs_milestone', operator: 'IN', values: [] }] }],
			},
			{
				filterGroups: [
					{ filters: [{ propertyName: 'hs_target_amount', operator: 'BETWEEN', value: '1' }] },
				],
			},
			{
				filterGroups: [
					{ filters: [{ propertyName: 'hs_target_amount', operator: 'GT', value: 'many' }] },
				],
			},
			{
				filterGroups: Array.from({ length: 6 }, () => ({
					filters: [eq('hs_milestone', 'monthly')],
				})),
			},
			{
				filterGroups: [{ filters: Array.from({ length: 7 }, () => eq('hs_milestone', 'monthly')) }],
			},
			{
				filterGroups: Array.from({ length: 4 }, () => ({
					filters: Array.from({ length: 5 }, () => eq('hs_milestone', 'monthly')),
				})),
			},
			{ sorts: [{ propertyName: 'nope' }] },
			{ query: 'x'.repeat(3001) },
		];
		for (const body of bad) {
			const res = await search(body);
			expect([res.status, JSON.stringify(body).slice(0, 80)]).toEqual([
				400,
				JSON.stringify(body).slice(0, 80),
			]);
			expect(res.body.category).toBe('VALIDATION_ERROR');
		}
	});
});

describe('paging and the 10,000-result cap', () => {
	const big = useSandbox({ searchRateLimit: false, rateLimit: false }, { reset: false });
	beforeAll(async () => {
		for (let i = 0; i < 10_050; i++)
			big.store.create({ hs_goal_name: `Goal ${i}`, hs_target_amount: String(i) });
	});
	const bigSearch = (body: unknown) =>
		call<SearchAnswer & { category?: string; message?: string }>(
			big,
			'POST',
			objectsPath('2026-03', '/search'),
			{ body },
		);

	test('limit/after page through every match once, in order', async () => {
		const seen: string[] = [];
		let after: string | undefined;
		do {
			const res = await bigSearch({
				filterGroups: [
					{ filters: [{ propertyName: 'hs_target_amount', operator: 'LT', value: '450' }] },
				],
				limit: 200,
				after,
			});
			expect(res.status).toBe(200);
			expect(res.body.total).toBe(450);
			seen.push(...res.body.results.map((r) => r.id));
			after = res.body.paging?.next.after;
		} while (after);
		expect(seen).toHaveLength(450);
		expect(new Set(seen).size).toBe(450);
	});

	test('total counts every match; paging stops at 10,000; asking beyond is a 400', async () => {
		const near = await bigSearch({ limit: 200, after: '9900' });
		expect(near.status).toBe(200);
		expect(near.body.total).toBe(10_050);
		expect(near.body.results).toHaveLength(100); // the page is cut at 10,000
		expect(near.body.paging?.next.after).toBe('10000');
		const beyond = await bigSearch({ limit: 10, after: near.body.paging?.next.after });
		expect(beyond.status).toBe(400);
		expect(beyond.body.category).toBe('VALIDATION_ERROR');
		expect(beyond.body.message).toMatch(/10000/);
		const narrowed = await bigSearch({
			filterGroups: [
				{ filters: [{ propertyName: 'hs_target_amount', operator: 'GTE', value: '10000' }] },
			],
		});
		expect(narrowed.body.total).toBe(50);
	});
});

describe('the search limit: about 5 per second per token', () => {
	test('the 6th search in a second is a 429 SECONDLY without rate-limit headers; other calls are not limited by it', async () => {
		const limited = await startSandbox({ rateLimit: { max: 100, intervalMs: 10_000 } });
		try {
			const statuses: number[] = [];
			let last: Awaited<ReturnType<typeof call>> | undefined;
			for (let i = 0; i < 6; i++) {
				last = await call(limited, 'POST', objectsPath('2026-09', '/search'), { body: {} });
				statuses.push(last.status);
			}
			expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
			expect(last?.body).toMatchObject({
				status: 'error',
				errorType: 'RATE_LIMIT',
				policyName: 'SECONDLY',
				message: 'You have reached your secondly limit.',
			});
			expect(last?.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
			expect((await call(limited, 'GET', objectsPath('v3'))).status).toBe(200);
			// Another token has its own search window.
			expect(
				(
					await call(limited, 'POST', objectsPath('v3', '/search'), {
						body: {},
						token: limited.tokens.readOnly,
					})
				).status,
			).toBe(200);
			expect(limited.counters()).toMatchObject({ searchRateLimited429: 1, rateLimited429: 0 });
			await new Promise((r) => setTimeout(r, 1100));
			expect((await call(limited, 'POST', objectsPath('v3', '/search'), { body: {} })).status).toBe(
				200,
			);
		} finally {
			await limited.close();
		}
	});

	test('search does not use the 10-second window, but a spent daily quota stops it too', async () => {
		const s = await startSandbox({ rateLimit: { max: 1, intervalMs: 10_000 }, dailyLimit: 3 });
		try {
			expect((await call(s, 'POST', objectsPath('v3', '/search'), { body: {} })).status).toBe(200);
			expect((await call(s, 'POST', objectsPath('v3', '/search'), { body: {} })).status).toBe(200);
			expect((await call(s, 'GET', objectsPath('v3'))).status).toBe(200); // the window's one request
			const daily = await call(s, 'POST', objectsPath('v3', '/search'), { body: {} });
			expect(daily.status).toBe(429);
			expect(daily.body).toMatchObject({ policyName: 'DAILY' });
		} finally {
			await s.close();
		}
	});
});
