/**
 * Every batch operation on every API version, in n8n's engine against the sandbox: create, get
 * (batch read), update, delete (batch archive) and upsert, each on its version's paths.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { nodeWorkflow } from '../../harness/workflows';
import { startSandbox } from '../../sandbox';
import { errorOf, outputs, pairedIndexes, run } from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });

const VERSIONS = ['v3', '2026-03', '2026-09'] as const;

async function runOperation(items: IDataObject[], parameters: INodeParameters) {
	const result = await run(nodeWorkflow(items, { options: {}, ...parameters }), sandbox);
	expect(result.run.status).toBe('success');
	return outputs(result);
}

const mapper = (value: Record<string, string>) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: [],
});

describe.each(VERSIONS)('API version %s', (apiVersion) => {
	it('create, get by record id and by a unique property, update, delete: each on its own path', async () => {
		const rows = [0, 1, 2].map((i) => ({
			key: `${apiVersion}-K-${i}`,
			name: `Goal ${i}`,
			amount: 1000 + i,
		}));
		const created = await runOperation(rows, {
			apiVersion,
			operation: 'batchCreate',
			inputMode: 'fields',
			properties: mapper({
				external_goal_key: '={{ $json.key }}',
				hs_goal_name: '={{ $json.name }}',
				hs_target_amount: '={{ $json.amount }}',
			}),
		});
		expect(created.errors).toEqual([]);
		expect(pairedIndexes(created.success)).toEqual([0, 1, 2]);
		const ids = created.success.map((item) => String(item.json.id));
		expect(
			created.success.map((item) => (item.json.properties as IDataObject).hs_goal_name),
		).toEqual(['Goal 0', 'Goal 1', 'Goal 2']);
		expect(sandbox.store.size).toBe(3);

		// Get by record id: a missing id is one Error item; an id asked twice gets the record twice.
		const wanted = [ids[2], '99999999999', ids[0], ids[2]].map((id) => ({ id }));
		const read = await runOperation(wanted, {
			apiVersion,
			operation: 'batchRead',
			idProperty: '',
			idValue: '={{ $json.id }}',
			options: { propertiesToReturn: 'hs_goal_name, hs_target_amount' },
		});
		expect(read.success.map((item) => item.json.id)).toEqual([ids[2], ids[0], ids[2]]);
		expect(pairedIndexes(read.success)).toEqual([0, 2, 3]);
		expect((read.success[0].json.properties as IDataObject).hs_target_amount).toBe('1002');
		expect(read.errors).toHaveLength(1);
		expect(pairedIndexes(read.errors)).toEqual([1]);
		// 2026-09 documents only a 200 for batch read: the errors come in it.
		expect(errorOf(read.errors[0])).toMatchObject({
			httpCode: apiVersion === '2026-09' ? '200' : '207',
			category: 'OBJECT_NOT_FOUND',
		});

		// Get by the unique property.
		const byKey = await runOperation([{ key: rows[1].key }, { key: 'no-such-key' }], {
			apiVersion,
			operation: 'batchRead',
			idProperty: 'external_goal_key',
			idValue: '={{ $json.key }}',
		});
		expect(byKey.success.map((item) => item.json.id)).toEqual([ids[1]]);
		expect(pairedIndexes(byKey.errors)).toEqual([1]);

		// Update by record id, JSON mode.
		const updated = await runOperation(
			ids.map((id, i) => ({ id, properties: { hs_target_amount: String(2000 + i) } })),
			{
				apiVersion,
				operation: 'batchUpdate',
				idProperty: '',
				inputMode: 'json',
				inputsJson: '={{ $json }}',
			},
		);
		expect(updated.errors).toEqual([]);
		expect(ids.map((id) => sandbox.store.get(id)?.properties.hs_target_amount)).toEqual([
			'2000',
			'2001',
			'2002',
		]);

		// Delete (archive): 204, one Success item per input.
		const deleted = await runOperation(
			[{ id: ids[0] }, { id: ids[1] }, { id: 'not-a-record-id' }],
			{
				apiVersion,
				operation: 'batchArchive',
				idValue: '={{ $json.id }}',
			},
		);
		expect(deleted.success.map((item) => item.json)).toEqual([
			{ id: ids[0], archived: true },
			{ id: ids[1], archived: true },
		]);
		expect(errorOf(deleted.errors[0])).toMatchObject({
			category: 'INVALID_INPUT',
			field: 'idValue',
		});
		expect([ids[0], ids[1], ids[2]].map((id) => sandbox.store.get(id)?.archived)).toEqual([
			true,
			true,
			false,
		]);

		const byOperation = sandbox.counters().requestsByOperation;
		for (const operation of [
			'batchCreate',
			'batchRead',
			'batchUpdate',
			'batchArchive',
			'properties',
		]) {
			expect(byOperation[`${operation} ${apiVersion}`]).toBeGreaterThan(0);
		}
		expect(Object.keys(byOperation).every((key) => key.endsWith(` ${apiVersion}`))).toBe(true);
	});

	it('upsert goes to its version (2026-09: the generic objects path)', async () => {
		const result = await runOperation([{ key: 'U-1' }], {
			apiVersion,
			idProperty: 'external_goal_key',
			inputMode: 'fields',
			idValue: '={{ $json.key }}',
			properties: mapper({ hs_goal_name: 'Upserted' }),
		});
		expect(result.success).toHaveLength(1);
		// The property read behind the value checks goes to the same version.
		expect(sandbox.counters().requestsByOperation).toEqual({
			[`batchUpsert ${apiVersion}`]: 1,
			[`properties ${apiVersion}`]: 1,
		});
	});
});

describe('a run stopped by the daily limit after some writes says which inputs were written', () => {
	it('the error names the items written (0-based ranges) and how to get them on Success instead', async () => {
		const daily = await startSandbox({ rateLimit: false, dailyLimit: 3 });
		try {
			const items = Array.from({ length: 300 }, (_, i) => ({ key: `D-${i}` }));
			const result = await run(
				nodeWorkflow(items, {
					idProperty: 'external_goal_key',
					inputMode: 'fields',
					idValue: '={{ $json.key }}',
					properties: mapper({ hs_goal_name: 'Daily' }),
					options: { maxConcurrency: 1 },
				}),
				daily,
			);
			const error = result.errorOf('HubSpot Goal Targets') as
				| (Error & { description?: string })
				| undefined;
			expect(error?.message).toMatch(/daily request limit/);
			// One request for the properties, two upserts of 100, then the quota is spent.
			expect(daily.store.size).toBe(200);
			expect(error?.description).toContain(
				'200 inputs were written before the node stopped: items 0-199 (0-based, as $itemIndex).',
			);
			expect(error?.description).toContain('No other input was written.');
			expect(error?.description).toContain('On Error to Continue');
		} finally {
			await daily.close();
		}
	});
});
