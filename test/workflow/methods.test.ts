import type { INodeType, ResourceMapperFields } from 'n8n-workflow';

import { loadOptionsContext } from '../../harness/loadOptions';
import { loadOwnNode } from '../../harness/nodeTypes';
import { fetchGoalTargetProperties } from '../../nodes/HubSpotGoalTargets/methods/goalTargetProperties';
import { GOAL_TARGET_PROPERTIES } from '../../sandbox';
import { tokenCredentials } from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });
let node: INodeType;
beforeAll(async () => {
	node = loadOwnNode();
});

const context = (token?: string) =>
	loadOptionsContext({ authentication: 'accessToken' }, tokenCredentials(sandbox, token));

describe('editor methods against the sandbox', () => {
	it('lists the unique properties for the ID Property dropdown, with labels', async () => {
		const options = await node.methods!.loadOptions!.getUniqueProperties.call(context());
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['External goal key (external_goal_key)', 'external_goal_key'],
			['Goal sync ID (goal_sync_id)', 'goal_sync_id'],
		]);
	});

	it('pages through every property', async () => {
		const before = sandbox.counters().requests;
		const properties = await fetchGoalTargetProperties(context() as never, 5);
		const listed = GOAL_TARGET_PROPERTIES.filter((p) => !p.archived).map((p) => p.name);
		expect(properties.map((p) => p.name).sort()).toEqual([...listed].sort());
		expect(sandbox.counters().requests - before).toBe(Math.ceil(listed.length / 5));
	});

	it('offers the writable properties in the resource mapper with their types, leaving out read-only, calculated, hidden and archived', async () => {
		const mapper = (await node.methods!.resourceMapping!.getPropertyColumns.call(
			context(),
		)) as ResourceMapperFields;
		const byId = Object.fromEntries(mapper.fields.map((field) => [field.id, field]));
		for (const left of [
			'hs_object_id',
			'hs_createdate',
			'hs_lastmodifieddate',
			'hs_created_by_user_id',
			'hs_kpi_value',
			'hs_legacy_goal_id',
			'goal_legacy_region',
		]) {
			expect(byId[left]).toBeUndefined();
		}
		expect(byId.hs_goal_name).toMatchObject({
			type: 'string',
			displayName: 'Goal name (hs_goal_name)',
		});
		expect(byId.hs_target_amount.type).toBe('number');
		expect(byId.goal_is_stretch.type).toBe('boolean');
		expect(byId.hs_start_datetime.type).toBe('dateTime');
		expect(byId.goal_review_date.type).toBe('dateTime');
		expect(byId.hs_milestone).toMatchObject({
			type: 'options',
			options: [
				{ name: 'Monthly', value: 'monthly' },
				{ name: 'Quarterly', value: 'quarterly' },
				{ name: 'Annually', value: 'annually' },
			],
		});
		expect(byId.hubspot_owner_id.type).toBe('string');
	});

	it('reports a bad credential clearly, without the token', async () => {
		const badToken = 'pat-sandbox-wrong-token-1234';
		const failure = node.methods!.loadOptions!.getUniqueProperties.call(context(badToken));
		await expect(failure).rejects.toThrow(/Authentication credentials not found/);
		const error = await failure.catch((e: unknown) => e);
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(badToken);
	});
});
