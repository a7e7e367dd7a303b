import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { goalTargetOperations } from './goalTarget/GoalTarget.resource';
import type { HubSpotGoalTargetsType } from './node.type';
import type { OperationModule } from './goalTarget/common/operationModule';

const resources: { [R in HubSpotGoalTargetsType['resource']]: Record<string, OperationModule> } = {
	goalTarget: goalTargetOperations,
};

const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Runs the chosen operation; each operation handles all items itself, since it batches them. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = own(resources, resource)
		? resources[resource as HubSpotGoalTargetsType['resource']]
		: undefined;
	if (!operations || !own(operations, operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	return await operations[operation].execute.call(this);
}
