import { startSandbox } from '../../sandbox';
import type { UpsertResult as Result } from '../../sandbox/upsert';
import { key, upsert, call, UPSERT_PATH } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

interface StdError {
	status: string;
	category: string;
	message: string;
	context: Record<string, string[]>;
	errors: Array<{ message: string; code?: string; context?: Record<string, string[]> }>;
}
interface BatchBody {
	status: string;
	results: Result[];
	numErrors?: number;
	errors?: StdError[];
}
interface ErrorBody {
	status: string;
	category: string;
	message: string;
	correlationId: string;
	errors?: Array<{ message: string; code?: string; context?: Record<string, string[]> }>;
}

const sb = useSandbox({ rateLimit: false, shuffleResults: false });

describe('create and update', () => {
	test('creates a record: 200, new:true, numeric id, sent properties plus hs_* defaults', async () => {
		const res = await upsert<BatchBody>(sb, [
			key(
				'k-1',
				{ hs_goal_name: 'Q1 revenue', hs_target_amount: '1000', hs_milestone: 'monthly' },
				'trace-1',
			),
		]);
		expect(res.status).toBe(200);
		expect(res.body.status).toBe('COMPLETE');
		expect(res.body.errors).toBeUndefined();
		const [r] = res.body.results;
		expect(r.new).toBe(true);
		expect(r.archived).toBe(false);
		expect(r.id).toMatch(/^\d+$/);
		expect(r.objectWriteTraceId).toBe('trace-1');
		expect(r.properties).toEqual({
			hs_goal_name: 'Q1 revenue',
			hs_target_amount: '1000',
			hs_milestone: 'monthly',
			external_goal_key: 'k-1',
			hs_object_id: r.id,
			hs_createdate: r.createdAt,
			hs_lastmodifieddate: r.updatedAt,
		});
		const stored = sb.store.getByProperty('external_goal_key', 'k-1');
		expect(stored?.id).toBe(r.id);
		expect(stored?.properties.hs_created_by_user_id).toMatch(/^\d+$/);
		expect(sb.store.size).toBe(1);
		expect(sb.counters()).toMatchObject({
			recordsCreated: 1,
			recordsUpdated: 0,
			upsertRequests: 1,
		});
	});

	test('updates partially: new:false, same id, untouched properties keep their values', async () => {
		const first = await upsert<BatchBody>(sb, [
			key('k-2', { hs_goal_name: 'Calls', hs_target_amount: '10', goal_sync_id: 's-2' }),
		]);
		const id = first.body.results[0].id;
		const second = await upsert<BatchBody>(sb, [key('k-2', { hs_target_amount: '25' })]);
		expect(second.status).toBe(200);
		const r = second.body.results[0];
		expect(r.new).toBe(false);
		expect(r.id).toBe(id);
		expect(r.properties.hs_target_amount).toBe('25');
		expect(r.properties.hs_goal_name).toBeUndefined(); // only what was sent comes back
		expect(Date.parse(r.updatedAt)).toBeGreaterThan(Date.parse(r.createdAt));
		const stored = sb.store.get(id);
		expect(stored?.properties).toMatchObject({
			hs_goal_name: 'Calls',
			hs_target_amount: '25',
			goal_sync_id: 's-2',
		});
		expect(sb.store.size).toBe(1);
		expect(sb.counters()).toMatchObject({ recordsCreated: 1, recordsUpdated: 1 });
	});

	test('upserts by the second unique property and clears a value with ""', async () => {
		await upsert(sb, [
			{
				id: 's-9',
				idProperty: 'goal_sync_id',
				properties: { hs_goal_name: 'A', hs_pipeline_ids: '1;2' },
			},
		]);
		const res = await upsert<BatchBody>(sb, [
			{ id: 's-9', idProperty: 'goal_sync_id', properties: { hs_pipeline_ids: '' } },
		]);
		expect(res.body.results[0].new).toBe(false);
		const stored = sb.store.getByProperty('goal_sync_id', 's-9');
		expect(stored?.properties.hs_goal_name).toBe('A');
		expect(stored?.properties.hs_pipeline_ids).toBeUndefined();
	});

	test('coerces numbers and booleans to strings and normalises dates and datetimes', async () => {
		const res = await upsert<BatchBody>(sb, [
			key('k-3', {
				hs_target_amount: 1500.5,
				goal_is_stretch: true,
				hs_start_datetime: '1704067200000',
				hs_end_datetime: '2024-01-31T23:59:59.999Z',
				goal_review_date: 1706659200000,
				hubspot_owner_id: 123,
			}),
			key('k-4', {
				goal_review_date: '2024-02-29',
				hs_start_datetime: '2024-02-01',
				goal_is_stretch: 'FALSE',
			}),
		]);
		expect(res.status).toBe(200);
		const [a, b] = res.body.results;
		expect(a.properties).toMatchObject({
			hs_target_amount: '1500.5',
			goal_is_stretch: 'true',
			hs_start_datetime: '2024-01-01T00:00:00.000Z',
			hs_end_datetime: '2024-01-31T23:59:59.999Z',
			goal_review_date: '2024-01-31',
			hubspot_owner_id: '123',
		});
		expect(b.properties).toMatchObject({
			goal_review_date: '2024-02-29',
			hs_start_datetime: '2024-02-01T00:00:00.000Z',
			goal_is_stretch: 'false',
		});
	});

	test('an empty inputs array answers 200 with no results', async () => {
		const res = await upsert<BatchBody>(sb, []);
		expect(res.status).toBe(200);
		expect(res.body.results).toEqual([]);
	});

	test('results are shuffled (seeded) when shuffleResults is on, in input order when off', async () => {
		const inputs = Array.from({ length: 20 }, (_, i) => key(`order-${i}`, {}, `t-${i}`));
		const inOrder = await upsert<BatchBody>(sb, inputs);
		expect(inOrder.body.results.map((r) => r.objectWriteTraceId)).toEqual(
			inputs.map((i) => i.objectWriteTraceId),
		);

		const orders: string[][] = [];
		for (let run = 0; run < 2; run++) {
			const shuffled = await startSandbox({ rateLimit: false, seed: 7 });
			const res = await upsert<BatchBody>(shuffled, inputs);
			orders.push(res.body.results.map((r) => r.objectWriteTraceId ?? ''));
			await shuffled.close();
		}
		expect(orders[0]).not.toEqual(inputs.map((i) => i.objectWriteTraceId));
		expect([...orders[0]].sort()).toEqual(inputs.map((i) => i.objectWriteTraceId ?? '').sort());
		expect(orders[1]).toEqual(orders[0]); // same seed, same order
	});
});

