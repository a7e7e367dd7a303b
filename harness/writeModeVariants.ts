/**
 * A Write Mode example in both compare modes and every API version: the engine tests and the e2e
 * run each variant, so `changed` and `preview` are proven for every operation, ID kind and version
 * an example covers, not only in the one mode and version the example itself is saved with.
 */
import type { ExampleWorkflow, ExpectedOutputs } from './examples';

export const API_VERSIONS = ['v3', '2026-03', '2026-09'] as const;
export const COMPARE_MODES = ['changed', 'preview'] as const;

export type ApiVersion = (typeof API_VERSIONS)[number];
export type CompareMode = (typeof COMPARE_MODES)[number];

export interface WriteModeVariant {
	apiVersion: ApiVersion;
	writeMode: CompareMode;
	/** Whether this is the example as saved (same mode, every node of ours on this version). */
	asSaved: boolean;
	/** The example with every node of ours on `apiVersion` and the checked node in `writeMode`. */
	workflow: ExampleWorkflow;
	expected: ExpectedOutputs;
}

function isOurNode(node: { type?: unknown }): boolean {
	return typeof node.type === 'string' && /(^|\.)hubSpotGoalTargets$/.test(node.type);
}

function writeModeOf(example: ExampleWorkflow, nodeName: string): string | undefined {
	const options = example.nodes.find((node) => node.name === nodeName)?.parameters?.options;
	const mode = (options as Record<string, unknown> | undefined)?.writeMode;
	return typeof mode === 'string' ? mode : undefined;
}

/**
 * What a run in `mode` writes and leaves stored, from the example's figures in its own mode: the
 * change counts are the same in both modes (a preview says what the write would do); `changed`
 * writes the creates and updates on top of what the workflow seeds, `preview` writes none of them.
 */
function expectedIn(
	expected: ExpectedOutputs & { changes: NonNullable<ExpectedOutputs['changes']> },
	savedMode: CompareMode,
	mode: CompareMode,
): ExpectedOutputs {
	const { created, updated } = expected.changes;
	const sign = (m: CompareMode) => (m === 'changed' ? 1 : 0);
	const delta = sign(mode) - sign(savedMode);
	const written = expected.written ?? expected.success;
	const stored = expected.stored ?? expected.success;
	return {
		...expected,
		written: written + delta * (created + updated),
		stored: stored + delta * created,
	};
}

/** The example's variants; none when the example has no `meta.expected.changes` (not a Write Mode example). */
export function writeModeVariants(example: ExampleWorkflow): WriteModeVariant[] {
	const expected = example.meta?.expected;
	if (!expected?.changes) return [];
	const savedMode = writeModeOf(example, expected.node);
	if (savedMode !== 'changed' && savedMode !== 'preview')
		throw new Error(
			`${example.file}: meta.expected.changes needs node "${expected.node}" in Write Mode changed or preview, not ${savedMode ?? 'all'}`,
		);
	const ours = example.nodes.filter(isOurNode);
	const savedVersions = new Set(ours.map((node) => node.parameters?.apiVersion ?? 'v3'));
	const changes = expected.changes;
	return API_VERSIONS.flatMap((apiVersion) =>
		COMPARE_MODES.map((writeMode) => {
			const workflow = JSON.parse(JSON.stringify(example)) as ExampleWorkflow;
			for (const node of workflow.nodes) {
				if (!isOurNode(node)) continue;
				node.parameters = { ...node.parameters, apiVersion };
				if (node.name === expected.node)
					node.parameters.options = {
						...(node.parameters.options as Record<string, unknown>),
						writeMode,
					};
			}
			return {
				apiVersion,
				writeMode,
				asSaved:
					writeMode === savedMode && savedVersions.size === 1 && savedVersions.has(apiVersion),
				workflow,
				expected: expectedIn({ ...expected, changes }, savedMode, writeMode),
			};
		}),
	);
}
