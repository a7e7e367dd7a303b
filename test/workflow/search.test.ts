import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { nodeWorkflow } from '../../harness/workflows';
import { errorOf, OUR_NODE_NAME, outputs, pairedIndexes, run } from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });

interface Seeded {
	id: string;
	key: string;
	amount: number;
	milestone: string;
}

/** Goal targets G-0 … G-(n-1): amounts 1000 + 250·i, every third one quarterly, the rest monthly. */
function seed(count: number): Seeded[] {
	return Array.from({ length: count }, (_, i) => {
		const milestone = i % 3 === 0 ? 'quarterly' : 'monthly';
		const amount = 1000 + 250 * i;
		const key = `G-${i}`;
		const { id } = sandbox.store.create({
			external_goal_key: key,
			hs_goal_name: `${i % 2 === 0 ? 'EMEA' : 'APAC'} goal ${i}`,
			hs_target_amount: String(amount),
			hs_milestone: milestone,
		});
		return { id, key, amount, milestone };
	});
}

const search = (parameters: INodeParameters, inputs: IDataObject[] = [{}]) =>
	nodeWorkflow(inputs, { operation: 'search', ...parameters });

const condition = (
	propertyName: string,
	operator: string,
	value?: unknown,
	highValue?: unknown,
) => ({ propertyName, operator, value, highValue });
/** The Filter Groups parameter: one group per list of conditions. */
const groups = (...lists: Array<Array<ReturnType<typeof condition>>>) =>
	({
		groups: lists.map((conditions) => ({ filters: { conditions } })),
	}) as unknown as INodeParameters;

describe("Search in n8n's engine against the sandbox", () => {
	it('finds what matches every filter of a group or the other group, sorted as asked', async () => {
		const seeded = seed(40);
		const result = await run(
			search({
				returnAll: true,
				filterGroups: groups(
					[
						condition('hs_milestone', 'EQ', 'quarterly'),
						condition('hs_target_amount', 'GTE', 5000),
					],
					[condition('hs_target_amount', 'BETWEEN', 1000, 1500)],
				),
				options: {
					sortBy: 'hs_target_amount',
					sortDirection: 'ASCENDING',
					propertiesToReturn: ['external_goal_key', 'hs_target_amount'],
				},
			}),
			sandbox,
		);
		const { success, errors } = outputs(result);
		expect(errors).toEqual([]);
		const expected = seeded
			.filter(
				(s) =>
					(s.milestone === 'quarterly' && s.amount >= 5000) ||
					(s.amount >= 1000 && s.amount <= 1500),
			)
			.sort((a, b) => a.amount - b.amount)
			.map((s) => s.key);
		expect(success.map((item) => (item.json.properties as IDataObject).external_goal_key)).toEqual(
			expected,
		);
		expect(expected.length).toBeGreaterThan(5);
	});

	it('searches once per item, with values from the item, and pairs the records with it', async () => {
		seed(12);
		const result = await run(
			search(
				{
					returnAll: true,
					filterGroups: groups([condition('external_goal_key', 'IN', '={{ $json.keys }}')]),
					options: { propertiesToReturn: ['external_goal_key'] },
				},
				[{ keys: 'G-1, G-2' }, { keys: ['G-5'] }, { keys: 'G-404' }],
			),
			sandbox,
		);
		const { success, errors } = outputs(result);
		expect(errors).toEqual([]);
		expect(
			success.map((item) => [
				(item.json.properties as IDataObject).external_goal_key,
				pairedIndexes([item])[0],
			]),
		).toEqual([
			['G-1', 0],
			['G-2', 0],
			['G-5', 1],
		]);
	});

	it('finds by query text, and never finds archived goal targets', async () => {
		const seeded = seed(6);
		sandbox.store.archive(seeded[0].id);
		const { success } = outputs(await run(search({ returnAll: true, query: 'EMEA' }), sandbox));
		expect(success.map((item) => item.json.id).sort()).toEqual([seeded[2].id, seeded[4].id].sort());
	});

	it("puts an item on Error when HubSpot refuses its search, naming HubSpot's reason", async () => {
		seed(3);
		const result = await run(
			search({ filterGroups: groups([condition('={{ $json.property }}', 'EQ', 'x')]) }, [
				{ property: 'hs_goal_name' },
				{ property: 'no_such_property' },
			]),
			sandbox,
		);
		const { success, errors } = outputs(result);
		expect(success).toEqual([]);
		expect(pairedIndexes(errors)).toEqual([1]);
		expect(errorOf(errors[0])).toMatchObject({ httpCode: '400' });
		expect(String(errorOf(errors[0]).message)).toContain('no_such_property');
	});

	it('reads 10,000 and stops there when more match, within the 5-per-second limit, and says so', async () => {
		seed(10_050);
		const result = await run(
			search({ returnAll: true, options: { propertiesToReturn: 'external_goal_key' } }),
			sandbox,
		);
		const { success, errors } = outputs(result);
		expect(errors).toEqual([]);
		expect(success).toHaveLength(10_000);
		expect(new Set(success.map((item) => item.json.id)).size).toBe(10_000);
		const counters = sandbox.counters();
		expect(counters.searchRateLimited429).toBe(0);
		const hints = result.run.data.resultData.runData[OUR_NODE_NAME][0].hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual([
			expect.stringContaining('The search of item 0 (10,050 matches)'),
		]);
	}, 120_000);

	it.each(['v3', '2026-03', '2026-09'])('searches on the %s paths', async (apiVersion) => {
		const seeded = seed(9);
		const { success } = outputs(
			await run(
				search({
					apiVersion,
					returnAll: true,
					filterGroups: groups([condition('hs_milestone', 'EQ', 'quarterly')]),
				}),
				sandbox,
			),
		);
		expect(success.map((item) => item.json.id)).toEqual(
			seeded.filter((s) => s.milestone === 'quarterly').map((s) => s.id),
		);
		expect(sandbox.counters().requestsByOperation).toEqual({ [`search ${apiVersion}`]: 1 });
	});

	it('asks the last page only for what the limit still wants', async () => {
		seed(300);
		const before = sandbox.counters().requests;
		const { success } = outputs(await run(search({ returnAll: false, limit: 250 }), sandbox));
		expect(success).toHaveLength(250);
		expect(sandbox.counters().requests - before).toBe(2);
	});
});
