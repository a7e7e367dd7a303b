import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow, type WorkflowDefinition, type WorkflowRun } from '../harness/runWorkflow';
import { OUR_NODE_NAME } from '../harness/workflows';
import type { Sandbox } from '../sandbox';

export { OUR_NODE_NAME };

export function tokenCredentials(sandbox: Sandbox, accessToken = sandbox.tokens.readWrite) {
	return { hubSpotGoalTargetsTokenApi: { accessToken, baseUrl: sandbox.url } };
}

export async function run(
	definition: WorkflowDefinition,
	sandbox: Sandbox,
	accessToken?: string,
): Promise<WorkflowRun> {
	return await runWorkflow(definition, { credentials: tokenCredentials(sandbox, accessToken) });
}

export function outputs(result: WorkflowRun): {
	success: INodeExecutionData[];
	errors: INodeExecutionData[];
} {
	const [success = [], errors = []] = result.outputsOf(OUR_NODE_NAME);
	return { success, errors };
}

export const pairedIndexes = (items: INodeExecutionData[]) =>
	items.map((item) => (item.pairedItem as { item: number }).item);

export const errorOf = (item: INodeExecutionData) => item.json.error as IDataObject;

/** Every input item is on exactly one of the two outputs: their paired items are 0 … count − 1, once each. */
export function expectEachItemOnce(
	count: number,
	success: INodeExecutionData[],
	errors: INodeExecutionData[],
): void {
	const indexes = [...pairedIndexes(success), ...pairedIndexes(errors)].sort((a, b) => a - b);
	expect(indexes).toEqual([...Array(count).keys()]);
}

/** n rows with unique keys, in the shape a spreadsheet would give. */
export function goalRows(n: number, prefix = 'K'): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({
		key: `${prefix}-${i}`,
		name: `Goal ${i}`,
		amount: 1000 + i,
	}));
}

export const basicProperties = {
	hs_goal_name: '={{ $json.name }}',
	hs_target_amount: '={{ $json.amount }}',
};
