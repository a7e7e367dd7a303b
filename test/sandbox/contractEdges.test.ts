/**
 * Contract of the less common answers of every operation on every API version (contractOperations.test.ts has the
 * usual ones): whole-request refusals, answers with nothing found, archived records, paged and archived property
 * lists, 2026-09 required properties. Each body matches the project's schema (and HubSpot's when present); the
 * requests are checked against the request schemas, so they are bodies the node may send.
 */
import { expectContract, reportHubSpotFiles } from '../../testkit/openapi';
import {
	BatchAnswer,
	VERSIONS,
	Version,
	call,
	key,
	objectsPath,
	upsert,
} from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

reportHubSpotFiles();

const sb = useSandbox(
	{ rateLimit: false, searchRateLimit: false },
	{
		restore: {
			rateLimit: false,
			searchRateLimit: false,
			requiredProperties: [],
			faults: undefined,
		},
	},
);
let ids: string[];
beforeEach(async () => {
	const seeded = await upsert<BatchAnswer>(
		sb,
		[1, 2, 3].map((i) =>
			key(`ct-${i}`, { hs_goal_name: `Contract ${i}`, hs_target_amount: String(i) }, `seed-${i}`),
		),
	);
	ids = ['seed-1', 'seed-2', 'seed-3'].map(
		(t) => seeded.body.results.find((r) => r.objectWriteTraceId === t)?.id as string,
	);
});

/** POST a body that is first checked against the request schema the node's bodies follow. */
async function send(
	version: Version,
	suffix: string,
	schema: Parameters<typeof expectContract>[0],
	body: unknown,
	query = '',
) {
	expectContract(schema, body);
	return call<BatchAnswer & Record<string, unknown>>(
		sb,
		'POST',
		objectsPath(version, suffix + query),
		{ body },
	);
}

/** A batch answer: the plain schema without errors, the with-errors one otherwise (2026-09 puts errors in its 200/201). */
function expectBatch(
	res: { status: number; body: BatchAnswer },
	okStatus: number,
	version: Version,
): void {
	const hasErrors = (res.body.errors ?? []).length > 0;
	expect(res.status).toBe(hasErrors && version !== '2026-09' ? 207 : okStatus);
	expectContract(hasErrors ? 'batch-response-with-errors' : 'batch-response', res.body);
	for (const e of res.body.errors ?? []) expectContract('standard-error', e);
}

