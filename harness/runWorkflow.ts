/**
 * Runs a workflow in n8n's own execution engine (n8n-core's WorkflowExecute), with our node
 * loaded from dist/ as n8n loads it: for the workflow tests (test/workflow/), the demo and the benchmark.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// n8n-core keeps an instance key in its user folder: give it a throwaway one, not ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'hsgt-n8n-'));

import type {
	ICredentialDataDecryptedObject,
	IConnections,
	INode,
	INodeExecutionData,
	IRun,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { HarnessCredentialsHelper } from './credentialsHelper';
import { CapturingLogger } from './logger';
import { HarnessNodeTypes, loadOwnCredentialTypes, NODE_TYPE } from './nodeTypes';

export interface WorkflowDefinition {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export interface RunOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	nodeTypes?: HarnessNodeTypes;
	logger?: CapturingLogger;
	/** Cancels the execution this long after it starts, as the editor's Stop button does. */
	cancelAfterMs?: number;
}

export interface WorkflowRun {
	run: IRun;
	logger: CapturingLogger;
	credentialsHelper: HarnessCredentialsHelper;
	/** The outputs of a node's first run: [Success, Error] for ours. */
	outputsOf(nodeName: string): INodeExecutionData[][];
	/** The error a node stopped with, if it did. */
	errorOf(nodeName: string): Error | undefined;
}

let sharedNodeTypes: HarnessNodeTypes | undefined;

/** Points our node's credential references at the given credentials when the workflow names none. */
function withCredentialRefs(nodes: INode[], credentials: RunOptions['credentials']): INode[] {
	return nodes.map((node) => {
		if (node.type !== NODE_TYPE) return node;
		const refs = { ...(node.credentials ?? {}) };
		for (const type of Object.keys(credentials)) refs[type] ??= { id: type, name: type };
		return { ...node, credentials: refs };
	});
}

/** What the engine asks of n8n's server during a run; anything else is absent, as in a server without it. */
export function harnessAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const known: Partial<IWorkflowExecuteAdditionalData> = {
		hooks,
		credentialsHelper,
		executionId: 'harness-execution',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		currentNodeParameters: undefined,
		variables: {},
		userId: 'harness-user',
	};
	return new Proxy(known, {
		get: (target, key) => (target as Record<string | symbol, unknown>)[key],
	}) as IWorkflowExecuteAdditionalData;
}

export async function runWorkflow(
	definition: WorkflowDefinition,
	options: RunOptions,
): Promise<WorkflowRun> {
	const nodeTypes = options.nodeTypes ?? (sharedNodeTypes ??= new HarnessNodeTypes());
	const logger = (options.logger ?? new CapturingLogger()).install();
	const credentialsHelper = new HarnessCredentialsHelper(loadOwnCredentialTypes(), {
		...options.credentials,
	});

	const workflow = new Workflow({
		id: 'harness',
		name: definition.name ?? 'harness',
		nodes: withCredentialRefs(definition.nodes, options.credentials),
		connections: definition.connections,
		nodeTypes,
		settings: definition.settings,
		active: false,
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', {
		id: 'harness',
		name: definition.name ?? 'harness',
		nodes: definition.nodes,
		connections: definition.connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

	const additionalData = harnessAdditionalData(credentialsHelper, hooks);

	const startNode = workflow.getStartNode();
	if (!startNode) throw new Error('The workflow has no start node');
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});

	const engine = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const execution = engine.processRunExecutionData(workflow);
	const cancelling =
		options.cancelAfterMs === undefined
			? undefined
			: setTimeout(() => execution.cancel(), options.cancelAfterMs);
	const settled = await execution;
	clearTimeout(cancelling);
	// Cancelled, n8n reports the run at once, without the nodes still running: the run the engine
	// settles with once they are done has their outcomes.
	const run = execution.isCanceled && settled ? settled : await finished;

	return {
		run,
		logger,
		credentialsHelper,
		outputsOf(nodeName: string) {
			const task = run.data.resultData.runData[nodeName]?.[0];
			if (!task) throw new Error(`Node "${nodeName}" did not run`);
			return (task.data?.main ?? []).map((items: INodeExecutionData[] | null) => items ?? []);
		},
		errorOf(nodeName: string) {
			return run.data.resultData.runData[nodeName]?.[0]?.error as Error | undefined;
		},
	};
}
