import type { INodeParameters } from 'n8n-workflow';

import { nodeWorkflow } from '../../harness/workflows';
import { errorOf, OUR_NODE_NAME, outputs, pairedIndexes, run } from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });

/** `count` goal targets in the sandbox, keyed G-0, G-1, ... */
function seed(count: number): string[] {
	return Array.from(
		{ length: count },
		(_, i) =>
			sandbox.store.create({
				external_goal_key: `G-${i}`,
				hs_goal_name: `Goal ${i}`,
				hs_target_amount: String(100 * i),
			}).id,
	);
}

const getAll = (parameters: INodeParameters, inputs = [{}]) =>
	nodeWorkflow(inputs, { operation: 'getAll', ...parameters });

describe("Get Many in n8n's engine against the sandbox", () => {
	it('reads every goal target across pages, once, paired with the first item', async () => {
		const ids = seed(250);
		const before = sandbox.counters().requests;
		const result = await run(getAll({ returnAll: true }, [{ a: 1 }, { a: 2 }, { a: 3 }]), sandbox);
		const { success, errors } = outputs(result);
		expect(errors).toEqual([]);
		expect(success.map((item) => item.json.id)).toEqual(ids);
		expect(new Set(pairedIndexes(success))).toEqual(new Set([0]));
		// Three pages of at most 100, though three items came in.
		expect(sandbox.counters().requests - before).toBe(3);
	});

	it('stops at the limit, asking the last page only for what is missing', async () => {
		seed(130);
		const result = await run(getAll({ returnAll: false, limit: 120 }), sandbox);
		expect(outputs(result).success).toHaveLength(120);
		expect(sandbox.counters().requests).toBe(2);
	});

	it('reads 50 by default', async () => {
		seed(60);
		expect(outputs(await run(getAll({}), sandbox)).success).toHaveLength(50);
	});

	it('returns the properties asked for, from the list or typed comma-separated', async () => {
		seed(2);
		for (const propertiesToReturn of [
			['hs_goal_name', 'external_goal_key'],
			'hs_goal_name, external_goal_key',
		]) {
			const { success } = outputs(
				await run(getAll({ returnAll: true, options: { propertiesToReturn } }), sandbox),
			);
			expect(success[1].json.properties).toMatchObject({
				hs_goal_name: 'Goal 1',
				external_goal_key: 'G-1',
			});
			expect(success[1].json.properties).not.toHaveProperty('hs_target_amount');
		}
	});

	it('reads archived goal targets only when asked to, and then only those', async () => {
		const ids = seed(5);
		sandbox.store.archive(ids[1]);
		sandbox.store.archive(ids[3]);
		const current = outputs(await run(getAll({ returnAll: true }), sandbox)).success;
		expect(current.map((item) => item.json.id)).toEqual([ids[0], ids[2], ids[4]]);
		const archived = outputs(
			await run(getAll({ returnAll: true, options: { archived: true } }), sandbox),
		).success;
		expect(archived.map((item) => [item.json.id, item.json.archived])).toEqual([
			[ids[1], true],
			[ids[3], true],
		]);
	});

	it.each(['v3', '2026-03', '2026-09'])('reads on the %s paths', async (apiVersion) => {
		const ids = seed(120);
		const { success } = outputs(await run(getAll({ apiVersion, returnAll: true }), sandbox));
		expect(success.map((item) => item.json.id)).toEqual(ids);
		expect(sandbox.counters().requestsByOperation).toEqual({ [`list ${apiVersion}`]: 2 });
	});

	it('returns nothing on Success for an empty account, and no error', async () => {
		const { success, errors } = outputs(await run(getAll({ returnAll: true }), sandbox));
		expect({ success, errors }).toEqual({ success: [], errors: [] });
	});

	it("stops the node with HubSpot's message when the token is refused", async () => {
		const result = await run(getAll({ returnAll: true }), sandbox, 'pat-not-a-token');
		expect(result.run.status).toBe('error');
		expect(result.errorOf(OUR_NODE_NAME)?.message ?? '').toMatch(/authenticat|401|token/i);
	});

	it('with On Error set to continue, puts the failure on the Error output instead', async () => {
		const result = await run(
			nodeWorkflow(
				[{}],
				{ operation: 'getAll', returnAll: true },
				{ onError: 'continueRegularOutput' },
			),
			sandbox,
			'pat-not-a-token',
		);
		const { success, errors } = outputs(result);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errorOf(errors[0])).toMatchObject({ httpCode: '401' });
		expect(errors[0].json.input).toEqual({
			returnAll: true,
			limit: null,
			archived: false,
			properties: [],
		});
		expect(pairedIndexes(errors)).toEqual([0]);
	});

	it('refuses a limit that is not a whole number from 1 to 100,000, naming it', async () => {
		const result = await run(getAll({ returnAll: false, limit: 0 }), sandbox);
		expect(result.run.status).toBe('error');
		expect(result.errorOf(OUR_NODE_NAME)?.message).toBe(
			"Parameter 'Limit' (limit) must be a whole number from 1 to 100,000, not 0",
		);
	});
});
