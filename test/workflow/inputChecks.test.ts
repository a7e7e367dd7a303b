import type { INodeParameters } from 'n8n-workflow';

import { fieldsParameters, nodeWorkflow } from '../../harness/workflows';
import {
	basicProperties,
	errorOf,
	goalRows,
	OUR_NODE_NAME,
	outputs,
	pairedIndexes,
	run,
} from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });

/** JSON mode, each item's `input` as the upsert input. */
const jsonParameters = (options: INodeParameters = {}): INodeParameters => ({
	idProperty: 'external_goal_key',
	inputMode: 'json',
	inputsJson: '={{ $json.input }}',
	options,
});

/** Three inputs; the middle one also sets `name` (given as JSON text, so "__proto__" is an own key). */
function rowsWithProperty(name: string) {
	return [0, 1, 2].map((i) => ({
		input: JSON.parse(
			`{"id": "P-${i}", "properties": {"hs_goal_name": "Goal ${i}"${i === 1 ? `, ${JSON.stringify(name)}: "x"` : ''}}}`,
		),
	}));
}

describe('options are checked before anything is sent', () => {
	it.each([
		[
			{ maxConcurrency: 0 },
			"Option 'Max Concurrent Requests' (maxConcurrency) must be a whole number from 1 to 250, not 0",
		],
		[
			{ timeout: 0 },
			"Option 'Timeout (Ms)' (timeout) must be a whole number from 1,000 to 300,000, not 0",
		],
		[
			{ maxRetries: '={{ "lots" }}' },
			"Option 'Max Retries' (maxRetries) must be a whole number from 0 to 10, not 'lots'",
		],
		[
			{ batchSize: 2.5 },
			"Option 'Batch Size' (batchSize) must be a whole number from 1 to 100, not 2.5",
		],
	])(
		'%p stops the node with a clear message',
		async (options, message) => {
			const result = await run(
				nodeWorkflow(goalRows(3), fieldsParameters(basicProperties, { options })),
				sandbox,
			);
			expect(result.errorOf(OUR_NODE_NAME)?.message).toBe(message);
			expect(sandbox.counters().requests).toBe(0);
		},
		15_000,
	);
});

describe('property names are ordinary names, "toString" and "__proto__" too', () => {
	it.each(['toString', 'constructor', '__proto__'])(
		'with value checks off, HubSpot refusing %p fails only the input that has it',
		async (name) => {
			const result = await run(
				nodeWorkflow(rowsWithProperty(name), jsonParameters({ validateProperties: false })),
				sandbox,
			);
			const { success, errors } = outputs(result);
			expect(pairedIndexes(errors)).toEqual([1]);
			expect(errorOf(errors[0]).message).toContain(`Property "${name}" does not exist`);
			expect(pairedIndexes(success)).toEqual([0, 2]);
			expect(sandbox.store.size).toBe(2);
		},
	);

	it.each(['toString', '__proto__'])(
		'with value checks on, %p is refused before sending as an unknown property',
		async (name) => {
			const { success, errors } = outputs(
				await run(nodeWorkflow(rowsWithProperty(name), jsonParameters()), sandbox),
			);
			expect(pairedIndexes(errors)).toEqual([1]);
			expect(errorOf(errors[0])).toMatchObject({
				category: 'INVALID_INPUT',
				field: `properties.${name}`,
				message: `Item 1: 'properties.${name}' is not a goal target property in this HubSpot account`,
			});
			expect(success).toHaveLength(2);
		},
	);
});

describe("HubSpot's 65,536-character limit", () => {
	it.each([true, false])(
		'a longer value is an Error item before sending (value checks %p)',
		async (validateProperties) => {
			const rows = goalRows(3).map((row, i) => ({
				input: {
					id: row.key,
					properties: { hs_goal_name: i === 2 ? 'y'.repeat(65_537) : row.name },
				},
			}));
			const { success, errors } = outputs(
				await run(nodeWorkflow(rows, jsonParameters({ validateProperties })), sandbox),
			);
			expect(pairedIndexes(errors)).toEqual([2]);
			expect(errorOf(errors[0])).toMatchObject({
				category: 'INVALID_INPUT',
				field: 'properties.hs_goal_name',
				message:
					"Item 2: 'properties.hs_goal_name' is 65,537 characters long; HubSpot takes at most 65,536",
			});
			expect(success).toHaveLength(2);
			expect(sandbox.counters().upsertRequests).toBe(1);
		},
	);
});
