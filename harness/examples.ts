import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import type { WorkflowDefinition } from './runWorkflow';

export interface ExampleWorkflow extends WorkflowDefinition {
	file: string;
	meta?: { expected?: { node: string; success: number; error: number } };
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
