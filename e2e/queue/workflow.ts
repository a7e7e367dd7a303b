/**
 * The workflow every execution runs: Webhook (POST, answers at once) → Split Out (one item per
 * record of the body) → HubSpot Goal Targets (Map Fields, upsert by external_goal_key). Each call
 * brings its own records, with keys of its own, so executions of the same workflow run side by
 * side in the workers and write into the same account.
 */
import { randomUUID } from 'node:crypto';

import { NODE_NAME, rowUpsertParameters } from '../../testkit/workload';
import { makeId, NODE_TYPE, TOKEN_CRED_TYPE } from '../workflows';

export const WORKFLOW_ID = makeId('queueLoad', 1);
export const WEBHOOK_PATH = 'hgt-queue-load';
export const CREDENTIAL_ID = 'e2eQueueToken001';
export { NODE_NAME };

export function queueCredential(sandboxUrl: string, token: string): unknown {
	return {
		id: CREDENTIAL_ID,
		name: 'Queue e2e sandbox token',
		type: TOKEN_CRED_TYPE,
		data: { accessToken: token, baseUrl: sandboxUrl },
	};
}

export function queueWorkflow(options: {
	maxConcurrency?: number;
	batchSize: number;
}): Record<string, unknown> {
	return {
		id: WORKFLOW_ID,
		name: 'Queue e2e: webhook records to HubSpot goal targets',
		active: false,
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
		},
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'One item per record',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.records', options: {} },
			},
			{
				id: randomUUID(),
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				credentials: { [TOKEN_CRED_TYPE]: { id: CREDENTIAL_ID, name: 'Queue e2e sandbox token' } },
				parameters: rowUpsertParameters(
					options.maxConcurrency === undefined ? { batchSize: options.batchSize } : options,
				),
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One item per record', type: 'main', index: 0 }]] },
			'One item per record': { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}
