import { listExamples, loadExample } from '../../harness/examples';
import type { Sandbox } from '../../sandbox';
import { pairedIndexes, run, withSandbox } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await withSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

describe('example workflows', () => {
	const files = listExamples();

	it('exist', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	it.each(files)('%s runs green with the expected Success and Error items', async (file) => {
		const example = loadExample(file);
		const expected = example.meta?.expected;
		if (!expected) throw new Error(`${file} has no meta.expected block`);
		const result = await run(example, sandbox);
		expect(result.run.status).toBe('success');
		const [success = [], errors = []] = result.outputsOf(expected.node);
		expect({ success: success.length, error: errors.length }).toEqual({ success: expected.success, error: expected.error });
		// Every input item is on exactly one output.
		const paired = [...pairedIndexes(success), ...pairedIndexes(errors)].sort((a, b) => a - b);
		expect(paired).toEqual([...Array(expected.success + expected.error).keys()]);
		expect(sandbox.store.size).toBe(expected.success);
	});
});
