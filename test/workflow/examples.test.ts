import { readdirSync } from 'node:fs';

import type { ResourceMapperFields } from 'n8n-workflow';

import {
	changeCountsOf,
	EXAMPLES_DIR,
	listExamples,
	loadExample,
	operationOf,
	READ_OPERATIONS,
} from '../../harness/examples';
import { expectedMapperSchema, mapperOf } from '../../harness/exampleSchema';
import { loadOptionsContext } from '../../harness/loadOptions';
import { loadOwnNode, NODE_TYPE } from '../../harness/nodeTypes';
import { pairedIndexes, run, tokenCredentials } from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });

describe('example workflows', () => {
	const files = listExamples();

	it('are every file in examples/, each checking the outputs of one of our nodes', () => {
		// A file not named *.workflow.json would be left out of the runs below without a word.
		expect(files.length).toBeGreaterThan(0);
		expect(files).toEqual(readdirSync(EXAMPLES_DIR).sort());
		for (const file of files) {
			const { nodes, meta } = loadExample(file);
			const checked = nodes.find((node) => node.name === meta?.expected?.node);
			expect({ file, checks: checked?.type }).toEqual({ file, checks: NODE_TYPE });
		}
	});

	it.each(files)('%s runs green with the expected Success and Error items', async (file) => {
		const example = loadExample(file);
		const expected = example.meta?.expected;
		if (!expected) throw new Error(`${file} has no meta.expected block`);
		const result = await run(example, sandbox);
		expect(result.run.status).toBe('success');
		const [success = [], errors = []] = result.outputsOf(expected.node);
		expect({ success: success.length, error: errors.length }).toEqual({
			success: expected.success,
			error: expected.error,
		});
		const paired = [...pairedIndexes(success), ...pairedIndexes(errors)].sort((a, b) => a - b);
		if (READ_OPERATIONS.includes(operationOf(example, expected.node) ?? '')) {
			// A read: every record found is in the account, each item paired with an input item, and the
			// items whose read failed are on Error.
			expect(success.every((item) => sandbox.store.get(String(item.json.id)) !== undefined)).toBe(
				true,
			);
			expect(paired.every((index) => Number.isInteger(index) && index >= 0)).toBe(true);
		} else {
			// Every input item is on exactly one output.
			expect(paired).toEqual([...Array(expected.success + expected.error).keys()]);
			const counters = sandbox.counters();
			expect(counters.recordsCreated + counters.recordsUpdated).toBe(
				expected.written ?? expected.success,
			);
		}
		expect(sandbox.store.size).toBe(expected.stored ?? expected.success);
		// Write Mode changed/preview: what each input meant for its record.
		if (expected.changes) expect(changeCountsOf(success, errors)).toEqual(expected.changes);
	});

	it.each(files.filter((file) => mapperOf(loadExample(file))))(
		'%s carries the mapper schema the node offers, so the editor does not call it outdated',
		async (file) => {
			const mapper = mapperOf(loadExample(file))!;
			const context = loadOptionsContext({}, tokenCredentials(sandbox));
			const { fields } = (await loadOwnNode().methods!.resourceMapping!.getPropertyColumns.call(
				context,
			)) as ResourceMapperFields;
			// `npx tsx scripts/sync-example-schemas.ts` rewrites them after a change to the node's fields.
			expect(mapper.schema).toEqual(expectedMapperSchema(mapper, fields));
		},
	);
});
