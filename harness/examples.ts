import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { WorkflowDefinition } from './runWorkflow';

export interface ExpectedOutputs {
	/** The node whose outputs are checked. */
	node: string;
	success: number;
	error: number;
	/** Goal targets the sandbox holds after the run; by default as many as Success items (a write). */
	stored?: number;
	/** Records the whole workflow creates or updates (an example that seeds records first); by default as many as Success items. */
	written?: number;
	/**
	 * Write Mode changed/preview: the Success items by their `change` (create, update, none) and the Error items,
	 * as the node's execution hint counts them.
	 */
	changes?: ChangeCounts;
}

export interface ChangeCounts {
	created: number;
	updated: number;
	unchanged: number;
	failed: number;
}

/** The change counts of a node's outputs: Success items by `change`, Error items as failed. */
export function changeCountsOf(
	success: Array<{ json: Record<string, unknown> }>,
	errors: unknown[],
): ChangeCounts {
	const count = (change: string) => success.filter((item) => item.json.change === change).length;
	return {
		created: count('create'),
		updated: count('update'),
		unchanged: count('none'),
		failed: errors.length,
	};
}

export interface ExampleWorkflow extends WorkflowDefinition {
	file: string;
	meta?: { expected?: ExpectedOutputs };
}

/** Operations that read goal targets: their Success items are records found, not one per input item. */
export const READ_OPERATIONS: readonly string[] = ['getAll', 'search'];

/** The `operation` of the example's checked node. */
export function operationOf(example: ExampleWorkflow, nodeName: string): string | undefined {
	const operation = example.nodes.find((node) => node.name === nodeName)?.parameters?.operation;
	return typeof operation === 'string' ? operation : undefined;
}

export const EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');

export function loadExample(file: string): ExampleWorkflow {
	const parsed = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;
	return { ...parsed, file };
}

export function listExamples(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.workflow.json'))
		.sort();
}
