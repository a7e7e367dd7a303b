/**
 * Write Mode `changed` and `preview` of Create or Update and Update, in n8n's engine against the
 * sandbox, on every API version: what each input means for its record, what is written, and the
 * requests sent (batch reads and writes, counted by the sandbox).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { WorkflowRun } from '../../harness/runWorkflow';
import { fieldsParameters, nodeWorkflow } from '../../harness/workflows';
import type { SandboxCounters } from '../../sandbox';
import { errorOf, OUR_NODE_NAME, outputs, pairedIndexes, run } from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });

const VERSIONS = ['v3', '2026-03', '2026-09'] as const;

/** Rows of a sheet: a key, a name, an amount, a start, whether a stretch target, a review day. */
const syncProperties = {
	hs_goal_name: '={{ $json.name }}',
	hs_target_amount: '={{ $json.amount }}',
	hs_start_datetime: '={{ $json.start }}',
	goal_is_stretch: '={{ $json.stretch }}',
	goal_review_date: '={{ $json.review }}',
};

const seedRows = [0, 1, 2, 3].map((i) => ({
	key: `S-${i}`,
	name: `Goal ${i}`,
	amount: 42500 + i,
	start: '2027-01-01T00:00:00Z',
	stretch: false,
	review: '2027-03-15',
}));

/** The same targets a day later: 0 and 2 the same (written differently), 1 and 3 changed, 4 and 5 new, one bad row. */
const syncRows = [
	{ ...seedRows[0], amount: '42500.0', start: '2027-01-01T01:00:00+01:00', stretch: 'no' },
	{ ...seedRows[1], amount: 50000 },
	{ ...seedRows[2], start: 1798761600000, review: '2027-03-15T22:00:00Z' },
	{ ...seedRows[3], name: 'Goal 3 (renamed)', stretch: true },
	{ key: 'S-4', name: 'Goal 4', amount: 1, start: '2027-02-01T00:00:00Z' },
	{ key: 'S-5', name: 'Goal 5', amount: 2, start: '2027-02-01T00:00:00Z' },
	{ key: 'S-6', name: 'Goal 6', amount: 'lots' },
];

function upsert(options: INodeParameters): INodeParameters {
	return fieldsParameters(syncProperties, { options });
}

const changeOf = (items: INodeExecutionData[]) =>
	items.map((item) => [item.json.change, item.json.written]);

function hintsOf(result: WorkflowRun): string[] {
	return (result.run.data.resultData.runData[OUR_NODE_NAME][0].hints ?? []).map(
		(hint) => hint.message,
	);
}

/** What the sandbox received since `before`: batch reads, writes of any kind, by operation. */
function requestsSince(before: SandboxCounters) {
	const after = sandbox.counters();
	const delta = (operation: string) =>
		Object.entries(after.requestsByOperation)
			.filter(([key]) => key.startsWith(`${operation} `))
			.reduce((sum, [key, n]) => sum + n - (before.requestsByOperation[key] ?? 0), 0);
	return {
		reads: delta('batchRead'),
		writes: after.writeRequests - before.writeRequests,
		upserts: delta('batchUpsert'),
		updates: delta('batchUpdate'),
	};
}

function storedByKey() {
	return Object.fromEntries(
		sandbox.store.list().map((record) => [record.properties.external_goal_key, record.properties]),
	);
}

