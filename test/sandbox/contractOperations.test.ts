/**
 * Contract for every goal-target operation on every API version: the requests sent here are valid under the
 * project's request schemas (what the node sends), and each answer of the sandbox is valid under the project's
 * answer schema (and HubSpot's counterparts when its files are present). A partly failed batch answers 207, on
 * 2026-09 200/201 (as its files declare): either way the body is a `...-with-errors` shape.
 */
import { expectContract, reportHubSpotFiles } from '../../testkit/openapi';
import type { ProjectSchema } from '../../testkit/projectSchemas';
import {
	BatchAnswer,
	CallResult,
	VERSIONS,
	Version,
	call,
	objectsPath,
	partial,
} from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

reportHubSpotFiles();

const sb = useSandbox({ rateLimit: false, searchRateLimit: false });

const PROPERTIES: Record<Version, string> = {
	v3: '/crm/v3/properties/goal_targets',
	'2026-03': '/crm/properties/2026-03/goal_targets',
	'2026-09': '/crm/properties/2026-09/goal_targets',
};

/** POST a body that must be valid under `request`; the answer must have `status` and match `answer`. */
async function post<T = BatchAnswer>(
	path: string,
	request: ProjectSchema,
	body: unknown,
	status: number,
	answer: ProjectSchema,
): Promise<CallResult<T>> {
	expectContract(request, body);
	const res = await call<T>(sb, 'POST', path, { body });
	expect({ path, status: res.status }).toEqual({ path, status });
	expectContract(answer, res.body);
	return res;
}

