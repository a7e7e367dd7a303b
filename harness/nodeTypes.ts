/**
 * The node types a test, the demo or the benchmark workflow may use: our node as built into
 * dist/ (what n8n loads from the package), and a few of n8n's own nodes from n8n-nodes-base.
 */
import * as path from 'node:path';

import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ITEMS_NODE_TYPE, ItemsNode } from './itemsNode';

export const PACKAGE_NAME = 'n8n-nodes-hubspot-goal-targets';
export const NODE_TYPE = `${PACKAGE_NAME}.hubSpotGoalTargets`;

const repoRoot = path.resolve(__dirname, '..');

function load<T>(file: string, exportName: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const loaded = require(file) as Record<string, new () => T>;
	const Class = loaded[exportName];
	if (!Class) throw new Error(`${file} does not export ${exportName}`);
	return new Class();
}

const baseNode = (dir: string, name: string) =>
	path.join(
		require.resolve('n8n-nodes-base/package.json'),
		'..',
		'dist',
		'nodes',
		dir,
		`${name}.node.js`,
	);

/** Our node from dist/: run `npm run build` first. */
export function loadOwnNode(): INodeType {
	return load<INodeType>(
		path.join(repoRoot, 'dist/nodes/HubSpotGoalTargets/HubSpotGoalTargets.node.js'),
		'HubSpotGoalTargets',
	);
}

export function loadOwnCredentialTypes(): ICredentialType[] {
	return [
		load<ICredentialType>(
			path.join(repoRoot, 'dist/credentials/HubSpotGoalTargetsTokenApi.credentials.js'),
			'HubSpotGoalTargetsTokenApi',
		),
		load<ICredentialType>(
			path.join(repoRoot, 'dist/credentials/HubSpotGoalTargetsOAuth2Api.credentials.js'),
			'HubSpotGoalTargetsOAuth2Api',
		),
		load<ICredentialType>(
			path.join(
				require.resolve('n8n-nodes-base/package.json'),
				'..',
				'dist',
				'credentials',
				'OAuth2Api.credentials.js',
			),
			'OAuth2Api',
		),
	];
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor() {
		this.types.set(NODE_TYPE, loadOwnNode());
		this.types.set(
			'n8n-nodes-base.manualTrigger',
			load(baseNode('ManualTrigger', 'ManualTrigger'), 'ManualTrigger'),
		);
		this.types.set('n8n-nodes-base.set', load(baseNode('Set', 'Set'), 'Set'));
		this.types.set(
			'n8n-nodes-base.splitOut',
			load(baseNode('Transform/SplitOut', 'SplitOut'), 'SplitOut'),
		);
		this.types.set('n8n-nodes-base.noOp', load(baseNode('NoOp', 'NoOp'), 'NoOp'));
		this.types.set(ITEMS_NODE_TYPE, new ItemsNode());
	}

	/** Extra node types, e.g. a source node that emits many generated items for the benchmark. */
	add(type: string, node: INodeType) {
		this.types.set(type, node);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types.get(nodeType);
		if (!found) throw new Error(`Unknown node type in this harness: ${nodeType}`);
		return found;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}
}