describe('whole-request 400 VALIDATION_ERROR (nothing is written)', () => {
	const cases: Array<[string, () => Promise<{ status: number; body: ErrorBody }>, RegExp]> = [
		[
			'body is not JSON',
			() =>
				call<ErrorBody>(sb, 'POST', UPSERT_PATH, {
					rawBody: '{"inputs": [',
					headers: { 'Content-Type': 'application/json' },
				}),
			/^Invalid input JSON/,
		],
		[
			'no inputs array',
			() => call<ErrorBody>(sb, 'POST', UPSERT_PATH, { body: { input: [] } }),
			/inputs/,
		],
		[
			'more than 100 inputs',
			() =>
				upsert<ErrorBody>(
					sb,
					Array.from({ length: 101 }, (_, i) => key(`many-${i}`)),
				),
			/more than 100/,
		],
		[
			'duplicate ids',
			() => upsert<ErrorBody>(sb, [key('d-1'), key('d-2'), key('d-1')]),
			/^Duplicate IDs found in batch input: \[d-1\]$/,
		],
		[
			'missing idProperty',
			() => upsert<ErrorBody>(sb, [{ id: 'x', properties: {} }]),
			/^Unable to perform update\/upsert by non-unique 0-74 property hs_object_id$/,
		],
		[
			'non-unique idProperty',
			() => upsert<ErrorBody>(sb, [{ id: 'x', idProperty: 'hs_goal_name', properties: {} }]),
			/^Unable to perform update\/upsert by non-unique 0-74 property hs_goal_name$/,
		],
		[
			'hs_object_id as idProperty',
			() => upsert<ErrorBody>(sb, [{ id: '1', idProperty: 'hs_object_id', properties: {} }]),
			/non-unique 0-74 property hs_object_id/,
		],
		[
			'unknown idProperty',
			() => upsert<ErrorBody>(sb, [{ id: '1', idProperty: 'no_such_key', properties: {} }]),
			/non-unique 0-74 property no_such_key/,
		],
		[
			'property that does not exist',
			() =>
				upsert<ErrorBody>(sb, [
					key('ok', { hs_goal_name: 'x' }),
					key('bad', { not_a_property: 'x' }),
				]),
			/^Property values were not valid: \[/,
		],
		[
			'archived property',
			() => upsert<ErrorBody>(sb, [key('arch', { goal_legacy_region: 'emea' })]),
			/Property \\"goal_legacy_region\\" does not exist/,
		],
		[
			'a property value that is an object',
			() => upsert<ErrorBody>(sb, [key('obj', { hs_goal_name: { a: 1 } })]),
			/must be a string/,
		],
	];
	test.each(cases)('%s', async (_name, send, message) => {
		const res = await send();
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
		expect(res.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
		expect(res.body.message).toMatch(message);
		expect(Array.isArray(res.body.errors)).toBe(true);
		expect(sb.store.size).toBe(0);
	});

	test('PROPERTY_DOESNT_EXIST detail names the property', async () => {
		const res = await upsert<ErrorBody>(sb, [key('bad', { not_a_property: 'x' })]);
		expect(res.body.errors).toEqual([
			{
				message: 'Property "not_a_property" does not exist',
				code: 'PROPERTY_DOESNT_EXIST',
				context: { propertyName: ['not_a_property'] },
			},
		]);
		expect(sb.counters().inputsRejected).toBe(1);
	});
});

describe('per-input failures inside a 207', () => {
	const bad: Array<[string, Record<string, unknown>, string]> = [
		['number', { hs_target_amount: 'ten' }, 'INVALID_NUMBER'],
		['number with whitespace', { hs_target_amount: ' 10' }, 'LEADING_TRAILING_WHITESPACE'],
		['date (not midnight UTC)', { goal_review_date: '1704067200001' }, 'INVALID_DATE'],
		['date (not a day)', { goal_review_date: '2024-02-30' }, 'INVALID_DATE'],
		['datetime', { hs_start_datetime: 'next monday' }, 'INVALID_DATETIME'],
		['enumeration', { hs_milestone: 'weekly' }, 'INVALID_OPTION'],
		['enumeration (external owner id)', { hubspot_owner_id: 'alice' }, 'INVALID_OPTION'],
		['bool', { goal_is_stretch: 'yes' }, 'INVALID_BOOLEAN'],
		['read-only property', { hs_createdate: '2024-01-01T00:00:00Z' }, 'READ_ONLY_VALUE'],
		['read-only hs_object_id', { hs_object_id: '5' }, 'READ_ONLY_VALUE'],
		['calculated property', { hs_kpi_value: '3' }, 'CALCULATED'],
		[
			'idProperty value differing from id',
			{ external_goal_key: 'other' },
			'CONFLICTING_ID_PROPERTY',
		],
	];
	test.each(bad)('%s fails alone, the other inputs succeed', async (_name, properties, code) => {
		const res = await upsert<BatchBody>(sb, [
			key('good-1', { hs_goal_name: 'ok' }, 't-good'),
			key('bad-1', properties, 't-bad'),
			key('good-2', {}),
		]);
		expect(res.status).toBe(207);
		expect(res.body.status).toBe('COMPLETE');
		expect(res.body.numErrors).toBe(1);
		expect(res.body.results.map((r) => r.properties.external_goal_key).sort()).toEqual([
			'good-1',
			'good-2',
		]);
		const [err] = res.body.errors ?? [];
		expect(err).toMatchObject({
			status: 'error',
			category: 'VALIDATION_ERROR',
			context: { objectWriteTraceId: ['t-bad'] },
			links: {},
		});
		expect(err.message).toMatch(/^Property values were not valid: /);
		expect(err.errors[0].code).toBe(code);
		expect(sb.store.getByProperty('external_goal_key', 'bad-1')).toBeUndefined();
		expect(sb.store.size).toBe(2);
		expect(sb.counters().inputsRejected).toBe(1);
	});

	test('without a trace id the error context carries the id; all failing gives 207 with zero results', async () => {
		const res = await upsert<BatchBody>(sb, [
			key('b-1', { hs_milestone: 'weekly' }),
			key('b-2', { hs_target_amount: 'x', goal_is_stretch: '1' }),
		]);
		expect(res.status).toBe(207);
		expect(res.body.results).toEqual([]);
		expect(res.body.numErrors).toBe(2);
		const byId = Object.fromEntries((res.body.errors ?? []).map((e) => [e.context.id[0], e]));
		expect(Object.keys(byId).sort()).toEqual(['b-1', 'b-2']);
		expect(byId['b-2'].errors.map((e) => e.code)).toEqual(['INVALID_NUMBER', 'INVALID_BOOLEAN']);
		expect(sb.store.size).toBe(0);
	});

	test('a unique value already held by another record is a per-input CONFLICT', async () => {
		await upsert(sb, [key('u-1', { goal_sync_id: 'sync-1' })]);
		const res = await upsert<BatchBody>(sb, [
			key('u-2', { goal_sync_id: 'sync-1' }, 't-u2'),
			key('u-1', { goal_sync_id: 'sync-1' }),
		]);
		expect(res.status).toBe(207);
		expect(res.body.errors?.[0]).toMatchObject({
			category: 'CONFLICT',
			context: { objectWriteTraceId: ['t-u2'] },
		});
		expect(res.body.results).toHaveLength(1);
		expect(res.body.results[0].new).toBe(false);
	});
});
