import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from './common/operationModule';
import * as operations from './operations';

export type GoalTargetOperation = keyof typeof operations;

/** The goal target operations by `operation` value; checked to be complete operation modules. */
export const goalTargetOperations: Record<GoalTargetOperation, OperationModule> = operations;

const modules: OperationModule[] = Object.values(goalTargetOperations);

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['goalTarget'] } },
		// In alphabetical order of their names, as n8n lists operations.
		options: modules.map((module) => module.option).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'batchUpsert',
	},
	...modules.flatMap((module) => module.description),
];

/** The node's subtitle: the chosen operation's name. */
export const subtitle = `={{ ${JSON.stringify(Object.fromEntries(modules.map((module) => [module.option.value, module.option.name])))}[$parameter["operation"]] ?? $parameter["operation"] }}`;
