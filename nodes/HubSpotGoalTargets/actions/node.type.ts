import type {
	AllEntities,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { GoalTargetOperation } from './goalTarget/GoalTarget.resource';

/** What one operation's module exports: its entry in the operation list, its parameters, and how it runs. */
export interface OperationModule {
	option: INodePropertyOptions;
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

type NodeMap = {
	goalTarget: GoalTargetOperation;
};

/** Every valid (resource, operation) pair of the node. */
export type HubSpotGoalTargetsType = AllEntities<NodeMap>;
