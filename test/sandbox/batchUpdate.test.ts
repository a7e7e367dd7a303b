import {
	BatchAnswer,
	VERSIONS,
	Version,
	call,
	key,
	objectsPath,
	partial,
	upsert,
} from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

const sb = useSandbox(
	{ rateLimit: false, shuffleResults: false },
	{ restore: { requiredProperties: [] } },
);
let ids: string[];
beforeEach(async () => {
	await upsert(sb, [
		key('u-1', { hs_goal_name: 'One', hs_target_amount: '1' }),
		key('u-2', { hs_goal_name: 'Two', goal_sync_id: 'sync-2' }),
		key('u-3'),
	]);
	ids = ['u-1', 'u-2', 'u-3'].map(
		(k) => sb.store.getByProperty('external_goal_key', k)?.id as string,
	);
});

const update = (version: Version, inputs: unknown[]) =>
	call<BatchAnswer & { category?: string; message?: string }>(
		sb,
		'POST',
		objectsPath(version, '/batch/update'),
		{ body: { inputs } },
	);

describe.each(VERSIONS)('POST batch/update on %s', (version) => {
	test('by record id and by a unique idProperty: 200, partial update, trace ids echoed', async () => {
		const res = await update(version, [
			{ id: ids[0], properties: { hs_target_amount: '10' }, objectWriteTraceId: 'a' },
			{
				id: 'u-2',
				idProperty: 'external_goal_key',
				properties: { hs_milestone: 'monthly' },
				objectWriteTraceId: 'b',
			},
		]);
		expect(res.status).toBe(200);
		const a = res.body.results.find((r) => r.objectWriteTraceId === 'a');
		expect(a).toMatchObject({
			id: ids[0],
			archived: false,
			properties: { hs_target_amount: '10', hs_object_id: ids[0] },
		});
		expect(a?.properties.hs_goal_name).toBeUndefined(); // only what was set comes back
		expect(res.body.results.find((r) => r.objectWriteTraceId === 'b')?.id).toBe(ids[1]);
		expect(sb.store.get(ids[0])?.properties).toMatchObject({
			hs_goal_name: 'One',
			hs_target_amount: '10',
		});
		expect(sb.store.get(ids[1])?.properties.hs_milestone).toBe('monthly');
		expect(sb.counters()).toMatchObject({ recordsCreated: 3, recordsUpdated: 2 });
	});

	test('unknown ids, invalid values and unique conflicts fail only their input', async () => {
		const res = await update(version, [
			{ id: '12345', properties: { hs_goal_name: 'x' }, objectWriteTraceId: 'missing' },
			{ id: 'nope', idProperty: 'external_goal_key', properties: { hs_goal_name: 'x' } },
			{ id: ids[0], properties: { hs_target_amount: 'lots' }, objectWriteTraceId: 'invalid' },
			{ id: ids[2], properties: { goal_sync_id: 'sync-2' }, objectWriteTraceId: 'conflict' },
			{ id: ids[1], properties: { hs_goal_name: 'Two!' }, objectWriteTraceId: 'fine' },
		]);
		expect(res.status).toBe(partial(version, 200));
		expect(res.body.results.map((r) => r.objectWriteTraceId)).toEqual(['fine']);
		expect(res.body.numErrors).toBe(4);
		const errors = res.body.errors ?? [];
		expect(errors[0]).toMatchObject({
			category: 'OBJECT_NOT_FOUND',
			context: { objectWriteTraceId: ['missing'], ids: ['12345'] },
		});
		expect(errors[1]).toMatchObject({
			category: 'OBJECT_NOT_FOUND',
			context: { id: ['nope'], ids: ['nope'] },
		});
		expect(errors[2]).toMatchObject({
			category: 'VALIDATION_ERROR',
			errors: [{ code: 'INVALID_NUMBER' }],
		});
		expect(errors[3]).toMatchObject({
			category: 'CONFLICT',
			errors: [{ code: 'UNIQUE_VALUE_CONFLICT' }],
		});
		expect(sb.store.get(ids[0])?.properties.hs_target_amount).toBe('1');
	});
});

describe('batch/update whole-request errors and rules', () => {
	test('duplicate ids, a non-unique idProperty, an unknown property, > 100 inputs: 400', async () => {
		for (const inputs of [
			[
				{ id: ids[0], properties: {} },
				{ id: ids[0], properties: {} },
			],
			[{ id: 'One', idProperty: 'hs_goal_name', properties: {} }],
			[{ id: ids[0], properties: { nope: '1' } }],
			Array.from({ length: 101 }, (_, i) => ({ id: String(i), properties: {} })),
			[{ properties: {} }],
		]) {
			const res = await update('v3', inputs);
			expect(res.status).toBe(400);
			expect(res.body.category).toBe('VALIDATION_ERROR');
		}
	});

	test('hs_object_id as idProperty means the record id; the key itself can be changed by an update', async () => {
		const res = await update('2026-03', [
			{ id: ids[0], idProperty: 'hs_object_id', properties: { external_goal_key: 'u-1-renamed' } },
		]);
		expect(res.status).toBe(200);
		expect(sb.store.getByProperty('external_goal_key', 'u-1-renamed')?.id).toBe(ids[0]);
		expect(
			(await upsert<BatchAnswer>(sb, [key('u-1', { hs_goal_name: 'new' })])).body.results[0].id,
		).not.toBe(ids[0]);
	});

	test('2026-09: an update may not clear a required property; v3 may', async () => {
		sb.configure({ requiredProperties: ['hs_goal_name'] });
		const res = await update('2026-09', [
			{ id: ids[0], properties: { hs_goal_name: '' }, objectWriteTraceId: 'clear' },
			{ id: ids[1], properties: { hs_target_amount: '3' } },
		]);
		expect(res.status).toBe(200);
		expect(res.body.errors?.[0].errors[0].code).toBe('MISSING_REQUIRED_PROPERTY');
		expect(res.body.results.map((r) => r.id)).toEqual([ids[1]]);
		expect((await update('v3', [{ id: ids[0], properties: { hs_goal_name: '' } }])).status).toBe(
			200,
		);
		expect(sb.store.get(ids[0])?.properties.hs_goal_name).toBeUndefined();
	});
});
