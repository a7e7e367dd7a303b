/**
 * A request HubSpot refuses as a whole for a request-level parameter (batch read's idProperty; the
 * idProperty of an update or upsert, which HubSpot refuses for the whole request when it is not
 * unique) settles every input of the run that carries that parameter in a few requests: the
 * refused requests' inputs fail with HubSpot's reason, later requests with it are not sent. Inputs
 * with another idProperty in the same run are still sent.
 *
 * Create and Delete (batch archive) have no request-level parameter: their bodies are only
 * `inputs`, so every refusal there can come from one input and is isolated as before (the last
 * test; Delete's in test/unit/engine/refusedParameters.test.ts, since the node sends nothing the
 * sandbox's archive refuses).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fieldsParameters, nodeWorkflow } from '../../harness/workflows';
import {
	basicProperties,
	errorOf,
	expectEachItemOnce,
	goalRows,
	outputs,
	pairedIndexes,
	run,
} from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });

const MAX_CONCURRENCY = 2;
/** The requests in flight when the first refusal comes back may all be refused; then a couple more at most. */
const FEW = MAX_CONCURRENCY + 2;

const requestsOf = (operation: string) =>
	sandbox.counters().requestsByOperation[`${operation} v3`] ?? 0;

async function runNode(items: IDataObject[], parameters: INodeParameters) {
	const result = await run(nodeWorkflow(items, parameters), sandbox);
	expect(result.run.status).toBe('success');
	return outputs(result);
}

const NON_UNIQUE = /non-unique 0-74 property hs_goal_name/;

/** Records the unique key `K-<i>` names, for the good group of a mixed run. */
function seedKeys(indexes: number[]) {
	for (const i of indexes)
		sandbox.store.create({ external_goal_key: `K-${i}`, hs_goal_name: `Goal ${i}` });
}

describe('batch read: an idProperty HubSpot refuses', () => {
	it('settles 300 items in a few requests, each on Error with the reason naming the property', async () => {
		const items = goalRows(300).map((row) => ({ name: row.name }));
		const { success, errors } = await runNode(items, {
			operation: 'batchRead',
			idProperty: 'hs_goal_name',
			idValue: '={{ $json.name }}',
			options: { maxConcurrency: MAX_CONCURRENCY },
		});
		expect(success).toEqual([]);
		expectEachItemOnce(300, success, errors);
		expect(requestsOf('batchRead')).toBeLessThanOrEqual(FEW);
		for (const item of errors) {
			expect(errorOf(item)).toMatchObject({ httpCode: '400', category: 'VALIDATION_ERROR' });
			expect(errorOf(item).message).toMatch(NON_UNIQUE);
		}
		// Requests after the refusal were not sent: their items say so.
		const notSent = errors.filter((item) => String(errorOf(item).message).startsWith('Not sent'));
		expect(notSent.length).toBeGreaterThanOrEqual(100);
		expect(String(errorOf(notSent[0]).message)).toMatch(
			/^Not sent: an earlier request with idProperty 'hs_goal_name' was refused: /,
		);
	});

	it('still reads the items of another idProperty in the same run', async () => {
		const good = [...Array(300).keys()].filter((i) => i % 2 === 1);
		seedKeys(good);
		const items = goalRows(300).map((row, i) => ({
			prop: i % 2 === 0 ? 'hs_goal_name' : 'external_goal_key',
			id: i % 2 === 0 ? row.name : row.key,
		}));
		const { success, errors } = await runNode(items, {
			operation: 'batchRead',
			idProperty: '={{ $json.prop }}',
			idValue: '={{ $json.id }}',
			options: { maxConcurrency: MAX_CONCURRENCY },
		});
		expectEachItemOnce(300, success, errors);
		expect(pairedIndexes(success)).toEqual(good);
		expect(success.map((item) => (item.json.properties as IDataObject).external_goal_key)).toEqual(
			good.map((i) => `K-${i}`),
		);
		for (const item of errors) expect(errorOf(item).message).toMatch(NON_UNIQUE);
		// Two requests for the 150 good ones, a few for the 150 refused ones.
		expect(requestsOf('batchRead')).toBeLessThanOrEqual(2 + FEW);
	});
});