describe.each(VERSIONS)('%s', (version) => {
	const path = (suffix: string) => objectsPath(version, suffix);

	test('batch upsert: 200 and partial failure', async () => {
		const input = (id: string, trace: string, properties: Record<string, string>) => ({
			id,
			idProperty: 'external_goal_key',
			objectWriteTraceId: trace,
			properties,
		});
		await post(
			path('/batch/upsert'),
			'batch-upsert-request',
			{ inputs: [input('u-1', '0', { hs_goal_name: 'A' })] },
			200,
			'batch-upsert-response',
		);
		const mixed = await post(
			path('/batch/upsert'),
			'batch-upsert-request',
			{
				inputs: [
					input('u-1', '0', { hs_target_amount: '5' }),
					input('u-2', '1', { hs_milestone: 'weekly' }),
				],
			},
			partial(version, 200),
			'batch-upsert-response-with-errors',
		);
		expect(mixed.body.numErrors).toBe(1);
	});

	test('batch create, read, update, archive: all good and partly failed answers', async () => {
		const created = await post(
			path('/batch/create'),
			'batch-create-request',
			{
				inputs: [
					{ objectWriteTraceId: '0', properties: { hs_goal_name: 'C1', hs_target_amount: '10' } },
					{ objectWriteTraceId: '1', properties: { hs_goal_name: 'C2' }, associations: [] },
				],
			},
			201,
			'batch-response',
		);
		const ids = created.body.results.map((r) => r.id);
		await post(
			path('/batch/create'),
			'batch-create-request',
			{
				inputs: [
					{ objectWriteTraceId: '0', properties: { hs_goal_name: 'C3' } },
					{ objectWriteTraceId: '1', properties: { hs_milestone: 'weekly' } },
				],
			},
			partial(version, 201),
			'batch-response-with-errors',
		);

		await post(
			path('/batch/read'),
			'batch-read-request',
			{
				inputs: ids.map((id) => ({ id })),
				properties: ['hs_goal_name'],
				propertiesWithHistory: ['hs_target_amount'],
			},
			200,
			'batch-response',
		);
		const missing = await post(
			path('/batch/read'),
			'batch-read-request',
			{ inputs: [{ id: ids[0] }, { id: '999999' }], properties: [], propertiesWithHistory: [] },
			partial(version, 200),
			'batch-response-with-errors',
		);
		expect(missing.body.errors?.[0].context.ids).toEqual(['999999']);

		await post(
			path('/batch/update'),
			'batch-update-request',
			{ inputs: [{ id: ids[0], objectWriteTraceId: '0', properties: { hs_target_amount: '11' } }] },
			200,
			'batch-response',
		);
		await post(
			path('/batch/update'),
			'batch-update-request',
			{
				inputs: [
					{ id: ids[0], objectWriteTraceId: '0', properties: { hs_target_amount: '12' } },
					{ id: ids[1], objectWriteTraceId: '1', properties: { hs_milestone: 'weekly' } },
				],
			},
			partial(version, 200),
			'batch-response-with-errors',
		);

		const archiveBody = { inputs: ids.map((id) => ({ id })) };
		expectContract('batch-archive-request', archiveBody);
		const archived = await call(sb, 'POST', path('/batch/archive'), { body: archiveBody });
		expect(archived.status).toBe(204);
		expect(archived.text).toBe('');
	});

	test('search: a page with paging, the last page without; list, get, create, update, delete one record', async () => {
		for (const n of [1, 2, 3])
			sb.store.create({
				hs_goal_name: `S${n}`,
				hs_milestone: 'monthly',
				hs_target_amount: String(n * 10),
			});
		const body = {
			filterGroups: [
				{
					filters: [
						{ propertyName: 'hs_milestone', operator: 'EQ', value: 'monthly' },
						{ propertyName: 'hs_target_amount', operator: 'BETWEEN', value: '5', highValue: '100' },
					],
				},
			],
			sorts: [{ propertyName: 'hs_target_amount', direction: 'DESCENDING' }],
			properties: ['hs_goal_name', 'hs_target_amount'],
			limit: 2,
		};
		const first = await post<{ total: number; paging?: { next: { after: string } } }>(
			path('/search'),
			'search-request',
			body,
			200,
			'search-response',
		);
		expect(first.body.total).toBe(3);
		const last = await post<{ paging?: unknown }>(
			path('/search'),
			'search-request',
			{ ...body, after: first.body.paging?.next.after },
			200,
			'search-response',
		);
		expect(last.body.paging).toBeUndefined();

		const page = await call<{ results: Array<{ id: string }> }>(
			sb,
			'GET',
			path('?limit=2&properties=hs_goal_name'),
		);
		expect(page.status).toBe(200);
		expectContract('object-list', page.body);
		const id = page.body.results[0].id;
		const one = await call(sb, 'GET', path(`/${id}?properties=hs_target_amount`));
		expectContract('object', one.body);
		const created = await call(sb, 'POST', path(''), {
			body: { properties: { hs_goal_name: 'single' } },
		});
		expect(created.status).toBe(201);
		expectContract('object', created.body);
		const patched = await call(sb, 'PATCH', path(`/${id}`), {
			body: { properties: { hs_target_amount: '7' } },
		});
		expect(patched.status).toBe(200);
		expectContract('object', patched.body);
		const deleted = await call(sb, 'DELETE', path(`/${id}`));
		expect({ status: deleted.status, text: deleted.text }).toEqual({ status: 204, text: '' });
		const gone = await call(sb, 'GET', path(`/${id}`));
		expect(gone.status).toBe(404);
		expectContract('error', gone.body);
	});

	test('properties: the list and one property; errors for a bad request and a missing scope', async () => {
		const list = await call(sb, 'GET', PROPERTIES[version]);
		expect(list.status).toBe(200);
		expectContract('property-list', list.body);
		const one = await call(sb, 'GET', `${PROPERTIES[version]}/hs_milestone`);
		expectContract('property', one.body);
		const badSearch = await call(sb, 'POST', path('/search'), {
			body: {
				filterGroups: [
					{ filters: [{ propertyName: 'hs_milestone', operator: 'NOPE', value: 'x' }] },
				],
			},
		});
		expect(badSearch.status).toBe(400);
		expectContract('error', badSearch.body);
		const readOnly = await call(sb, 'POST', path('/batch/create'), {
			body: { inputs: [{ properties: {} }] },
			token: sb.tokens.readOnly,
		});
		expect(readOnly.status).toBe(403);
		expectContract('error', readOnly.body);
	});
});

test('search over its own limit: 429 with policyName SECONDLY', async () => {
	sb.configure({ searchRateLimit: { max: 1, intervalMs: 10_000 } });
	try {
		const body = { filterGroups: [], sorts: [], properties: [], limit: 10 };
		await post(objectsPath('v3', '/search'), 'search-request', body, 200, 'search-response');
		const limited = await call(sb, 'POST', objectsPath('v3', '/search'), { body });
		expect(limited.status).toBe(429);
		expectContract('rate-limit-error', limited.body);
		expect(limited.body).toMatchObject({ policyName: 'SECONDLY' });
	} finally {
		sb.configure({ searchRateLimit: false });
	}
});
