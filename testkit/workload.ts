/**
 * Generated goal-target rows and a workflow that sends them through the HubSpot Goal Targets node
 * in n8n's engine: shared by the chaos workflow tests and the benchmark.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWorkflowSettings,
} from 'n8n-workflow';

import { HarnessNodeTypes, NODE_TYPE } from '../harness/nodeTypes';
import type { WorkflowDefinition } from '../harness/runWorkflow';

export const GENERATOR_TYPE = 'bench.generateRows';
export const NODE_NAME = 'HubSpot Goal Targets';
export const ID_PROPERTY = 'external_goal_key';

export interface Row extends IDataObject {
	key: string;
	name: string;
	amount: number | string;
	milestone: string;
	start: string;
	end: string;
}

const MONTH_END = ['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];

/** `count` distinct rows; `invalid(i)` true makes row i carry an amount HubSpot refuses (inside a 207). */
export function makeRows(
	count: number,
	options: { prefix?: string; invalid?: (i: number) => boolean } = {},
): Row[] {
	const prefix = options.prefix ?? 'k';
	const rows: Row[] = [];
	for (let i = 0; i < count; i++) {
		const month = i % 12;
		const mm = String(month + 1).padStart(2, '0');
		rows.push({
			key: `${prefix}-${i}`,
			name: `Team ${i} new business 2027-${mm}`,
			amount: options.invalid?.(i) ? 'lots' : 1000 + i,
			milestone: 'monthly',
			start: `2027-${mm}-01T00:00:00.000Z`,
			end: `2027-${mm}-${MONTH_END[month]}T23:59:59.999Z`,
		});
	}
	return rows;
}

/** The properties the node sends for a row, as HubSpot stores them. */
export function expectedProperties(row: Row): Record<string, string> {
	return {
		hs_goal_name: row.name,
		hs_target_amount: String(row.amount),
		hs_milestone: row.milestone,
		hs_start_datetime: row.start,
		hs_end_datetime: row.end,
	};
}

/** A source node emitting the given rows as items (n8n's own nodes would need an expression per row). */
export function generatorNode(rows: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Generate Rows',
			name: 'generateRows',
			group: ['input'],
			version: 1,
			description: 'Emits generated rows',
			defaults: { name: 'Generate Rows' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [rows.map((json) => ({ json }))];
		},
	} as INodeType;
}

export interface NodeOptions {
	maxConcurrency?: number;
	maxRetries?: number;
	isolateFailures?: boolean;
	timeout?: number;
	batchSize?: number;
	validateProperties?: boolean;
}

/**
 * Our node's parameters that upsert rows (`Row`) by their key in "Map Fields" mode, with expressions as a
 * user would write them, through a token credential.
 */
export function rowUpsertParameters(options: NodeOptions = {}): INodeParameters {
	return {
		authentication: 'accessToken',
		resource: 'goalTarget',
		operation: 'batchUpsert',
		idProperty: ID_PROPERTY,
		inputMode: 'fields',
		idValue: '={{ $json.key }}',
		properties: {
			mappingMode: 'defineBelow',
			value: {
				hs_goal_name: '={{ $json.name }}',
				hs_target_amount: '={{ $json.amount }}',
				hs_milestone: '={{ $json.milestone }}',
				hs_start_datetime: '={{ $json.start }}',
				hs_end_datetime: '={{ $json.end }}',
			},
			matchingColumns: [],
			schema: [],
		},
		options: { ...options },
	};
}

/**
 * Trigger → generated rows → HubSpot Goal Targets upserting them (`rowUpsertParameters`). `onError`
 * sets the node's error handling (continue on fail).
 */
export function generatedRowsWorkflow(
	options: NodeOptions = {},
	nodeSettings: { onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput' } = {},
	settings?: IWorkflowSettings,
): WorkflowDefinition {
	return {
		name: 'generated upsert',
		settings,
		nodes: [
			{
				id: 't',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'g',
				name: 'Rows',
				type: GENERATOR_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
			{
				id: 'h',
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [400, 0],
				...(nodeSettings.onError ? { onError: nodeSettings.onError } : {}),
				parameters: rowUpsertParameters(options),
			},
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}

/** Node types for one run: the harness's, plus the generator emitting `rows`. */
export function nodeTypesFor(rows: IDataObject[]): HarnessNodeTypes {
	const types = new HarnessNodeTypes();
	types.add(GENERATOR_TYPE, generatorNode(rows));
	return types;
}