describe.each(VERSIONS)('%s', (version) => {
	test('batch create: unique conflicts among the errors; whole-request 400 and 409 are error', async () => {
		const mixed = await send(version, '/batch/create', 'batch-create-request', {
			inputs: [
				{ properties: { hs_goal_name: 'Fine' }, objectWriteTraceId: 'm-1' },
				{ properties: { external_goal_key: 'ct-1' }, objectWriteTraceId: 'm-2' },
				{ properties: { hs_target_amount: 'many' }, objectWriteTraceId: 'm-3' },
			],
		});
		expect(mixed.body.numErrors).toBe(2);
		expectBatch(mixed, 201, version);
		const whole = await call(sb, 'POST', objectsPath(version, '/batch/create'), {
			body: { inputs: [{ properties: { hs_target_amount: 'many' } }] },
		});
		expect(whole.status).toBe(400);
		expectContract('error', whole.body);
		const conflict = await call(sb, 'POST', objectsPath(version, '/batch/create'), {
			body: { inputs: [{ properties: { external_goal_key: 'ct-2' } }] },
		});
		expect(conflict.status).toBe(409);
		expectContract('error', conflict.body);
	});

	test('batch read: by idProperty, nothing found, archived, malformed', async () => {
		const some = await send(version, '/batch/read', 'batch-read-request', {
			idProperty: 'external_goal_key',
			inputs: [{ id: 'ct-1' }, { id: 'missing' }],
			properties: [],
			propertiesWithHistory: [],
		});
		expect(some.body.errors?.[0].context.ids).toEqual(['missing']);
		expectBatch(some, 200, version);
		const none = await send(version, '/batch/read', 'batch-read-request', {
			inputs: [{ id: '1' }],
			properties: [],
			propertiesWithHistory: [],
		});
		expect(none.body.results).toEqual([]);
		expectBatch(none, 200, version);
		const archived = await send(
			version,
			'/batch/read',
			'batch-read-request',
			{ inputs: [{ id: ids[0] }], properties: [], propertiesWithHistory: [] },
			'?archived=true',
		);
		expectBatch(archived, 200, version);
		const bad = await call(sb, 'POST', objectsPath(version, '/batch/read'), {
			body: { inputs: 'x' },
		});
		expect(bad.status).toBe(400);
		expectContract('error', bad.body);
	});

	test('batch update: by idProperty, unknown id and invalid value with errors', async () => {
		const mixed = await send(version, '/batch/update', 'batch-update-request', {
			inputs: [
				{
					id: 'ct-2',
					idProperty: 'external_goal_key',
					properties: { hs_goal_name: 'By key' },
					objectWriteTraceId: 'u-2',
				},
				{ id: '424242', properties: { hs_goal_name: 'x' }, objectWriteTraceId: 'u-3' },
				{ id: ids[2], properties: { hs_milestone: 'weekly' }, objectWriteTraceId: 'u-4' },
			],
		});
		expect(mixed.body.numErrors).toBe(2);
		expectBatch(mixed, 200, version);
	});

	test('batch archive: a malformed body is error', async () => {
		const bad = await call(sb, 'POST', objectsPath(version, '/batch/archive'), {
			body: { inputs: [{}] },
		});
		expect(bad.status).toBe(400);
		expectContract('error', bad.body);
	});

	test('search: query with sorts and paging, nothing found, 400 error, 429 rate-limit-error', async () => {
		const page = await send(version, '/search', 'search-request', {
			filterGroups: [
				{ filters: [{ propertyName: 'hs_target_amount', operator: 'GTE', value: '1' }] },
			],
			sorts: [{ propertyName: 'hs_target_amount', direction: 'DESCENDING' }],
			query: 'contract',
			properties: ['hs_goal_name'],
			limit: 2,
			after: '0',
		});
		expect(page.status).toBe(200);
		expect(page.body).toMatchObject({ total: 3, paging: { next: { after: '2' } } });
		expectContract('search-response', page.body);
		const empty = await send(version, '/search', 'search-request', {
			filterGroups: [
				{ filters: [{ propertyName: 'hs_goal_name', operator: 'EQ', value: 'nobody' }] },
			],
			sorts: [],
			properties: [],
			limit: 10,
			after: '0',
		});
		expectContract('search-response', empty.body);
		const bad = await call(sb, 'POST', objectsPath(version, '/search'), { body: { limit: 500 } });
		expect(bad.status).toBe(400);
		expectContract('error', bad.body);
		sb.configure({ searchRateLimit: { max: 1, intervalMs: 60_000 } });
		await call(sb, 'POST', objectsPath(version, '/search'), { body: {} });
		const limited = await call(sb, 'POST', objectsPath(version, '/search'), { body: {} });
		expect(limited.status).toBe(429);
		expectContract('rate-limit-error', limited.body);
	});

	test('single records and lists: archived ones, 404 error, 403 error', async () => {
		const created = await call(sb, 'POST', objectsPath(version), {
			body: { properties: { hs_goal_name: 'Single' }, associations: [] },
		});
		expect(created.status).toBe(201);
		expectContract('object', created.body);
		const id = (created.body as { id: string }).id;
		expectContract(
			'object',
			(
				await call(
					sb,
					'GET',
					objectsPath(version, `/${id}?properties=hs_goal_name&propertiesWithHistory=hs_goal_name`),
				)
			).body,
		);
		expectContract(
			'object',
			(
				await call(sb, 'PATCH', objectsPath(version, `/${id}`), {
					body: { properties: { hs_target_amount: '1' } },
				})
			).body,
		);
		expect((await call(sb, 'DELETE', objectsPath(version, `/${id}`))).status).toBe(204);
		const archived = await call(sb, 'GET', objectsPath(version, `/${id}?archived=true`));
		expectContract('object', archived.body);
		expectContract(
			'object-list',
			(await call(sb, 'GET', objectsPath(version, '?limit=2&archived=true'))).body,
		);
		const page = await call(sb, 'GET', objectsPath(version, '?limit=2&properties=hs_goal_name'));
		expect(page.body).toHaveProperty('paging.next.after');
		expectContract('object-list', page.body);
		const missing = await call(sb, 'GET', objectsPath(version, '/1'));
		expect(missing.status).toBe(404);
		expectContract('error', missing.body);
		const denied = await call(sb, 'POST', objectsPath(version, '/batch/archive'), {
			body: { inputs: [] },
			token: sb.tokens.readOnly,
		});
		expect(denied.status).toBe(403);
		expectContract('error', denied.body);
	});

	test('properties on this version: archived and paged lists, 0-74, unknown property', async () => {
		const base = version === 'v3' ? '/crm/v3/properties' : `/crm/properties/${version}`;
		for (const q of ['', '?archived=true', '?limit=4&after=4']) {
			const res = await call(sb, 'GET', `${base}/goal_targets${q}`);
			expect(res.status).toBe(200);
			expectContract('property-list', res.body);
		}
		expectContract('property', (await call(sb, 'GET', `${base}/0-74/hs_target_amount`)).body);
		expectContract('error', (await call(sb, 'GET', `${base}/goal_targets/nope`)).body);
	});
});

test('2026-09 required properties: the per-input error is a standard-error inside the 200/201', async () => {
	sb.configure({ requiredProperties: ['hs_target_amount'] });
	const res = await send('2026-09', '/batch/create', 'batch-create-request', {
		inputs: [{ properties: { hs_goal_name: 'No amount' }, objectWriteTraceId: 'r-1' }],
	});
	expect(res.status).toBe(201);
	expect(res.body.errors?.[0].errors[0].code).toBe('MISSING_REQUIRED_PROPERTY');
	expectBatch(res, 201, '2026-09');
});
