import {
	BatchAnswer,
	VERSIONS,
	Version,
	call,
	objectsPath,
	partial,
} from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

const sb = useSandbox(
	{ rateLimit: false, shuffleResults: false },
	{ restore: { requiredProperties: [] } },
);

const create = (version: Version, inputs: unknown[]) =>
	call<BatchAnswer & { category?: string; message?: string }>(
		sb,
		'POST',
		objectsPath(version, '/batch/create'),
		{ body: { inputs } },
	);

describe.each(VERSIONS)('POST batch/create on %s', (version) => {
	test('201: a new record per input, sent values (normalised) plus defaults, trace ids echoed', async () => {
		const res = await create(version, [
			{
				properties: { hs_goal_name: 'A', hs_start_datetime: '1767225600000' },
				objectWriteTraceId: 't-a',
				associations: [],
			},
			{ properties: { hs_goal_name: 'B', goal_is_stretch: 'TRUE' }, objectWriteTraceId: 't-b' },
		]);
		expect(res.status).toBe(201);
		expect(res.body.status).toBe('COMPLETE');
		expect(res.body.results).toHaveLength(2);
		const a = res.body.results.find((r) => r.objectWriteTraceId === 't-a');
		expect(a?.properties).toEqual({
			hs_goal_name: 'A',
			hs_start_datetime: '2026-01-01T00:00:00.000Z',
			hs_object_id: a?.id,
			hs_createdate: a?.createdAt,
			hs_lastmodifieddate: a?.updatedAt,
		});
		expect(a?.archived).toBe(false);
		expect(
			res.body.results.find((r) => r.objectWriteTraceId === 't-b')?.properties.goal_is_stretch,
		).toBe('true');
		expect(sb.store.size).toBe(2);
		expect(sb.counters()).toMatchObject({ recordsCreated: 2, recordsUpdated: 0 });
	});

	test('never deduplicates: the same properties twice make two records', async () => {
		const inputs = [{ properties: { hs_goal_name: 'Same', hs_target_amount: '5' } }];
		const first = await create(version, inputs);
		const second = await create(version, inputs);
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(first.body.results[0].id).not.toBe(second.body.results[0].id);
		expect(sb.store.size).toBe(2);
	});

	test('with trace ids, a unique value another record (or an earlier input) holds fails only that input', async () => {
		await create(version, [{ properties: { external_goal_key: 'taken' } }]);
		const res = await create(version, [
			{ properties: { external_goal_key: 'taken' }, objectWriteTraceId: 't-1' },
			{ properties: { external_goal_key: 'fresh' }, objectWriteTraceId: 't-2' },
			{ properties: { external_goal_key: 'fresh' }, objectWriteTraceId: 't-3' },
			{ properties: { hs_milestone: 'weekly' }, objectWriteTraceId: 't-4' },
		]);
		expect(res.status).toBe(partial(version, 201));
		expect(res.body.results.map((r) => r.objectWriteTraceId)).toEqual(['t-2']);
		const byTrace = new Map(res.body.errors?.map((e) => [e.context.objectWriteTraceId[0], e]));
		expect(byTrace.get('t-1')).toMatchObject({
			category: 'CONFLICT',
			errors: [{ code: 'UNIQUE_VALUE_CONFLICT' }],
		});
		expect(byTrace.get('t-3')?.category).toBe('CONFLICT');
		expect(byTrace.get('t-4')).toMatchObject({
			category: 'VALIDATION_ERROR',
			errors: [{ code: 'INVALID_OPTION' }],
		});
		expect(res.body.numErrors).toBe(3);
		expect(sb.store.size).toBe(2);
	});
});

describe('batch/create without trace ids, and whole-request errors', () => {
	test('one bad input refuses the whole request and creates nothing (HubSpot: multi-status needs trace ids)', async () => {
		const invalid = await create('v3', [
			{ properties: { hs_goal_name: 'ok' } },
			{ properties: { hs_target_amount: 'ten' } },
		]);
		expect(invalid.status).toBe(400);
		expect(invalid.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
		expect(invalid.body.message).toMatch(/ten was not a valid number/);
		await create('v3', [{ properties: { goal_sync_id: 's' } }]);
		const conflict = await create('2026-03', [
			{ properties: { hs_goal_name: 'ok' } },
			{ properties: { goal_sync_id: 's' } },
		]);
		expect(conflict.status).toBe(409);
		expect(conflict.body.category).toBe('CONFLICT');
		expect(sb.store.size).toBe(1);
	});

	test('unknown property, read-only property, > 100 inputs, no properties', async () => {
		const unknown = await create('v3', [{ properties: { nope: '1' }, objectWriteTraceId: 't' }]);
		expect(unknown.status).toBe(400);
		expect(unknown.body.message).toMatch(/Property values were not valid/);
		const readOnly = await create('v3', [
			{ properties: { hs_kpi_value: '1' }, objectWriteTraceId: 't' },
		]);
		expect(readOnly.status).toBe(207);
		expect(readOnly.body.errors?.[0].errors[0].code).toBe('CALCULATED');
		expect(
			(
				await create(
					'v3',
					Array.from({ length: 101 }, () => ({ properties: {} })),
				)
			).status,
		).toBe(400);
		expect((await create('v3', [{ objectWriteTraceId: 'x' }])).status).toBe(400);
		expect(sb.store.size).toBe(0);
	});

	test('2026-09 enforces required properties (MISSING_REQUIRED_PROPERTY per input); v3 does not', async () => {
		sb.configure({ requiredProperties: ['hs_goal_name', 'hs_target_amount'] });
		const res = await create('2026-09', [
			{ properties: { hs_goal_name: 'complete', hs_target_amount: '1' }, objectWriteTraceId: 'ok' },
			{ properties: { hs_goal_name: 'half' }, objectWriteTraceId: 'missing' },
		]);
		expect(res.status).toBe(201);
		expect(res.body.results.map((r) => r.objectWriteTraceId)).toEqual(['ok']);
		expect(res.body.errors?.[0]).toMatchObject({
			category: 'VALIDATION_ERROR',
			context: { objectWriteTraceId: ['missing'] },
			errors: [
				{ code: 'MISSING_REQUIRED_PROPERTY', context: { propertyName: ['hs_target_amount'] } },
			],
		});
		expect((await create('v3', [{ properties: { hs_goal_name: 'half' } }])).status).toBe(201);
	});
});
