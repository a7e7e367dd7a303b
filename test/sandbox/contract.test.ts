/**
 * Contract: every kind of body the sandbox sends matches the project's schema for it (test/contract/schemas) and,
 * when HubSpot's OpenAPI files are present, HubSpot's schemas for it in the v3, 2026-03 and 2026-09 files.
 */
import { FaultKind } from '../../sandbox';
import { expectContract, reportHubSpotFiles } from '../../testkit/openapi';
import { UPSERT_PATH, call, key, upsert } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

const GT = '/crm/v3/objects/goal_targets';

reportHubSpotFiles();

const sb = useSandbox(
	{ rateLimit: false },
	{ restore: { rateLimit: false, dailyLimit: 500_000, faults: undefined } },
);

describe('upsert responses', () => {
	test('200 batch-upsert-response (create and update)', async () => {
		const created = await upsert(sb, [
			key('c-1', { hs_goal_name: 'A', hs_target_amount: '5' }, 't-1'),
			key('c-2', { goal_is_stretch: 'true' }),
		]);
		expect(created.status).toBe(200);
		expectContract('batch-upsert-response', created.body);
		const updated = await upsert(sb, [key('c-1', { hs_target_amount: '6' })]);
		expectContract('batch-upsert-response', updated.body);
	});

	test('207 batch-upsert-response-with-errors, with some and with zero results; each error a standard-error', async () => {
		const mixed = await upsert<{ errors: unknown[] }>(sb, [
			key('m-1'),
			key('m-2', { hs_milestone: 'weekly' }, 't-2'),
			key('m-3', { hs_kpi_value: '1' }),
		]);
		expect(mixed.status).toBe(207);
		expectContract('batch-upsert-response-with-errors', mixed.body);
		for (const e of mixed.body.errors) expectContract('standard-error', e);
		await upsert(sb, [key('dup', { goal_sync_id: 'S' })]);
		const none = await upsert(sb, [
			key('n-1', { hs_target_amount: 'x' }),
			key('n-2', { goal_sync_id: 'S' }),
		]);
		expect(none.status).toBe(207);
		expect(none.body).toHaveProperty('results', []);
		expectContract('batch-upsert-response-with-errors', none.body);
	});

	const fourHundreds: Array<[string, () => Promise<{ status: number; body: unknown }>, number]> = [
		['400 not JSON', () => call(sb, 'POST', UPSERT_PATH, { rawBody: 'nope' }), 400],
		['400 no inputs', () => call(sb, 'POST', UPSERT_PATH, { body: {} }), 400],
		[
			'400 > 100 inputs',
			() =>
				upsert(
					sb,
					Array.from({ length: 101 }, (_, i) => key(`k${i}`)),
				),
			400,
		],
		['400 duplicate ids', () => upsert(sb, [key('a'), key('a')]), 400],
		[
			'400 non-unique idProperty',
			() => upsert(sb, [{ id: 'a', idProperty: 'hs_goal_name', properties: {} }]),
			400,
		],
		['400 property does not exist', () => upsert(sb, [key('a', { nope: '1' })]), 400],
		['401 no token', () => upsert(sb, [key('a')], null), 401],
		['403 missing scopes', () => upsert(sb, [key('a')], sb.tokens.readOnly), 403],
	];
	test.each(fourHundreds)('%s matches error', async (_n, send, status) => {
		const res = await send();
		expect(res.status).toBe(status);
		expectContract('error', res.body);
	});

	test('429 TEN_SECONDLY_ROLLING and DAILY match rate-limit-error', async () => {
		sb.configure({ rateLimit: { max: 1, intervalMs: 10_000 } });
		await upsert(sb, [key('a')]);
		const burst = await upsert(sb, [key('b')]);
		expect(burst.status).toBe(429);
		expectContract('rate-limit-error', burst.body);
		expect(burst.body).toMatchObject({ policyName: 'TEN_SECONDLY_ROLLING' });
		sb.reset();
		sb.configure({ rateLimit: false, dailyLimit: 0 });
		const daily = await upsert(sb, [key('c')]);
		expect(daily.status).toBe(429);
		expectContract('rate-limit-error', daily.body);
		expect(daily.body).toMatchObject({ policyName: 'DAILY' });
	});

	test.each(['status500', 'status503', 'status423', 'status477', 'rateLimit429'] as FaultKind[])(
		'fault %s JSON body matches error (429: rate-limit-error)',
		async (kind) => {
			sb.configure({ faults: { rate: 1, kinds: [kind] } });
			const res = await upsert(sb, [key('f')]);
			expect(res.status).toBeGreaterThanOrEqual(400);
			expectContract(res.status === 429 ? 'rate-limit-error' : 'error', res.body);
		},
	);
});

describe('read responses', () => {
	test('list (with paging) and single object', async () => {
		await upsert(sb, [key('l-1', { hs_goal_name: 'A' }), key('l-2'), key('l-3')]);
		const page = await call<{ results: Array<{ id: string }> }>(
			sb,
			'GET',
			`${GT}?limit=2&properties=hs_goal_name`,
		);
		expect(page.body).toHaveProperty('paging.next.after');
		expectContract('object-list', page.body);
		const one = await call(sb, 'GET', `${GT}/${page.body.results[0].id}`);
		expectContract('object', one.body);
		const missing = await call(sb, 'GET', `${GT}/1`);
		expect(missing.status).toBe(404);
		expectContract('error', missing.body);
		const badLimit = await call(sb, 'GET', `${GT}?limit=500`);
		expect(badLimit.status).toBe(400);
		expectContract('error', badLimit.body);
		expectContract('error', (await call(sb, 'GET', '/crm/v3/nothing')).body);
	});

	test('properties list (plain, archived, paged) and one property', async () => {
		for (const q of ['', '?archived=true', '?limit=4&after=4']) {
			const res = await call<{ results: unknown[] }>(
				sb,
				'GET',
				`/crm/v3/properties/goal_targets${q}`,
			);
			expectContract('property-list', res.body);
			expect(res.body.results.length).toBeGreaterThan(0);
		}
		const one = await call(sb, 'GET', '/crm/v3/properties/goal_targets/hs_milestone');
		expectContract('property', one.body);
		const missing = await call(sb, 'GET', '/crm/v3/properties/goal_targets/nope');
		expect(missing.status).toBe(404);
		expectContract('error', missing.body);
	});
});

describe('oauth responses', () => {
	const form = (f: Record<string, string>) => ({
		rawBody: new URLSearchParams(f).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		token: null,
	});

	test('token 200 matches oauth-token; errors match error', async () => {
		const ok = await call(
			sb,
			'POST',
			'/oauth/v1/token',
			form({
				grant_type: 'refresh_token',
				client_id: sb.oauth.clientId,
				client_secret: sb.oauth.clientSecret,
				refresh_token: sb.oauth.refreshToken,
			}),
		);
		expect(ok.status).toBe(200);
		expectContract('oauth-token', ok.body);
		const bad = await call(
			sb,
			'POST',
			'/oauth/v1/token',
			form({ grant_type: 'refresh_token', client_id: 'x' }),
		);
		expect(bad.status).toBe(400);
		expectContract('error', bad.body);
	});
});
