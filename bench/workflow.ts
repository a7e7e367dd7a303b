/**
 * The bench's workflow: Manual Trigger → Edit Fields (the rows as JSON) → Split Out → HubSpot Goal
 * Targets, in one of three input modes, with the credential of a sandbox (one per tier, and the Write Mode's).
 */
import { makeId, NODE_TYPE } from '../e2e/workflows';
import {
	expectedProperties,
	ID_PROPERTY,
	rowUpsertParameters,
	type NodeOptions,
	type Row,
} from '../testkit/workload';

export type Mode = 'json' | 'fields' | 'automap';
export const NODE_NAME = 'HubSpot Goal Targets';
export const CREDENTIAL_NAME = (key: string) => `Bench sandbox ${key}`;
export const CREDENTIAL_ID = (key: string) => makeId(`benchCred${key}`, 1);

export const MODE_LABEL: Record<Mode, string> = {
	json: 'JSON, {{ $json.input }}',
	fields: 'Map Fields, ID + 5 × {{ $json.field }}',
	automap: 'Map Automatically, ID from the item field',
};

export function itemFor(mode: Mode, row: Row): Record<string, unknown> {
	if (mode === 'json')
		return { input: { id: row.key, idProperty: ID_PROPERTY, properties: expectedProperties(row) } };
	if (mode === 'automap') return { [ID_PROPERTY]: row.key, ...expectedProperties(row) };
	return row;
}

/** The node's parameters for an input mode; `options` is its Options collection. */
export function nodeParameters(
	mode: Mode,
	options: Record<string, unknown> = {},
): Record<string, unknown> {
	const base = {
		authentication: 'accessToken',
		resource: 'goalTarget',
		operation: 'batchUpsert',
		idProperty: ID_PROPERTY,
		options,
	};
	if (mode === 'json') return { ...base, inputMode: 'json', inputsJson: '={{ $json.input }}' };
	const schema = [
		ID_PROPERTY,
		'hs_goal_name',
		'hs_target_amount',
		'hs_milestone',
		'hs_start_datetime',
		'hs_end_datetime',
	].map((id) => ({
		id,
		displayName: id,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
		removed: false,
	}));
	if (mode === 'automap') {
		return {
			...base,
			inputMode: 'fields',
			idValue: '',
			properties: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema },
		};
	}
	// Map Fields: the parameters the tests and the queue e2e use, with the mapper's columns shown.
	const fields = rowUpsertParameters(options as NodeOptions);
	return {
		...fields,
		properties: { ...(fields.properties as Record<string, unknown>), schema: schema.slice(1) },
	};
}

/** Manual Trigger → Edit Fields (the rows as JSON) → Split Out → HubSpot Goal Targets. */
export function workflowFor(
	id: string,
	mode: Mode,
	credentialKey: string,
	rows: Row[],
	options: Record<string, unknown> = {},
) {
	return {
		id,
		name: `Bench ${mode} ${credentialKey}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'One item per row', type: 'main', index: 0 }]] },
			'One item per row': { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
		nodes: [
			{
				id: 'b1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b2',
				name: 'Rows',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify({ rows: rows.map((row) => itemFor(mode, row)) }),
					options: {},
				},
			},
			{
				id: 'b3',
				name: 'One item per row',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'rows', options: {} },
			},
			{
				id: 'b4',
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [600, 0],
				parameters: nodeParameters(mode, options),
				credentials: {
					hubSpotGoalTargetsTokenApi: {
						id: CREDENTIAL_ID(credentialKey),
						name: CREDENTIAL_NAME(credentialKey),
					},
				},
			},
		],
	};
}
