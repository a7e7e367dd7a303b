import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { ITEMS_NODE_TYPE } from './itemsNode';
import { NODE_TYPE } from './nodeTypes';
import type { WorkflowDefinition } from './runWorkflow';

export const OUR_NODE_NAME = 'HubSpot Goal Targets';

/**
 * Manual Trigger → Items → HubSpot Goal Targets, with the given parameters and node settings: the workflow
 * of every operation (`parameters.operation`; Upsert when it names none).
 */
export function nodeWorkflow(
	items: IDataObject[] | { generator: string; count: number },
	parameters: INodeParameters,
	nodeSettings: Partial<INode> = {},
): WorkflowDefinition {
	const itemsParameters: INodeParameters = Array.isArray(items)
		? { items: JSON.stringify(items) }
		: { generator: items.generator, count: items.count };
	return {
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '2',
				name: 'Items',
				type: ITEMS_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: itemsParameters,
			},
			{
				id: '3',
				name: OUR_NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [400, 0],
				parameters: { resource: 'goalTarget', operation: 'batchUpsert', ...parameters },
				...nodeSettings,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: OUR_NODE_NAME, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Fields-mode parameters: the id from `$json.key`, the listed properties from same-named item fields. */
export function fieldsParameters(
	properties: Record<string, string>,
	extra: INodeParameters = {},
): INodeParameters {
	return {
		idProperty: 'external_goal_key',
		inputMode: 'fields',
		idValue: '={{ $json.key }}',
		properties: { mappingMode: 'defineBelow', value: properties, matchingColumns: [], schema: [] },
		...extra,
	};
}
