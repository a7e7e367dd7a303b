/**
 * Calls the node's editor methods (loadOptions, resource mapping) in n8n-core's own
 * LoadOptionsContext, the way the editor's backend does when a dropdown opens.
 */
import type {
	ICredentialDataDecryptedObject,
	ILoadOptionsFunctions,
	INodeParameters,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { HarnessCredentialsHelper } from './credentialsHelper';
import { CapturingLogger } from './logger';
import { HarnessNodeTypes, loadOwnCredentialTypes, NODE_TYPE } from './nodeTypes';
import { harnessAdditionalData } from './runWorkflow';

export function loadOptionsContext(
	parameters: INodeParameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	path = 'parameters.idProperty',
): ILoadOptionsFunctions {
	new CapturingLogger().install();
	const node = {
		id: 'load-options',
		name: 'HubSpot Goal Targets',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { resource: 'goalTarget', operation: 'batchUpsert', ...parameters },
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: type, name: type }]),
		),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new HarnessNodeTypes(),
	});
	const helper = new HarnessCredentialsHelper(loadOwnCredentialTypes(), { ...credentials });
	return new LoadOptionsContext(workflow, node, harnessAdditionalData(helper), path);
}