describe.each(VERSIONS)('Write Mode on API version %s', (apiVersion) => {
	async function runNode(rows: IDataObject[], parameters: INodeParameters) {
		const result = await run(nodeWorkflow(rows, { apiVersion, ...parameters }), sandbox);
		expect(result.run.status).toBe('success');
		return { result, ...outputs(result) };
	}

	it('Create or Update by a unique property: preview writes nothing, changed writes only what changes, a re-run writes nothing', async () => {
		await runNode(seedRows, upsert({}));
		const seeded = storedByKey();

		let before = sandbox.counters();
		const preview = await runNode(syncRows, upsert({ writeMode: 'preview' }));
		expect(requestsSince(before)).toEqual({ reads: 1, writes: 0, upserts: 0, updates: 0 });
		expect(storedByKey()).toEqual(seeded);
		expect(changeOf(preview.success)).toEqual([
			['none', false],
			['update', false],
			['none', false],
			['update', false],
			['create', false],
			['create', false],
		]);
		const ids = ['S-0', 'S-1', 'S-2', 'S-3'].map((key) => seeded[key].hs_object_id);
		expect(preview.success[1].json).toEqual({
			id: ids[1],
			properties: {
				external_goal_key: 'S-1',
				hs_goal_name: 'Goal 1',
				hs_target_amount: '42501',
				hs_start_datetime: '2027-01-01T00:00:00.000Z',
				goal_is_stretch: 'false',
				goal_review_date: '2027-03-15',
			},
			change: 'update',
			written: false,
			changes: { hs_target_amount: { from: '42501', to: '50000' } },
		});
		expect(preview.success[3].json.changes).toEqual({
			hs_goal_name: { from: 'Goal 3', to: 'Goal 3 (renamed)' },
			goal_is_stretch: { from: 'false', to: 'true' },
		});
		expect(preview.success[4].json).toEqual({
			properties: {
				external_goal_key: 'S-4',
				hs_goal_name: 'Goal 4',
				hs_target_amount: '1',
				hs_start_datetime: '2027-02-01T00:00:00.000Z',
				goal_is_stretch: '',
				goal_review_date: '',
			},
			change: 'create',
			written: false,
		});
		// The node's own checks still apply: the bad row is on Error, as in a real run.
		expect(pairedIndexes(preview.errors)).toEqual([6]);
		expect(errorOf(preview.errors[0]).message).toBe(
			"Item 6: 'properties.hs_target_amount' is not a number: 'lots'",
		);
		expect(hintsOf(preview.result)).toContain(
			'HubSpot Goal Targets: Preview, nothing written: 2 to create, 2 to update, 2 unchanged, 1 failed; 1 request (1 batch read, 0 writes)',
		);

		before = sandbox.counters();
		const changed = await runNode(syncRows, upsert({ writeMode: 'changed' }));
		expect(requestsSince(before)).toEqual({ reads: 1, writes: 1, upserts: 1, updates: 0 });
		expect(changeOf(changed.success)).toEqual([
			['none', false],
			['update', true],
			['none', false],
			['update', true],
			['create', true],
			['create', true],
		]);
		// Written items are HubSpot's results, with what they did.
		expect(changed.success[1].json).toMatchObject({
			id: ids[1],
			new: false,
			objectWriteTraceId: 'n8n-1',
			properties: { hs_target_amount: '50000', external_goal_key: 'S-1' },
			change: 'update',
			written: true,
			changes: { hs_target_amount: { from: '42501', to: '50000' } },
		});
		expect(changed.success[0].json).toMatchObject({ id: ids[0], change: 'none', written: false });
		expect(pairedIndexes(changed.success)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(pairedIndexes(changed.errors)).toEqual([6]);
		const counters = sandbox.counters();
		expect(counters.recordsCreated - before.recordsCreated).toBe(2);
		expect(counters.recordsUpdated - before.recordsUpdated).toBe(2);
		expect(storedByKey()['S-0'].hs_lastmodifieddate).toBe(seeded['S-0'].hs_lastmodifieddate);
		expect(storedByKey()['S-3'].hs_goal_name).toBe('Goal 3 (renamed)');
		expect(hintsOf(changed.result)).toContain(
			'HubSpot Goal Targets: Write Changes Only: 2 created, 2 updated, 2 unchanged, 1 failed; 2 requests (1 batch read, 1 write)',
		);

		before = sandbox.counters();
		const again = await runNode(syncRows, upsert({ writeMode: 'changed' }));
		expect(requestsSince(before)).toEqual({ reads: 1, writes: 0, upserts: 0, updates: 0 });
		expect(changeOf(again.success)).toEqual(Array(6).fill(['none', false]));
	});

	it('Update by record ID and by a unique property: preview shows the missing record as the Error a real run meets, changed writes only what changes', async () => {
		await runNode(seedRows, upsert({}));
		const seeded = storedByKey();
		const ids = ['S-0', 'S-1', 'S-2'].map((key) => seeded[key].hs_object_id);
		const byRecordId: INodeParameters = {
			operation: 'batchUpdate',
			idProperty: '',
			inputMode: 'json',
			inputsJson: '={{ $json }}',
		};
		const inputs = [
			{ id: ids[0], properties: { hs_target_amount: '42500.00' } },
			{ id: ids[1], properties: { hs_target_amount: '43000' } },
			{ id: '99999999999', properties: { hs_target_amount: '1' } },
			{ id: ids[2], properties: { hs_start_datetime: '2027-01-01T00:00:00.000Z' } },
		];
		let before = sandbox.counters();
		const preview = await runNode(inputs, { ...byRecordId, options: { writeMode: 'preview' } });
		expect(requestsSince(before)).toEqual({ reads: 1, writes: 0, upserts: 0, updates: 0 });
		expect(changeOf(preview.success)).toEqual([
			['none', false],
			['update', false],
			['none', false],
		]);
		expect(preview.success[1].json).toEqual({
			id: ids[1],
			properties: { hs_target_amount: '42501' },
			change: 'update',
			written: false,
			changes: { hs_target_amount: { from: '42501', to: '43000' } },
		});
		expect(pairedIndexes(preview.errors)).toEqual([2]);
		expect(errorOf(preview.errors[0])).toMatchObject({
			category: 'OBJECT_NOT_FOUND',
			message: expect.stringMatching(
				/^No goal target has record ID 99999999999, so it cannot be updated \(HubSpot: Could not get some GOAL_TARGET objects/,
			),
			context: { ids: ['99999999999'] },
		});

		before = sandbox.counters();
		const changed = await runNode(inputs, { ...byRecordId, options: { writeMode: 'changed' } });
		expect(requestsSince(before)).toEqual({ reads: 1, writes: 1, upserts: 0, updates: 1 });
		expect(changeOf(changed.success)).toEqual([
			['none', false],
			['update', true],
			['none', false],
		]);
		expect(sandbox.counters().recordsUpdated - before.recordsUpdated).toBe(1);
		expect(sandbox.store.get(ids[1])?.properties.hs_target_amount).toBe('43000');
		expect(pairedIndexes(changed.errors)).toEqual([2]);

		// By the unique property, in Map Fields mode.
		const byKey: INodeParameters = {
			operation: 'batchUpdate',
			idProperty: 'external_goal_key',
			inputMode: 'fields',
			idValue: '={{ $json.key }}',
			properties: {
				mappingMode: 'defineBelow',
				value: { hs_goal_name: '={{ $json.name }}' },
				matchingColumns: [],
				schema: [],
			},
		};
		const rows = [
			{ key: 'S-0', name: 'Goal 0' },
			{ key: 'S-1', name: 'Goal one' },
			{ key: 'S-9', name: 'Nobody' },
		];
		before = sandbox.counters();
		const keyed = await runNode(rows, { ...byKey, options: { writeMode: 'changed' } });
		expect(requestsSince(before)).toEqual({ reads: 1, writes: 1, upserts: 0, updates: 1 });
		expect(changeOf(keyed.success)).toEqual([
			['none', false],
			['update', true],
		]);
		expect(keyed.success[0].json).toEqual({
			id: ids[0],
			properties: { external_goal_key: 'S-0', hs_goal_name: 'Goal 0' },
			change: 'none',
			written: false,
		});
		expect(errorOf(keyed.errors[0]).message).toMatch(
			/^No goal target has external_goal_key 'S-9', so it cannot be updated/,
		);
		expect(sandbox.store.get(ids[1])?.properties.hs_goal_name).toBe('Goal one');
	});
});

describe('Write Mode changed: the requests it costs', () => {
	const rows = (count: number, changedEvery = 0) =>
		Array.from({ length: count }, (_, i) => ({
			key: `N-${i}`,
			name: `Nightly ${i}`,
			amount: changedEvery && i % changedEvery === 0 ? 9000 + i : 1000 + i,
		}));
	const parameters = (options: INodeParameters) =>
		fieldsParameters(
			{ hs_goal_name: '={{ $json.name }}', hs_target_amount: '={{ $json.amount }}' },
			{ options },
		);

	it('250 records, 25 of them changed: 3 batch reads and 1 write; nothing changed: 3 batch reads and no write', async () => {
		await run(nodeWorkflow(rows(250), parameters({})), sandbox);
		expect(sandbox.store.size).toBe(250);

		let before = sandbox.counters();
		const changed = await run(
			nodeWorkflow(rows(250, 10), parameters({ writeMode: 'changed' })),
			sandbox,
		);
		expect(requestsSince(before)).toEqual({ reads: 3, writes: 1, upserts: 1, updates: 0 });
		expect(sandbox.counters().recordsUpdated - before.recordsUpdated).toBe(25);
		expect(hintsOf(changed)).toContain(
			'HubSpot Goal Targets: Write Changes Only: 0 created, 25 updated, 225 unchanged, 0 failed; 4 requests (3 batch reads, 1 write)',
		);

		before = sandbox.counters();
		const again = await run(
			nodeWorkflow(rows(250, 10), parameters({ writeMode: 'changed' })),
			sandbox,
		);
		expect(requestsSince(before)).toEqual({ reads: 3, writes: 0, upserts: 0, updates: 0 });
		expect(outputs(again).success.every((item) => item.json.change === 'none')).toBe(true);
	});

	it('two inputs for one record: the later is compared with the record as the earlier leaves it, and the store ends as Write All leaves it', async () => {
		const sameRecord = [
			{ key: 'D-1', name: 'first', amount: 1 },
			{ key: 'D-1', name: 'first', amount: '1.0' },
			{ key: 'D-2', name: 'other', amount: 2 },
			{ key: 'D-1', name: 'first', amount: 3 },
		];
		const result = await run(
			nodeWorkflow(sameRecord, parameters({ writeMode: 'changed' })),
			sandbox,
		);
		const { success, errors } = outputs(result);
		expect(errors).toEqual([]);
		expect(changeOf(success)).toEqual([
			['create', true],
			['none', false],
			['create', true],
			['update', true],
		]);
		expect(success[3].json.changes).toEqual({ hs_target_amount: { from: '1', to: '3' } });
		expect(
			sandbox.store.getByProperty('external_goal_key', 'D-1')?.properties.hs_target_amount,
		).toBe('3');
		// The two writes of D-1 never share a request.
		expect(sandbox.counters().upsertRequests).toBe(2);
	});

	it('Write All (the default, or chosen) sends no batch read and adds no field to the Success items', async () => {
		const plain = outputs(await run(nodeWorkflow(rows(3), parameters({})), sandbox)).success;
		sandbox.reset();
		const chosen = outputs(
			await run(nodeWorkflow(rows(3), parameters({ writeMode: 'all' })), sandbox),
		).success;
		const withoutTimes = (items: INodeExecutionData[]) =>
			JSON.parse(
				JSON.stringify(items.map((item) => item.json)).replace(
					/"\d{4}-\d{2}-\d{2}T[\d:.]+Z"/g,
					'"t"',
				),
			);
		expect(withoutTimes(chosen)).toEqual(withoutTimes(plain));
		expect(Object.keys(chosen[0].json).sort()).toEqual([
			'archived',
			'createdAt',
			'id',
			'new',
			'objectWriteTraceId',
			'properties',
			'updatedAt',
		]);
		expect(sandbox.counters().requestsByOperation['batchRead v3']).toBeUndefined();
	});

	it('an empty value equals a property without a value; a property HubSpot does not return counts as changed', async () => {
		await run(nodeWorkflow(rows(1), parameters({})), sandbox);
		const unchecked = fieldsParameters(
			{ hs_goal_name: '={{ $json.name }}', goal_review_date: '', no_such_property: 'x' },
			{ options: { writeMode: 'preview', validateProperties: false } },
		);
		const { success } = outputs(await run(nodeWorkflow(rows(1), unchecked), sandbox));
		expect(success[0].json).toMatchObject({
			change: 'update',
			properties: { hs_goal_name: 'Nightly 0', goal_review_date: null, no_such_property: null },
			changes: { no_such_property: { from: null, to: 'x' } },
		});
	});

	it('a batch read that fails puts its inputs on Error, saying nothing was written', async () => {
		await run(nodeWorkflow(rows(2), parameters({})), sandbox);
		sandbox.configure({ faults: { rate: 1, kinds: ['status503'], operations: ['batchRead'] } });
		const before = sandbox.counters();
		const result = await run(
			nodeWorkflow(rows(2, 1), parameters({ writeMode: 'changed', maxRetries: 0 })),
			sandbox,
		);
		sandbox.configure({ faults: undefined });
		const { success, errors } = outputs(result);
		expect(success).toEqual([]);
		expect(pairedIndexes(errors)).toEqual([0, 1]);
		expect(errorOf(errors[0]).message).toMatch(
			/^The goal target could not be read to compare with, so this input was not written \(nothing was changed; send it again\): .*not retried: Max Retries is 0/,
		);
		expect(requestsSince(before).writes).toBe(0);
	});

	it('a Write Mode an expression gives that is none of the three stops the node before anything is sent', async () => {
		const result = await run(nodeWorkflow(rows(1), parameters({ writeMode: 'dry-run' })), sandbox);
		expect(result.run.status).toBe('error');
		expect(result.errorOf(OUR_NODE_NAME)?.message).toBe(
			"Option 'Write Mode' (writeMode) must be one of all, changed, preview (Write All, Write Changes Only, Preview, Write Nothing), not 'dry-run'",
		);
		expect(sandbox.counters().requests).toBe(0);
	});

	it('stops when the account properties cannot be read, since values cannot be compared without their types', async () => {
		const result = await run(
			nodeWorkflow(rows(1), parameters({ writeMode: 'preview' })),
			sandbox,
			'not-a-token',
		);
		expect(result.run.status).toBe('error');
		expect(result.errorOf(OUR_NODE_NAME)?.message).toMatch(
			/^Could not read the account's goal target properties, which Write Mode 'Preview, Write Nothing' needs to compare values by their type: .*Nothing was sent\.$/,
		);
	});

	it('with On Error set to continue, puts every item on Error instead, and sends nothing', async () => {
		const result = await run(
			nodeWorkflow(rows(2), parameters({ writeMode: 'changed' }), {
				onError: 'continueErrorOutput',
			}),
			sandbox,
			'not-a-token',
		);
		expect(result.run.status).toBe('success');
		const { success, errors } = outputs(result);
		expect(success).toEqual([]);
		expect(pairedIndexes(errors)).toEqual([0, 1]);
		expect(errorOf(errors[0]).message).toMatch(
			/^Not sent: Could not read the account's goal target properties, which Write Mode 'Write Changes Only' needs/,
		);
		expect(sandbox.counters().writeRequests).toBe(0);
	});
});
