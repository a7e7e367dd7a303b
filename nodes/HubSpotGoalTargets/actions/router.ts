import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as goalTarget from './goalTarget/GoalTarget.resource';

/** Runs the chosen operation; each operation handles all items itself, since it batches them. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource === 'goalTarget' && operation === 'batchUpsert') {
		return await goalTarget.batchUpsert.execute.call(this);
	}
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
}