describe('batch update: an idProperty HubSpot refuses', () => {
	const updateParameters = (idProperty: string): INodeParameters => ({
		operation: 'batchUpdate',
		idProperty,
		inputMode: 'json',
		inputsJson: '={{ $json }}',
		// Checked against the account's properties, the node would refuse it before sending.
		options: { validateProperties: false, maxConcurrency: MAX_CONCURRENCY },
	});

	it('settles 1,000 items in a few requests, each on Error with the reason naming the property', async () => {
		const items = goalRows(1000).map((row) => ({
			id: row.name,
			properties: { hs_target_amount: '5' },
		}));
		const { success, errors } = await runNode(items, updateParameters('hs_goal_name'));
		expect(success).toEqual([]);
		expectEachItemOnce(1000, success, errors);
		expect(requestsOf('batchUpdate')).toBeLessThanOrEqual(FEW);
		for (const item of errors) expect(errorOf(item).message).toMatch(NON_UNIQUE);
	});

	it('still writes the inputs with another idProperty, sharing requests with the refused ones', async () => {
		const good = [...Array(1000).keys()].filter((i) => i % 2 === 1);
		seedKeys(good);
		const items = goalRows(1000).map((row, i) =>
			i % 2 === 0
				? { id: row.name, idProperty: 'hs_goal_name', properties: { hs_target_amount: '5' } }
				: { id: row.key, properties: { hs_target_amount: '7' } },
		);
		const { success, errors } = await runNode(items, updateParameters('external_goal_key'));
		expectEachItemOnce(1000, success, errors);
		expect(pairedIndexes(success)).toEqual(good);
		for (const item of errors) expect(errorOf(item).message).toMatch(NON_UNIQUE);
		expect(sandbox.store.list().every((r) => r.properties.hs_target_amount === '7')).toBe(true);
		// Ten requests of 100 (50 good each once the refused ones are known) and a few more.
		expect(requestsOf('batchUpdate')).toBeLessThanOrEqual(10 + FEW);
	});
});

describe('batch upsert: an idProperty HubSpot refuses', () => {
	it('settles 1,000 items in a few requests, each on Error with the reason naming the property', async () => {
		const params = fieldsParameters(basicProperties, {
			idProperty: 'hs_goal_name',
			idValue: '={{ $json.name }}',
			options: { validateProperties: false, maxConcurrency: MAX_CONCURRENCY },
		});
		const { success, errors } = await runNode(goalRows(1000), params);
		expect(success).toEqual([]);
		expectEachItemOnce(1000, success, errors);
		expect(sandbox.counters().upsertRequests).toBeLessThanOrEqual(FEW);
		for (const item of errors) expect(errorOf(item).message).toMatch(NON_UNIQUE);
		expect(sandbox.store.size).toBe(0);
	});
});

describe('create has no request-level parameter', () => {
	it('create: a refusal one input causes fails that input only; later requests are all sent', async () => {
		const items = goalRows(300).map((row, i) => ({
			properties:
				i === 5 ? { hs_goal_name: row.name, no_such_property: 'x' } : { hs_goal_name: row.name },
		}));
		const { success, errors } = await runNode(items, {
			operation: 'batchCreate',
			inputMode: 'json',
			inputsJson: '={{ $json }}',
			options: { validateProperties: false, maxConcurrency: MAX_CONCURRENCY },
		});
		expect(pairedIndexes(errors)).toEqual([5]);
		expect(errorOf(errors[0]).message).toMatch(/no_such_property/);
		expect(success).toHaveLength(299);
		expect(requestsOf('batchCreate')).toBe(4);
	});
});
